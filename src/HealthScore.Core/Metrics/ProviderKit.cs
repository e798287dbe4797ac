using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using HealthScore.Core.Model;

namespace HealthScore.Core.Metrics;

/// <summary>Shared pieces of the built-in providers: spec validation, whole days, finite values, distinct counts.</summary>
internal static class ProviderKit
{
    public const int MaxWindowDays = 3650;

    /// <summary>Validates metric specs and builds their descriptors, adding every problem to <paramref name="errors"/>.</summary>
    public static (MetricSpec<TMeasure>[] Specs, MetricDescriptor[] Descriptors) Build<TMeasure>(
        string provider, IList<MetricSpec<TMeasure>>? metrics, MeasureInfo[] infos, List<ModelError> errors)
        where TMeasure : struct, Enum
    {
        var specs = metrics is null ? [] : metrics.ToArray();
        if (specs.Length == 0)
        {
            errors.Add(new ModelError(ModelErrorKind.Provider, $"{provider}.metrics", "At least one metric is required."));
        }

        var descriptors = new MetricDescriptor[specs.Length];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < specs.Length; i++)
        {
            var spec = specs[i];
            var path = string.Create(CultureInfo.InvariantCulture, $"{provider}.metrics[{i}]");
            var measure = Convert.ToInt32(spec.Measure, CultureInfo.InvariantCulture);
            if (string.IsNullOrWhiteSpace(spec.Id))
            {
                errors.Add(new ModelError(ModelErrorKind.Provider, path + ".id", "The metric id is required."));
            }
            else if (!seen.Add(spec.Id))
            {
                errors.Add(new ModelError(ModelErrorKind.Provider, path + ".id", $"The metric id '{spec.Id}' is produced twice by this provider."));
            }

            if (measure < 0 || measure >= infos.Length)
            {
                errors.Add(new ModelError(ModelErrorKind.Provider, path + ".measure", $"'{spec.Measure}' is not a {typeof(TMeasure).Name}."));
                continue;
            }

            if (spec.WindowDays < 1 || spec.WindowDays > MaxWindowDays)
            {
                errors.Add(new ModelError(ModelErrorKind.Provider, path + ".windowDays", string.Create(CultureInfo.InvariantCulture, $"The window must be 1 to {MaxWindowDays} days; it is {spec.WindowDays}.")));
            }

            if (!Enum.IsDefined(spec.Change))
            {
                errors.Add(new ModelError(ModelErrorKind.Provider, path + ".change", $"'{spec.Change}' is not a PeriodChange."));
                continue;
            }

            var info = infos[measure];
            if (string.IsNullOrWhiteSpace(spec.Id))
            {
                continue;
            }

            var window = info.Windowed ? string.Create(CultureInfo.InvariantCulture, $" over the last {spec.WindowDays} days") : string.Empty;
            descriptors[i] = spec.Change switch
            {
                PeriodChange.Ratio => new MetricDescriptor(spec.Id, "ratio", info.Direction, string.Create(CultureInfo.InvariantCulture, $"{info.Description}{window}, divided by the same measure {spec.WindowDays} days earlier."), isCount: false),
                PeriodChange.Difference => new MetricDescriptor(spec.Id, info.Unit, info.Direction, string.Create(CultureInfo.InvariantCulture, $"{info.Description}{window}, minus the same measure {spec.WindowDays} days earlier."), info.IsCount),
                _ => new MetricDescriptor(spec.Id, info.Unit, info.Direction, info.Description + window + ".", info.IsCount),
            };
        }

        return (specs, descriptors);
    }

    public static void ThrowIfAny(List<ModelError> errors)
    {
        if (errors.Count > 0)
        {
            throw new HealthModelException(errors);
        }
    }

    /// <summary>Whole days from <paramref name="from"/> to <paramref name="to"/>, rounded down.</summary>
    public static double Days(DateTimeOffset from, DateTimeOffset to) =>
        Math.Floor((double)(to.UtcTicks - from.UtcTicks) / TimeSpan.TicksPerDay);

    public static double Finite(double value) => double.IsFinite(value) ? value : double.NaN;

    /// <summary>Counts distinct non-null strings (ordinal) in a pooled open-addressing table: no allocation after warm-up.</summary>
    public ref struct DistinctStrings
    {
        private const int RecentSize = 32;

        private string?[]? _table;
        private int _mask;
        private Recent _recent;

        public int Count { get; private set; }

        public DistinctStrings(int capacity)
        {
            // Start small and grow: most windows hold a few distinct values, and clearing a table sized for every
            // record would cost more than the hashing.
            var size = 16;
            while (size < capacity * 2 && size < 64)
            {
                size <<= 1;
            }

            _table = ArrayPool<string?>.Shared.Rent(size);
            _mask = size - 1;
            Array.Clear(_table, 0, size);
            _recent = default;
            Count = 0;
        }

        public void Add(string? value)
        {
            if (value is null || _table is null)
            {
                return;
            }

            // Records usually repeat the same few string instances: a value seen before as this very instance is
            // already counted, which the identity hash tells without hashing the characters.
            ref var recent = ref _recent[RuntimeHelpers.GetHashCode(value) & (RecentSize - 1)];
            if (ReferenceEquals(recent, value))
            {
                return;
            }

            recent = value;
            var slot = value.GetHashCode() & _mask;
            while (true)
            {
                var existing = _table[slot];
                if (existing is null)
                {
                    _table[slot] = value;
                    Count++;
                    if (Count * 2 > _mask)
                    {
                        Grow();
                    }

                    return;
                }

                if (string.Equals(existing, value, StringComparison.Ordinal))
                {
                    return;
                }

                slot = (slot + 1) & _mask;
            }
        }

        private void Grow()
        {
            var old = _table!;
            var oldSize = _mask + 1;
            var size = oldSize * 2;
            var table = ArrayPool<string?>.Shared.Rent(size);
            Array.Clear(table, 0, size);
            var mask = size - 1;
            for (var i = 0; i < oldSize; i++)
            {
                if (old[i] is { } value)
                {
                    var slot = value.GetHashCode() & mask;
                    while (table[slot] is not null)
                    {
                        slot = (slot + 1) & mask;
                    }

                    table[slot] = value;
                }
            }

            Array.Clear(old, 0, oldSize);
            ArrayPool<string?>.Shared.Return(old);
            _table = table;
            _mask = mask;
        }

        public void Dispose()
        {
            if (_table is not null)
            {
                // Only the part used holds references; clearing it is enough before the array goes back.
                Array.Clear(_table, 0, _mask + 1);
                ArrayPool<string?>.Shared.Return(_table);
                _table = null;
            }
        }

        /// <summary>The last instance seen in each of a few slots chosen by identity hash.</summary>
        [InlineArray(RecentSize)]
        private struct Recent
        {
            private string? _element;
        }
    }
}
