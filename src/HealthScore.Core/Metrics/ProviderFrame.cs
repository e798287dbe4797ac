using System.Globalization;
using HealthScore.Core.Model;

namespace HealthScore.Core.Metrics;

/// <summary>
/// What every built-in provider does the same way: the validated metric specs and their descriptors, the destination
/// check, missing values when the family's source is absent, and the loop that writes each spec's measure and, for a
/// period-over-period spec, its change.
/// </summary>
/// <typeparam name="TMeasure">The family's measure enumeration.</typeparam>
/// <typeparam name="TComputer">The family's measures; a struct, so this frame is specialised for it.</typeparam>
internal readonly struct ProviderFrame<TMeasure, TComputer>
    where TMeasure : struct, Enum
    where TComputer : struct, IMeasureComputer<TMeasure>
{
    private readonly MetricSpec<TMeasure>[] _specs;
    private readonly MetricDescriptor[] _descriptors;
    private readonly TComputer _computer;

    /// <summary>Validates the metric specs and builds their descriptors.</summary>
    /// <param name="provider">The provider's name in error locations, for example <c>usage</c>.</param>
    /// <param name="metrics">The specs from the options.</param>
    /// <param name="infos">The facts of each measure, indexed by the measure's value.</param>
    /// <param name="computer">The family's measures.</param>
    /// <exception cref="HealthModelException">The specs are invalid; every problem is listed.</exception>
    public ProviderFrame(string provider, IList<MetricSpec<TMeasure>>? metrics, MeasureInfo[] infos, TComputer computer)
    {
        var errors = new List<ModelError>();
        (_specs, _descriptors) = ProviderKit.Build(provider, metrics, infos, errors);
        ProviderKit.ThrowIfAny(errors);
        _computer = computer;
    }

    /// <summary>Wraps specs already validated by <see cref="ProviderKit.Build"/>, for a provider that checks options of its own as well.</summary>
    /// <param name="specs">The validated specs.</param>
    /// <param name="descriptors">Their descriptors, one per spec.</param>
    /// <param name="computer">The family's measures.</param>
    public ProviderFrame(MetricSpec<TMeasure>[] specs, MetricDescriptor[] descriptors, TComputer computer)
    {
        _specs = specs;
        _descriptors = descriptors;
        _computer = computer;
    }

    /// <summary>Gets the descriptors, in the order <see cref="Compute"/> writes the values.</summary>
    public IReadOnlyList<MetricDescriptor> Metrics => _descriptors;

    /// <summary>Writes each spec's measure as of <paramref name="asOf"/>, or its change against the window one window earlier.</summary>
    /// <param name="records">The account's records.</param>
    /// <param name="asOf">The as-of date.</param>
    /// <param name="destination">Receives one value per spec.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
    public void Compute(in AccountRecords records, DateTimeOffset asOf, Span<double> destination)
    {
        var specs = _specs;
        if (destination.Length < specs.Length)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The destination holds {destination.Length} values; the provider writes {specs.Length}."), nameof(destination));
        }

        // A local copy: calling the computer through a readonly field of an unknown struct would copy it on every call.
        var computer = _computer;
        if (computer.Source != RecordSources.None && !records.Has(computer.Source))
        {
            // No evidence: not even a count is 0 when the host has no data of the kind.
            destination[..specs.Length].Fill(double.NaN);
            return;
        }

        for (var i = 0; i < specs.Length; i++)
        {
            var spec = specs[i];
            var value = computer.Measure(records, spec.Measure, asOf, spec.WindowDays);
            if (spec.Change != PeriodChange.None)
            {
                value = Change(value, computer.Measure(records, spec.Measure, asOf.AddDays(-spec.WindowDays), spec.WindowDays), spec.Change);
            }

            destination[i] = value;
        }
    }

    private static double Change(double current, double previous, PeriodChange change) => change switch
    {
        PeriodChange.Ratio => previous == 0 ? double.NaN : ProviderKit.Finite(current / previous),
        PeriodChange.Difference => ProviderKit.Finite(current - previous),
        _ => current,
    };
}
