namespace HealthScore.Orleans;

/// <summary>How account grains evaluate and what they keep. Bind it with <c>AddHealthScoreGrains(o =&gt; …)</c>.</summary>
public sealed class HealthGrainOptions
{
    /// <summary>Gets or sets how long a grain waits after a batch changed its inputs before it evaluates, so a burst of batches costs one evaluation. Default 2 seconds; <see cref="TimeSpan.Zero"/> turns evaluation on change off.</summary>
    public TimeSpan EvaluationDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets or sets how often a grain evaluates on its own, through an Orleans reminder (durable across silo restarts), so scores age and cooldowns run out without new data. Default one day; <see langword="null"/> turns the schedule off.</summary>
    public TimeSpan? EvaluationInterval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Gets or sets how many days of records a grain keeps, counted back from its newest record; it must cover the longest window of the model's providers. Default 400.</summary>
    public int RecordRetentionDays { get; set; } = 400;

    /// <summary>Gets or sets how many of the latest batch ids a grain remembers to recognise a batch delivered again. Default 1,000.</summary>
    public int RememberedBatches { get; set; } = 1000;

    /// <summary>Gets or sets the clock that debounced and scheduled evaluations take their as-of date from; <see langword="null"/> (the default) for the registered <see cref="System.TimeProvider"/>, else <see cref="TimeProvider.System"/>. Only these as-of dates come from a clock: a portfolio run names its own.</summary>
    public TimeProvider? Clock { get; set; }

    /// <summary>Gets or sets how many accounts a portfolio run evaluates at once across the cluster. Default 64.</summary>
    public int PortfolioConcurrency { get; set; } = 64;
}
