namespace HealthScore.Core.Metrics;

/// <summary>
/// Everything known about one account, as views over the host's own buffers: arrays, array segments or any
/// <see cref="ReadOnlyMemory{T}"/>, so nothing is copied. Records may come in any order and may include records
/// after the as-of date; providers ignore those.
/// </summary>
public readonly struct AccountRecords
{
    /// <summary>Gets the account; <see langword="null"/> when unknown (tenure and seat metrics are then missing).</summary>
    public Account? Account { get; init; }

    /// <summary>Gets the product events.</summary>
    public ReadOnlyMemory<ProductEvent> Events { get; init; }

    /// <summary>Gets the support tickets.</summary>
    public ReadOnlyMemory<SupportTicket> Tickets { get; init; }

    /// <summary>Gets the survey responses, answered or not.</summary>
    public ReadOnlyMemory<SurveyResponse> Surveys { get; init; }

    /// <summary>Gets the touch points.</summary>
    public ReadOnlyMemory<TouchPoint> Touches { get; init; }

    /// <summary>Gets the onboarding milestones.</summary>
    public ReadOnlyMemory<OnboardingMilestone> Milestones { get; init; }

    /// <summary>Gets the goals.</summary>
    public ReadOnlyMemory<Goal> Goals { get; init; }

    /// <summary>Gets the sources the host declares present even when they hold no records (see <see cref="Has"/>).</summary>
    /// <value>The default value is <see cref="RecordSources.None"/>: only non-empty sources count as present.</value>
    public RecordSources Sources { get; init; }

    /// <summary>Gets records of kinds the library does not define, for third-party providers (see <see cref="GetExtension{T}"/>).</summary>
    public ReadOnlyMemory<object> Extensions { get; init; }

    /// <summary>
    /// Tells whether the host supplied data of a kind: the source holds at least one record, or the host declared it
    /// in <see cref="Sources"/>. When it did, zero records in a window is a fact (a count of 0); when it did not,
    /// there is no evidence and the metric is missing.
    /// </summary>
    /// <param name="source">One source.</param>
    /// <returns><see langword="true"/> when the source is present.</returns>
    public bool Has(RecordSources source)
    {
        if ((Sources & source) == source && source != RecordSources.None)
        {
            return true;
        }

        return source switch
        {
            RecordSources.ProductEvents => !Events.IsEmpty,
            RecordSources.SupportTickets => !Tickets.IsEmpty,
            RecordSources.Surveys => !Surveys.IsEmpty,
            RecordSources.TouchPoints => !Touches.IsEmpty,
            RecordSources.OnboardingMilestones => !Milestones.IsEmpty,
            RecordSources.Goals => !Goals.IsEmpty,
            _ => false,
        };
    }

    /// <summary>Returns the first extension of type <typeparamref name="T"/>, or <see langword="null"/>. Allocates nothing.</summary>
    /// <typeparam name="T">The extension's type, defined by the provider that reads it.</typeparam>
    /// <returns>The extension, or <see langword="null"/> when the host supplied none.</returns>
    public T? GetExtension<T>()
        where T : class
    {
        foreach (var item in Extensions.Span)
        {
            if (item is T found)
            {
                return found;
            }
        }

        return null;
    }
}
