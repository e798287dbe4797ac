namespace HealthScore.Core.Tests.Serialization.Fuzzing;

/// <summary>
/// SplitMix64: a tiny, fast, fully specified generator, so that the same seed gives the same documents on every
/// runtime and machine (System.Random's algorithm is not promised to stay the same).
/// </summary>
internal sealed class FuzzRandom(ulong seed)
{
    private ulong _state = seed;

    /// <summary>Derives an independent stream for one item of a run: the same (seed, index) always gives the same stream.</summary>
    public static FuzzRandom For(ulong seed, long index, ulong salt = 0) =>
        new(new FuzzRandom(seed ^ ((ulong)index * 0xD1B54A32D192ED03UL) ^ (salt * 0x8CB92BA72F3D8DD7UL)).NextUInt64());

    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A number in [0, <paramref name="maxExclusive"/>); the modulo bias is irrelevant at these sizes.</summary>
    public int Next(int maxExclusive) => maxExclusive <= 1 ? 0 : (int)(NextUInt64() % (ulong)maxExclusive);

    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public bool Chance(double probability) => NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];
}
