namespace HealthScore.Orleans;

/// <summary>What an account's grain did with a batch. Returned only once the batch is durable in grain storage and the history store.</summary>
[GenerateSerializer]
[Immutable]
public sealed class IngestReceipt
{
    /// <summary>Gets the batch's id.</summary>
    [Id(0)]
    public required string BatchId { get; init; }

    /// <summary>Gets whether the grain had seen the batch before, so it changed nothing.</summary>
    [Id(1)]
    public bool Duplicate { get; init; }

    /// <summary>Gets the number of records the batch added or replaced.</summary>
    [Id(2)]
    public int Records { get; init; }

    /// <summary>Gets whether an evaluation was scheduled because the inputs changed.</summary>
    [Id(3)]
    public bool EvaluationScheduled { get; init; }
}
