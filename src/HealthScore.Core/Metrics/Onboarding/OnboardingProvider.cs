using HealthScore.Core.Model;

namespace HealthScore.Core.Metrics;

/// <summary>Onboarding metrics from milestones: completion ratio and overdue milestones. Immutable and thread-safe.</summary>
public sealed class OnboardingProvider : IMetricProvider
{
    private static readonly MeasureInfo[] Infos =
    [
        new("ratio", MetricDirection.HigherIsBetter, "Share of onboarding milestones completed", IsCount: false, Windowed: false),
        new("milestones", MetricDirection.LowerIsBetter, "Onboarding milestones overdue", IsCount: true, Windowed: false),
    ];

    private readonly ProviderFrame<OnboardingMeasure, Computer> _frame;

    /// <summary>Creates the provider with the default options.</summary>
    public OnboardingProvider()
        : this(new OnboardingProviderOptions())
    {
    }

    /// <summary>Creates the provider.</summary>
    /// <param name="options">The options; read, not kept.</param>
    /// <exception cref="HealthModelException">The options are invalid; every problem is listed.</exception>
    public OnboardingProvider(OnboardingProviderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _frame = new("onboarding", options.Metrics, Infos, default(Computer));
    }

    /// <inheritdoc/>
    public IReadOnlyList<MetricDescriptor> Metrics => _frame.Metrics;

    /// <inheritdoc/>
    public void Compute(in AccountRecords records, DateTimeOffset asOf, Span<double> destination) => _frame.Compute(records, asOf, destination);

    private readonly struct Computer : IMeasureComputer<OnboardingMeasure>
    {
        public RecordSources Source => RecordSources.OnboardingMilestones;

        public void Measure(in AccountRecords records, MeasureSet measures, DateTimeOffset end, int days, Span<double> values)
        {
            var milestones = records.Milestones.Span;
            int done = 0, overdue = 0;
            foreach (ref readonly var m in milestones)
            {
                var completed = m.Completed is { } at && at <= end;
                done += completed ? 1 : 0;
                overdue += !completed && m.Due < end ? 1 : 0;
            }

            if (measures.Contains((int)OnboardingMeasure.CompletionRatio))
            {
                values[(int)OnboardingMeasure.CompletionRatio] = milestones.Length == 0 ? double.NaN : (double)done / milestones.Length;
            }

            if (measures.Contains((int)OnboardingMeasure.OverdueMilestones))
            {
                values[(int)OnboardingMeasure.OverdueMilestones] = overdue;
            }
        }
    }
}
