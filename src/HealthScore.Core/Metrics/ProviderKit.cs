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

    /// <summary>
    /// Counts distinct non-null strings (ordinal) in pooled open-addressing tables: no allocation after warm-up.
    /// </summary>
    /// <remarks>
    /// Records usually repeat the same few string instances, so a first table holds every instance seen, found by
    /// identity hash and reference comparison; only an instance not seen before is hashed by its characters and looked
    /// up in the second table, which holds the distinct values.
    /// </remarks>
    public ref struct DistinctStrings
    {
        private HashSlots _instances;
        private HashSlots _values;

        public DistinctStrings(int capacity)
        {
            // Start small and grow: most windows hold a few distinct values, and clearing a table sized for every
            // record would cost more than the hashing.
            var size = 16;
            while (size < capacity * 2 && size < 64)
            {
                size <<= 1;
            }

            _instances = new HashSlots(size);
            _values = new HashSlots(size);
        }

        public readonly int Count => _values.Count;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Add(string? value)
        {
            if (value is null || _instances.Table is null)
            {
                return;
            }

            // An instance seen before is already counted: the identity hash tells without reading the characters.
            var table = _instances.Table;
            var mask = _instances.Mask;
            var slot = RuntimeHelpers.GetHashCode(value) & mask;
            while (true)
            {
                var existing = table[slot];
                if (ReferenceEquals(existing, value))
                {
                    return;
                }

                if (existing is null)
                {
                    break;
                }

                slot = (slot + 1) & mask;
            }

            AddInstance(value, slot);
        }

        private void AddInstance(string value, int slot)
        {
            _instances.Insert(value, slot, identity: true);
            var table = _values.Table!;
            var mask = _values.Mask;
            var at = value.GetHashCode() & mask;
            while (true)
            {
                var existing = table[at];
                if (existing is null)
                {
                    _values.Insert(value, at, identity: false);
                    return;
                }

                if (string.Equals(existing, value, StringComparison.Ordinal))
                {
                    return;
                }

                at = (at + 1) & mask;
            }
        }

        public void Dispose()
        {
            _instances.Dispose();
            _values.Dispose();
        }

        /// <summary>One pooled open-addressing table of strings, hashed by identity or by value.</summary>
        private struct HashSlots
        {
            public string?[]? Table;
            public int Mask;
            public int Count;

            public HashSlots(int size)
            {
                Table = ArrayPool<string?>.Shared.Rent(size);
                Mask = size - 1;
                Array.Clear(Table, 0, size);
                Count = 0;
            }

            public void Insert(string value, int slot, bool identity)
            {
                Table![slot] = value;
                Count++;
                if (Count * 2 > Mask)
                {
                    Grow(identity);
                }
            }

            public void Dispose()
            {
                if (Table is not null)
                {
                    // Only the part used holds references; clearing it is enough before the array goes back.
                    Array.Clear(Table, 0, Mask + 1);
                    ArrayPool<string?>.Shared.Return(Table);
                    Table = null;
                }
            }

            private void Grow(bool identity)
            {
                var old = Table!;
                var oldSize = Mask + 1;
                var size = oldSize * 2;
                var table = ArrayPool<string?>.Shared.Rent(size);
                Array.Clear(table, 0, size);
                var mask = size - 1;
                for (var i = 0; i < oldSize; i++)
                {
                    if (old[i] is { } value)
                    {
                        var slot = (identity ? RuntimeHelpers.GetHashCode(value) : value.GetHashCode()) & mask;
                        while (table[slot] is not null)
                        {
                            slot = (slot + 1) & mask;
                        }

                        table[slot] = value;
                    }
                }

                Array.Clear(old, 0, oldSize);
                ArrayPool<string?>.Shared.Return(old);
                Table = table;
                Mask = mask;
            }
        }
    }

    /// <summary>
    /// Finds strings' positions in a frozen dictionary, remembering up to <see cref="MaxInstances"/> string instances
    /// seen, so an instance met again costs an identity hash and a reference comparison instead of hashing and
    /// comparing its characters. Lives on the stack for one pass; allocates nothing.
    /// </summary>
    /// <remarks>
    /// Records read by one reader usually share a few string instances per value, so nearly every lookup after the
    /// first few is found by identity. Distinct instances of the same value each take a slot until the table is half
    /// full; after that an instance not remembered costs one probe more than the dictionary alone.
    /// </remarks>
    public ref struct InstanceIndex
    {
        /// <summary>The most instances remembered: half the slots, so probes stay short.</summary>
        public const int MaxInstances = Slots / 2;

        private const int Slots = 64;

        private readonly System.Collections.Frozen.FrozenDictionary<string, int> _dictionary;
        private InstanceSlots _instances;
        private PositionSlots _positions;
        private int _count;

        /// <summary>Creates an empty index over <paramref name="dictionary"/>.</summary>
        /// <param name="dictionary">Each string's position.</param>
        public InstanceIndex(System.Collections.Frozen.FrozenDictionary<string, int> dictionary) => _dictionary = dictionary;

        /// <summary>The position of <paramref name="value"/> in the dictionary, or −1 when it is not there.</summary>
        /// <param name="value">The string.</param>
        /// <returns>The position, or −1.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int Find(string value)
        {
            var slot = RuntimeHelpers.GetHashCode(value) & (Slots - 1);
            while (true)
            {
                var existing = _instances[slot];
                if (ReferenceEquals(existing, value))
                {
                    return _positions[slot];
                }

                if (existing is null)
                {
                    return Remember(value, slot);
                }

                slot = (slot + 1) & (Slots - 1);
            }
        }

        private int Remember(string value, int slot)
        {
            var position = _dictionary.TryGetValue(value, out var found) ? found : -1;
            if (_count < MaxInstances)
            {
                _instances[slot] = value;
                _positions[slot] = position;
                _count++;
            }

            return position;
        }

        [InlineArray(Slots)]
        private struct InstanceSlots
        {
            private string? _element;
        }

        [InlineArray(Slots)]
        private struct PositionSlots
        {
            private int _element;
        }
    }
}
