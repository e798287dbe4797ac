using System.Globalization;
using HealthScore.Core.Model;

namespace HealthScore.Core.Metrics;

/// <summary>
/// What every built-in provider does the same way: the validated metric specs and their descriptors, the destination
/// check, missing values when the family's source is absent, and the passes that compute the specs' measures and, for
/// a period-over-period spec, its change.
/// </summary>
/// <remarks>
/// The specs are grouped into passes when the frame is built: one pass per window (its end, as-of or one window
/// earlier, and its length), holding every measure computed over that window, so the family visits its records once
/// per window rather than once per metric. A measure that is not windowed joins any pass with the same end.
/// </remarks>
/// <typeparam name="TMeasure">The family's measure enumeration.</typeparam>
/// <typeparam name="TComputer">The family's measures; a struct, so this frame is specialised for it.</typeparam>
internal readonly struct ProviderFrame<TMeasure, TComputer>
    where TMeasure : struct, Enum
    where TComputer : struct, IMeasureComputer<TMeasure>
{
    private readonly MetricSpec<TMeasure>[] _specs;
    private readonly MetricDescriptor[] _descriptors;
    private readonly Pass[] _passes;
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
        _passes = Plan(_specs, infos);
        _computer = computer;
    }

    /// <summary>Wraps specs already validated by <see cref="ProviderKit.Build"/>, for a provider that checks options of its own as well.</summary>
    /// <param name="specs">The validated specs.</param>
    /// <param name="descriptors">Their descriptors, one per spec.</param>
    /// <param name="infos">The facts of each measure, indexed by the measure's value.</param>
    /// <param name="computer">The family's measures.</param>
    public ProviderFrame(MetricSpec<TMeasure>[] specs, MetricDescriptor[] descriptors, MeasureInfo[] infos, TComputer computer)
    {
        _specs = specs;
        _descriptors = descriptors;
        _passes = Plan(specs, infos);
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

        // The passes over the current windows come first, so a change's current value is in the destination when the
        // pass over its previous window combines it with the previous value.
        Span<double> values = stackalloc double[MeasureSet.Capacity];
        foreach (var pass in _passes)
        {
            var end = pass.ShiftDays == 0 ? asOf : asOf.AddDays(-pass.ShiftDays);
            computer.Measure(records, pass.Measures, end, pass.Days, values);
            var outputs = pass.Outputs;
            for (var k = 0; k < outputs.Length; k++)
            {
                var (index, measure) = outputs[k];
                destination[index] = pass.ShiftDays == 0 ? values[measure] : Change(destination[index], values[measure], specs[index].Change);
            }
        }
    }

    private static Pass[] Plan(MetricSpec<TMeasure>[] specs, MeasureInfo[] infos)
    {
        if (infos.Length > MeasureSet.Capacity)
        {
            throw new ArgumentOutOfRangeException(nameof(infos), "A family has at most 32 measures.");
        }

        var passes = new List<(int Shift, int Days, List<(int Index, int Measure)> Outputs)>();
        // Windowed measures fix a pass's length; the others then join any pass with the same end.
        foreach (var previous in new[] { false, true })
        {
            foreach (var windowed in new[] { true, false })
            {
                for (var i = 0; i < specs.Length; i++)
                {
                    var spec = specs[i];
                    var measure = Convert.ToInt32(spec.Measure, CultureInfo.InvariantCulture);
                    if (infos[measure].Windowed != windowed || (previous && spec.Change == PeriodChange.None))
                    {
                        continue;
                    }

                    var shift = previous ? spec.WindowDays : 0;
                    var at = passes.FindIndex(p => p.Shift == shift && (!windowed || p.Days == spec.WindowDays));
                    if (at < 0)
                    {
                        at = passes.Count;
                        passes.Add((shift, spec.WindowDays, []));
                    }

                    passes[at].Outputs.Add((i, measure));
                }
            }
        }

        return [.. passes.OrderBy(static p => p.Shift == 0 ? 0 : 1).Select(static p => new Pass(p.Shift, p.Days, [.. p.Outputs]))];
    }

    private static double Change(double current, double previous, PeriodChange change) => change switch
    {
        PeriodChange.Ratio => previous == 0 ? double.NaN : ProviderKit.Finite(current / previous),
        PeriodChange.Difference => ProviderKit.Finite(current - previous),
        _ => current,
    };

    /// <summary>One pass over the records: the window, the measures computed over it, and where each spec's value goes.</summary>
    private sealed class Pass
    {
        public Pass(int shiftDays, int days, (int Index, int Measure)[] outputs)
        {
            ShiftDays = shiftDays;
            Days = days;
            Outputs = outputs;
            foreach (var (_, measure) in outputs)
            {
                Measures = Measures.With(measure);
            }
        }

        /// <summary>Gets how many days before the as-of date the window ends: 0, or a change's window length.</summary>
        public int ShiftDays { get; }

        /// <summary>Gets the window's length in days.</summary>
        public int Days { get; }

        /// <summary>Gets the measures computed in the pass.</summary>
        public MeasureSet Measures { get; }

        /// <summary>Gets each spec computed in the pass: its index in the destination and its measure's number.</summary>
        public (int Index, int Measure)[] Outputs { get; }
    }
}
