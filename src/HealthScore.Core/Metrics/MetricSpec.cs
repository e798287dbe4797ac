namespace HealthScore.Core.Metrics;

/// <summary>Names a metric a built-in provider produces: which measure, over which window, and whether as a period-over-period change.</summary>
/// <typeparam name="TMeasure">The provider's measure enumeration, for example <see cref="UsageMeasure"/>.</typeparam>
/// <param name="Id">The metric id the value is reported under.</param>
/// <param name="Measure">What is measured.</param>
/// <param name="WindowDays">The window, in days (1 to 3650): the measure covers (asOf − WindowDays, asOf]. Measures that are not windowed (days since, open now) ignore it unless <paramref name="Change"/> is set, which then compares asOf with asOf − WindowDays.</param>
/// <param name="Change">Whether the value is the measure itself or its change against the previous window.</param>
public readonly record struct MetricSpec<TMeasure>(string Id, TMeasure Measure, int WindowDays = 30, PeriodChange Change = PeriodChange.None)
    where TMeasure : struct, Enum;
