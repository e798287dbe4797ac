using HealthScore.Core.Model;

namespace HealthScore.Core.Metrics;

/// <summary>
/// Value metrics from goals measured against non-monetary benchmarks: goal attainment and goals met. A goal measured
/// after the as-of date is ignored. Immutable and thread-safe.
/// </summary>
public sealed class ValueProvider : IMetricProvider
{
    private static readonly MeasureInfo[] Infos =
    [
        new("ratio", MetricDirection.HigherIsBetter, "Mean attainment of the customer's goals (achieved / target)", IsCount: false, Windowed: false),
        new("goals", MetricDirection.HigherIsBetter, "Goals reached", IsCount: true, Windowed: false),
    ];

    private readonly ProviderFrame<ValueMeasure, Computer> _frame;

    /// <summary>Creates the provider with the default options.</summary>
    public ValueProvider()
        : this(new ValueProviderOptions())
    {
    }

    /// <summary>Creates the provider.</summary>
    /// <param name="options">The options; read, not kept.</param>
    /// <exception cref="HealthModelException">The options are invalid; every problem is listed.</exception>
    public ValueProvider(ValueProviderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _frame = new("value", options.Metrics, Infos, default(Computer));
    }

    /// <inheritdoc/>
    public IReadOnlyList<MetricDescriptor> Metrics => _frame.Metrics;

    /// <inheritdoc/>
    public void Compute(in AccountRecords records, DateTimeOffset asOf, Span<double> destination) => _frame.Compute(records, asOf, destination);

    private readonly struct Computer : IMeasureComputer<ValueMeasure>
    {
        public RecordSources Source => RecordSources.Goals;

        public void Measure(in AccountRecords records, MeasureSet measures, DateTimeOffset end, int days, Span<double> values)
        {
            int n = 0, met = 0;
            var sum = 0.0;
            foreach (ref readonly var g in records.Goals.Span)
            {
                if (g.Target > 0 && double.IsFinite(g.Target) && double.IsFinite(g.Achieved) && (g.MeasuredAt is not { } at || at <= end))
                {
                    n++;
                    sum += g.Achieved / g.Target;
                    met += g.Achieved >= g.Target ? 1 : 0;
                }
            }

            if (measures.Contains((int)ValueMeasure.GoalAttainment))
            {
                values[(int)ValueMeasure.GoalAttainment] = n == 0 ? double.NaN : ProviderKit.Finite(sum / n);
            }

            if (measures.Contains((int)ValueMeasure.GoalsMet))
            {
                values[(int)ValueMeasure.GoalsMet] = met;
            }
        }
    }
}
