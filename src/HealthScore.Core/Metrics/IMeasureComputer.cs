namespace HealthScore.Core.Metrics;

/// <summary>The part of a built-in provider particular to its family: how its measures are computed from the records.</summary>
/// <typeparam name="TMeasure">The family's measure enumeration.</typeparam>
/// <remarks>
/// Implemented by a struct, so the JIT specialises <see cref="ProviderFrame{TMeasure, TComputer}"/> for each family:
/// the call is direct and may be inlined, with no delegate, no boxing and no allocation. The frame asks for every
/// measure that shares a window at once, so a family computes them all in one pass over its records.
/// </remarks>
internal interface IMeasureComputer<TMeasure>
    where TMeasure : struct, Enum
{
    /// <summary>Gets the record source the family reads, or <see cref="RecordSources.None"/> when it reads only the account.</summary>
    /// <value>When the source is absent, the frame writes every metric as missing without calling <see cref="Measure"/>.</value>
    RecordSources Source { get; }

    /// <summary>Computes a set of measures over the window that ends at <paramref name="end"/> and spans <paramref name="days"/> days.</summary>
    /// <param name="records">The account's records; <see cref="Source"/> is present in them.</param>
    /// <param name="measures">The measures to compute; at least one.</param>
    /// <param name="end">The end of the window, inclusive; records after it have not happened yet.</param>
    /// <param name="days">The window's length; a measure that is not windowed ignores it.</param>
    /// <param name="values">
    /// Receives the value of each measure in <paramref name="measures"/> at the measure's number (NaN when there is no
    /// evidence); the other entries are left as they are. Holds <see cref="MeasureSet.Capacity"/> entries.
    /// </param>
    void Measure(in AccountRecords records, MeasureSet measures, DateTimeOffset end, int days, Span<double> values);
}
