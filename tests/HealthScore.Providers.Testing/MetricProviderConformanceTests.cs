using System.Globalization;
using HealthScore.Core.Metrics;
using Xunit;

namespace HealthScore.Providers.Testing;

/// <summary>
/// Checks a metric provider against the <see cref="IMetricProvider"/> contract. Derive a test class from it, supply
/// the provider, a typical account and hand-worked boundary cases; every fact below then runs against the provider.
/// </summary>
/// <typeparam name="TProvider">The provider under test.</typeparam>
public abstract class MetricProviderConformanceTests<TProvider>
    where TProvider : IMetricProvider
{
    private const double Sentinel = -123456.789;

    /// <summary>Gets the as-of date of <see cref="CreateRecords"/>.</summary>
    protected abstract DateTimeOffset AsOf { get; }

    /// <summary>Gets the relative tolerance when values computed from reordered records are compared (sums may round differently).</summary>
    /// <value>The default value is 1e-9.</value>
    protected virtual double Tolerance => 1e-9;

    /// <summary>Creates the provider under test, configured as it will be used.</summary>
    /// <returns>A new provider.</returns>
    protected abstract TProvider CreateProvider();

    /// <summary>
    /// Creates a typical account whose records give every metric of the provider a value (not missing) as of
    /// <see cref="AsOf"/>, out of order, with some records older than every window.
    /// </summary>
    /// <returns>The records.</returns>
    protected abstract AccountRecords CreateRecords();

    /// <summary>
    /// Hand-worked cases on the edges: at least one with a record exactly on a window edge and one with a record
    /// after the as-of date, each with its expected values.
    /// </summary>
    /// <returns>The cases.</returns>
    protected abstract IEnumerable<ConformanceCase> CreateBoundaryCases();

    /// <summary>Creates records where every source the provider reads is declared present but holds no record.</summary>
    /// <returns>The records; by default no account and every built-in source declared.</returns>
    protected virtual AccountRecords CreatePresentButEmptyRecords() => new() { Sources = RecordSources.All };

    /// <summary>Returns the records in reverse order.</summary>
    /// <param name="records">The records.</param>
    /// <returns>The reordered records.</returns>
    protected virtual AccountRecords Reverse(AccountRecords records) => ConformanceRecords.Reverse(records);

    /// <summary>Returns the records with each one twice.</summary>
    /// <param name="records">The records.</param>
    /// <returns>The duplicated records.</returns>
    protected virtual AccountRecords Duplicate(AccountRecords records) => ConformanceRecords.Duplicate(records);

    /// <summary>Returns the records with every time moved by <paramref name="offset"/>.</summary>
    /// <param name="records">The records.</param>
    /// <param name="offset">How far.</param>
    /// <returns>The moved records.</returns>
    protected virtual AccountRecords Shift(AccountRecords records, TimeSpan offset) => ConformanceRecords.Shift(records, offset);

    /// <summary>Returns the records plus copies dated after <paramref name="asOf"/>.</summary>
    /// <param name="records">The records.</param>
    /// <param name="asOf">The as-of date.</param>
    /// <returns>The records plus later copies.</returns>
    protected virtual AccountRecords AddAfterAsOf(AccountRecords records, DateTimeOffset asOf) => ConformanceRecords.AddAfterAsOf(records, asOf);

    /// <summary>Returns the records plus copies whose numbers are NaN.</summary>
    /// <param name="records">The records.</param>
    /// <returns>The records plus NaN copies.</returns>
    protected virtual AccountRecords AddNaN(AccountRecords records) => ConformanceRecords.AddNaN(records);

    /// <summary>The provider declares at least one metric, each with a unique, non-empty id and a description.</summary>
    [Fact]
    public void Metrics_Declared_AreUniqueAndDescribed()
    {
        var metrics = CreateProvider().Metrics;
        Assert.NotEmpty(metrics);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var metric in metrics)
        {
            Assert.NotNull(metric);
            Assert.False(string.IsNullOrWhiteSpace(metric.Id), "A metric has no id.");
            Assert.True(ids.Add(metric.Id), $"The metric '{metric.Id}' is declared twice.");
            Assert.False(string.IsNullOrWhiteSpace(metric.Description), $"The metric '{metric.Id}' has no description.");
        }
    }

    /// <summary>Compute writes exactly one value per declared metric, every one a value for the typical account, and nothing past them.</summary>
    [Fact]
    public void Compute_TypicalRecords_WritesEveryDeclaredMetricAndNothingMore()
    {
        var provider = CreateProvider();
        var values = new double[provider.Metrics.Count + 1];
        Array.Fill(values, Sentinel);
        provider.Compute(CreateRecords(), AsOf, values);
        for (var i = 0; i < provider.Metrics.Count; i++)
        {
            Assert.True(values[i] != Sentinel, $"The metric '{provider.Metrics[i].Id}' was not written.");
            Assert.True(double.IsFinite(values[i]), $"The metric '{provider.Metrics[i].Id}' is {Format(values[i])} for the typical account; the typical records must give every metric a value.");
        }

        Assert.True(values[^1] == Sentinel, "Compute wrote past the declared metrics.");
    }

    /// <summary>A destination shorter than the declared metrics is refused with <see cref="ArgumentException"/>.</summary>
    [Fact]
    public void Compute_ShortDestination_ThrowsArgumentException()
    {
        var provider = CreateProvider();
        var records = CreateRecords();
        var values = new double[provider.Metrics.Count - 1];
        Assert.ThrowsAny<ArgumentException>(() => provider.Compute(records, AsOf, values));
    }

    /// <summary>The same input gives the same values, from the same instance and from a new one.</summary>
    [Fact]
    public void Compute_SameInput_IsDeterministic()
    {
        var records = CreateRecords();
        var first = Run(CreateProvider(), records, AsOf);
        var provider = CreateProvider();
        Run(provider, Shift(records, TimeSpan.FromDays(-400)), AsOf);
        AssertSame(first, Run(provider, records, AsOf), exact: true, "a second call");
        AssertSame(first, Run(CreateProvider(), CreateRecords(), AsOf), exact: true, "a new provider");
    }

    /// <summary>Moving every record and the as-of date by the same amount changes nothing: the provider reads no clock.</summary>
    [Fact]
    public void Compute_ShiftedInTime_GivesSameValues()
    {
        var records = CreateRecords();
        var expected = Run(CreateProvider(), records, AsOf);
        var offset = TimeSpan.FromDays(1000) + TimeSpan.FromHours(5);
        AssertSame(expected, Run(CreateProvider(), Shift(records, offset), AsOf + offset), exact: false, "records and as-of moved 1000 days 5 hours later");
    }

    /// <summary>Records after the as-of date (one tick after, a year after) change nothing.</summary>
    [Fact]
    public void Compute_RecordsAfterAsOf_AreIgnored()
    {
        var records = CreateRecords();
        var expected = Run(CreateProvider(), records, AsOf);
        AssertSame(expected, Run(CreateProvider(), AddAfterAsOf(records, AsOf), AsOf), exact: false, "records added after the as-of date");
    }

    /// <summary>The hand-worked boundary cases give their expected values.</summary>
    [Fact]
    public void Compute_BoundaryCases_GiveExpectedValues()
    {
        var cases = CreateBoundaryCases().ToList();
        Assert.True(cases.Count >= 2, "Supply at least two boundary cases: a record exactly on a window edge, and one after the as-of date.");
        var provider = CreateProvider();
        foreach (var @case in cases)
        {
            Assert.NotEmpty(@case.Expected);
            var values = Run(provider, @case.Records, @case.AsOf);
            foreach (var (id, expected) in @case.Expected)
            {
                var index = IndexOf(provider, id);
                Assert.True(index >= 0, $"Case '{@case.Name}': the provider declares no metric '{id}'.");
                Assert.True(Same(expected, values[index], Tolerance), $"Case '{@case.Name}': '{id}' is {Format(values[index])}, expected {Format(expected)}.");
            }
        }
    }

    /// <summary>No records and no source declared: every metric is missing, and nothing throws.</summary>
    [Fact]
    public void Compute_EmptyRecords_GivesMissing()
    {
        var provider = CreateProvider();
        var values = Run(provider, default, AsOf);
        for (var i = 0; i < values.Length; i++)
        {
            Assert.True(double.IsNaN(values[i]), $"'{provider.Metrics[i].Id}' is {Format(values[i])} with no records; no evidence must be missing (NaN).");
        }
    }

    /// <summary>Sources declared present but empty: counts are 0 (a fact), everything else is missing.</summary>
    [Fact]
    public void Compute_PresentButEmptySources_GivesZeroForCountsAndMissingOtherwise()
    {
        var provider = CreateProvider();
        var values = Run(provider, CreatePresentButEmptyRecords(), AsOf);
        for (var i = 0; i < values.Length; i++)
        {
            var metric = provider.Metrics[i];
            if (metric.IsCount)
            {
                Assert.True(values[i] == 0, $"'{metric.Id}' is declared a count but is {Format(values[i])} for a present, empty source; expected 0.");
            }
            else
            {
                Assert.True(double.IsNaN(values[i]), $"'{metric.Id}' is {Format(values[i])} for a present, empty source; a metric that is not a count must be missing.");
            }
        }
    }

    /// <summary>The order of the records does not matter.</summary>
    [Fact]
    public void Compute_ReversedRecords_GivesSameValues()
    {
        var records = CreateRecords();
        AssertSame(Run(CreateProvider(), records, AsOf), Run(CreateProvider(), Reverse(records), AsOf), exact: false, "records in reverse order");
    }

    /// <summary>Duplicated records do not throw, do not produce infinity, and do not turn a value into a missing one or back.</summary>
    [Fact]
    public void Compute_DuplicatedRecords_KeepsValuesFiniteAndPresent()
    {
        var records = CreateRecords();
        var provider = CreateProvider();
        AssertSamePresence(provider, Run(provider, records, AsOf), Run(provider, Duplicate(records), AsOf), "duplicated records");
    }

    /// <summary>Records carrying NaN numbers do not throw, do not produce infinity, and do not poison a value into a missing one.</summary>
    [Fact]
    public void Compute_RecordsWithNaN_KeepsValuesFiniteAndPresent()
    {
        var records = CreateRecords();
        var provider = CreateProvider();
        AssertSamePresence(provider, Run(provider, records, AsOf), Run(provider, AddNaN(records), AsOf), "records with NaN numbers");
    }

    /// <summary>After warm-up, computing the typical account allocates nothing.</summary>
    [Fact]
    public void Compute_AfterWarmUp_AllocatesNothing()
    {
        var provider = CreateProvider();
        var records = CreateRecords();
        var asOf = AsOf;
        var values = new double[provider.Metrics.Count];
        for (var i = 0; i < 3; i++)
        {
            provider.Compute(records, asOf, values);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            provider.Compute(records, asOf, values);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated == 0, $"100 calls allocated {allocated} bytes.");
    }

    private static double[] Run(TProvider provider, AccountRecords records, DateTimeOffset asOf)
    {
        var values = new double[provider.Metrics.Count];
        provider.Compute(records, asOf, values);
        foreach (var value in values)
        {
            Assert.False(double.IsInfinity(value), "A value is infinite; use NaN for missing.");
        }

        return values;
    }

    private static int IndexOf(TProvider provider, string id)
    {
        for (var i = 0; i < provider.Metrics.Count; i++)
        {
            if (string.Equals(provider.Metrics[i].Id, id, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private void AssertSame(double[] expected, double[] actual, bool exact, string what)
    {
        var provider = CreateProvider();
        for (var i = 0; i < expected.Length; i++)
        {
            var same = exact ? expected[i].Equals(actual[i]) : Same(expected[i], actual[i], Tolerance);
            Assert.True(same, $"'{provider.Metrics[i].Id}' changed with {what}: {Format(expected[i])} became {Format(actual[i])}.");
        }
    }

    private static void AssertSamePresence(TProvider provider, double[] expected, double[] actual, string what)
    {
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(double.IsNaN(expected[i]) == double.IsNaN(actual[i]), $"'{provider.Metrics[i].Id}' went from {Format(expected[i])} to {Format(actual[i])} with {what}.");
        }
    }

    private static bool Same(double expected, double actual, double tolerance) =>
        double.IsNaN(expected) ? double.IsNaN(actual) : Math.Abs(expected - actual) <= tolerance * Math.Max(1, Math.Abs(expected));

    private static string Format(double value) => double.IsNaN(value) ? "missing (NaN)" : value.ToString("R", CultureInfo.InvariantCulture);
}
