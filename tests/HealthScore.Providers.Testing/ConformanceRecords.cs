using HealthScore.Core.Metrics;

namespace HealthScore.Providers.Testing;

/// <summary>
/// Transformations of the built-in record kinds used by <see cref="MetricProviderConformanceTests{TProvider}"/>.
/// <see cref="AccountRecords.Extensions"/> are passed through unchanged: a provider that reads extension records
/// overrides the matching virtual method of the conformance tests.
/// </summary>
public static class ConformanceRecords
{
    /// <summary>Reverses the order of every record kind.</summary>
    /// <param name="records">The records.</param>
    /// <returns>The same records in reverse order.</returns>
    public static AccountRecords Reverse(in AccountRecords records) => records with
    {
        Events = Reversed(records.Events),
        Tickets = Reversed(records.Tickets),
        Surveys = Reversed(records.Surveys),
        Touches = Reversed(records.Touches),
        Milestones = Reversed(records.Milestones),
        Goals = Reversed(records.Goals),
    };

    /// <summary>Appends a copy of every record, so each appears twice, copies interleaved out of order.</summary>
    /// <param name="records">The records.</param>
    /// <returns>The records, each twice.</returns>
    public static AccountRecords Duplicate(in AccountRecords records) => records with
    {
        Events = Twice(records.Events),
        Tickets = Twice(records.Tickets),
        Surveys = Twice(records.Surveys),
        Touches = Twice(records.Touches),
        Milestones = Twice(records.Milestones),
        Goals = Twice(records.Goals),
    };

    /// <summary>Moves every time, including the account's contract dates, by <paramref name="offset"/>.</summary>
    /// <param name="records">The records.</param>
    /// <param name="offset">How far to move them.</param>
    /// <returns>The moved records.</returns>
    public static AccountRecords Shift(in AccountRecords records, TimeSpan offset) => records with
    {
        Account = records.Account is null ? null : CopyAccount(records.Account, records.Account.ContractStart + offset, records.Account.RenewalDate + offset),
        Events = Map(records.Events, e => e with { Time = e.Time + offset }),
        Tickets = Map(records.Tickets, t => t with { Opened = t.Opened + offset, Closed = t.Closed + offset }),
        Surveys = Map(records.Surveys, s => s with { Time = s.Time + offset }),
        Touches = Map(records.Touches, t => t with { Time = t.Time + offset }),
        Milestones = Map(records.Milestones, m => m with { Due = m.Due + offset, Completed = m.Completed + offset }),
        Goals = Map(records.Goals, g => g with { MeasuredAt = g.MeasuredAt + offset }),
    };

    /// <summary>
    /// Adds, for every record, a copy dated after <paramref name="asOf"/> (one tick after, and a year after): a provider
    /// that honours the as-of date computes the same values with or without them. Copies of tickets are still open and
    /// copies of milestones are due and completed after the as-of date.
    /// </summary>
    /// <param name="records">The records.</param>
    /// <param name="asOf">The as-of date.</param>
    /// <returns>The records plus later copies.</returns>
    public static AccountRecords AddAfterAsOf(in AccountRecords records, DateTimeOffset asOf)
    {
        var tick = asOf.AddTicks(1);
        var year = asOf.AddDays(365);
        return records with
        {
            Events = Concat(records.Events, Map(records.Events, e => e with { Time = tick }), Map(records.Events, e => e with { Time = year })),
            Tickets = Concat(records.Tickets, Map(records.Tickets, t => t with { Opened = tick, Closed = null, Status = TicketStatus.Open }), Map(records.Tickets, t => t with { Opened = tick, Closed = year })),
            Surveys = Concat(records.Surveys, Map(records.Surveys, s => s with { Time = tick }), Map(records.Surveys, s => s with { Time = year })),
            Touches = Concat(records.Touches, Map(records.Touches, t => t with { Time = tick }), Map(records.Touches, t => t with { Time = year })),
            Milestones = Concat(records.Milestones, ReadOnlyMemory<OnboardingMilestone>.Empty, ReadOnlyMemory<OnboardingMilestone>.Empty),
            Goals = Concat(records.Goals, Map(records.Goals, g => g with { MeasuredAt = tick, Achieved = g.Achieved * 3 + 1 }), ReadOnlyMemory<Goal>.Empty),
        };
    }

    /// <summary>Adds a copy of every record whose numbers are NaN (quantities, scores, targets, achievements).</summary>
    /// <param name="records">The records.</param>
    /// <returns>The records plus NaN copies.</returns>
    public static AccountRecords AddNaN(in AccountRecords records) => records with
    {
        Events = Concat(records.Events, Map(records.Events, e => e with { Quantity = double.NaN }), ReadOnlyMemory<ProductEvent>.Empty),
        Surveys = Concat(records.Surveys, Map(records.Surveys, s => s with { Score = double.NaN }), ReadOnlyMemory<SurveyResponse>.Empty),
        Goals = Concat(records.Goals, Map(records.Goals, g => g with { Achieved = double.NaN }), Map(records.Goals, g => g with { Target = double.NaN })),
    };

    private static Account CopyAccount(Account account, DateTimeOffset? start, DateTimeOffset? renewal) => new()
    {
        Id = account.Id,
        Name = account.Name,
        ContractStart = start,
        RenewalDate = renewal,
        LicensedSeats = account.LicensedSeats,
        Value = account.Value,
        Segment = account.Segment,
        ParentId = account.ParentId,
        Consents = account.Consents,
        Fields = account.Fields,
    };

    private static T[] Reversed<T>(ReadOnlyMemory<T> source)
    {
        var copy = source.ToArray();
        Array.Reverse(copy);
        return copy;
    }

    private static T[] Twice<T>(ReadOnlyMemory<T> source)
    {
        var copy = new T[source.Length * 2];
        var span = source.Span;
        for (var i = 0; i < span.Length; i++)
        {
            copy[i] = span[span.Length - 1 - i];
            copy[span.Length + i] = span[i];
        }

        return copy;
    }

    private static T[] Map<T>(ReadOnlyMemory<T> source, Func<T, T> map)
    {
        var copy = source.ToArray();
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] = map(copy[i]);
        }

        return copy;
    }

    private static T[] Concat<T>(ReadOnlyMemory<T> a, ReadOnlyMemory<T> b, ReadOnlyMemory<T> c)
    {
        var copy = new T[a.Length + b.Length + c.Length];
        a.CopyTo(copy);
        b.CopyTo(copy.AsMemory(a.Length));
        c.CopyTo(copy.AsMemory(a.Length + b.Length));
        return copy;
    }
}
