namespace HealthScore.Core.Tuning;

/// <summary>How <see cref="ModelTuner.Tune"/> fits and cross-validates a model.</summary>
public sealed class TuningOptions
{
    /// <summary>Gets or sets the number of cross-validation folds.</summary>
    /// <value>The default value is 5; at least 2.</value>
    public int Folds { get; set; } = 5;

    /// <summary>Gets or sets the seed that shuffles accounts into folds, so every run gives the same folds and the same model.</summary>
    /// <value>The default value is 1.</value>
    public ulong Seed { get; set; } = 1;

    /// <summary>
    /// Gets or sets how many segments each metric's proposed scoring function may have: the break points are
    /// the metric's quantiles (0, 1/n, 2/n … 1) in the training data, rounded to three significant digits of its range.
    /// </summary>
    /// <value>The default value is 8; between 1 and 64.</value>
    public int Segments { get; set; } = 8;

    /// <summary>
    /// Gets or sets the L2 penalty on the fitted coefficients (λ in λ/2 Σ θ²). Larger values shrink the
    /// proposal towards equal, flatter functions; 0 fits the training data as closely as the constraints allow.
    /// </summary>
    /// <value>The default value is 1.</value>
    public double Penalty { get; set; } = 1;

    /// <summary>Gets or sets the most reweighting steps the solver takes.</summary>
    /// <value>The default value is 100.</value>
    public int MaxIterations { get; set; } = 100;

    /// <summary>
    /// Gets or sets the smallest share of the total weight a metric keeps. The data may give a metric no weight (for
    /// example one that contradicts its direction); it stays in the model with this share so rules, actions and
    /// explanations that name it still work, and the result flags it.
    /// </summary>
    /// <value>The default value is 0.005 (half a percent); between 0 (exclusive) and 0.1.</value>
    public double MinimumWeightShare { get; set; } = 0.005;

    /// <summary>
    /// Gets the churn rates bands should meet. Each target moves the lower bound of the band above it, so that every
    /// account left in the band is where the observed churn rate is at least the target. Leave empty to keep the bands.
    /// </summary>
    public IList<BandTarget> BandTargets { get; } = [];

    /// <summary>Gets or sets the settings of the before and after evaluation reports.</summary>
    public EvaluationOptions Evaluation { get; set; } = new();
}
