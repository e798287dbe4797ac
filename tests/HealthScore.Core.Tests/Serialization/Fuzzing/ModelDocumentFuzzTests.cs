using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using HealthScore.Core.Serialization;
using Xunit.Abstractions;

namespace HealthScore.Core.Tests.Serialization.Fuzzing;

/// <summary>
/// Seeded mutation fuzzing of the model document reader and compiler: no document, however broken, may escape
/// <see cref="HealthModelDocument.Compile(ReadOnlySpan{byte})"/> as anything but a model or a
/// <see cref="Model.HealthModelException"/> with located, readable errors (see <see cref="ModelDocumentOracle"/>).
/// </summary>
/// <remarks>
/// <para>
/// Each run compiles <see cref="DefaultCount"/> documents made from the samples in <c>docs/models</c> by
/// <see cref="ModelDocumentMutator"/>, with the fixed seed <see cref="DefaultSeed"/>: document <c>i</c> depends only
/// on the seed and <c>i</c>, so a failure names the document and reproduces on every run and machine.
/// </para>
/// <para>
/// To fuzz longer or elsewhere locally, set <c>HEALTHSCORE_FUZZ_COUNT</c> (documents, e.g. <c>1000000</c>) and
/// optionally <c>HEALTHSCORE_FUZZ_SEED</c> (decimal, or hex with <c>0x</c>), then run
/// <c>dotnet test tests/HealthScore.Core.Tests -c Release --filter FullyQualifiedName~Fuzzing</c>. Every distinct
/// failure is written to the test output (<c>--logger "console;verbosity=detailed"</c>); the assertion lists the
/// most frequent ones.
/// </para>
/// </remarks>
[Collection(FuzzingRuns.Name)]
public sealed class ModelDocumentFuzzTests(ITestOutputHelper output)
{
    /// <summary>Documents per run unless <c>HEALTHSCORE_FUZZ_COUNT</c> says otherwise.</summary>
    public const int DefaultCount = 20_000;

    /// <summary>The run's seed unless <c>HEALTHSCORE_FUZZ_SEED</c> says otherwise.</summary>
    public const ulong DefaultSeed = 0x4EA1_7D0C_2026_0001;

    private const int ListedFailures = 25;

    internal static ModelDocumentMutator Mutator { get; } = new(
    [
        Seed("saas.en.json", 0.4),
        Seed("saas.ja.json", 0.3),
        Seed("telecom-churn.json", 0.15),
        Seed("telecom-churn.tuned.json", 0.15),
    ]);

    [Fact]
    public void Compile_SeedDocuments_CompileUnmutated()
    {
        foreach (var seed in Mutator.Seeds)
        {
            var (outcome, finding) = ModelDocumentOracle.Check(ModelDocumentMutator.Build(seed, []), DefaultSeed);
            Assert.True(outcome == ModelDocumentOracle.Outcome.Compiled, $"{seed.Name}: {outcome} {finding}");
        }
    }

    [Fact]
    public void Generate_SameSeedAndIndex_SameDocument()
    {
        for (var i = 0; i < 200; i++)
        {
            var first = Mutator.Generate(DefaultSeed, i);
            var second = Mutator.Generate(DefaultSeed, i);
            Assert.Equal(first.Describe(), second.Describe());
            Assert.Equal(first.Bytes, second.Bytes);
            Assert.Equal(first.Bytes, ModelDocumentMutator.Build(first.Seed, first.Mutations));
        }
    }

    [Fact]
    public void Compile_MutatedSampleDocuments_OnlyLibraryErrorsAndValidModels()
    {
        var count = EnvironmentInt("HEALTHSCORE_FUZZ_COUNT") ?? DefaultCount;
        var seed = EnvironmentSeed("HEALTHSCORE_FUZZ_SEED") ?? DefaultSeed;
        var failures = new ConcurrentBag<(long Index, Finding Finding)>();
        var compiled = 0;
        var rejected = 0;

        Parallel.For(0L, count, index =>
        {
            var document = Mutator.Generate(seed, index);
            var (outcome, finding) = ModelDocumentOracle.Check(document.Bytes, seed ^ (ulong)index);
            switch (outcome)
            {
                case ModelDocumentOracle.Outcome.Compiled:
                    Interlocked.Increment(ref compiled);
                    break;
                case ModelDocumentOracle.Outcome.Rejected:
                    Interlocked.Increment(ref rejected);
                    break;
                default:
                    failures.Add((index, finding!));
                    break;
            }
        });

        var summary = string.Create(CultureInfo.InvariantCulture, $"{count:N0} documents, seed 0x{seed:X16}: {compiled:N0} compiled, {rejected:N0} rejected with located errors, {failures.Count:N0} failed");
        output.WriteLine(summary);

        // A fuzzer that only ever produces one outcome tests nothing.
        Assert.True(compiled > count / 100, "Too few mutated documents compiled; the fuzzer is degenerate. " + summary);
        Assert.True(rejected + failures.Count > count / 10, "Too few mutated documents were invalid; the fuzzer is degenerate. " + summary);

        if (failures.IsEmpty)
        {
            return;
        }

        var groups = failures
            .GroupBy(f => f.Finding.Signature, StringComparer.Ordinal)
            .Select(g => (Signature: g.Key, Count: g.Count(), First: g.MinBy(f => f.Index)))
            .OrderByDescending(g => g.Count)
            .ThenBy(g => g.First.Index)
            .ToList();
        var report = new StringBuilder()
            .AppendLine(summary)
            .AppendLine(string.Create(CultureInfo.InvariantCulture, $"{groups.Count} distinct failures (count × signature, then the first document with it, its smallest failing edit, and the details):"));
        for (var g = 0; g < groups.Count; g++)
        {
            var entry = Describe(seed, groups[g].Signature, groups[g].Count, groups[g].First.Index, groups[g].First.Finding);
            output.WriteLine(entry);
            if (g < ListedFailures)
            {
                report.Append(entry);
            }
        }

        if (groups.Count > ListedFailures)
        {
            report.AppendLine(string.Create(CultureInfo.InvariantCulture, $"… and {groups.Count - ListedFailures} more (see the test output)."));
        }

        Assert.Fail(report.ToString());
    }

    // The failure's first document, reduced to the single edit that still gives the same signature when one does.
    private static string Describe(ulong seed, string signature, int count, long index, Finding finding)
    {
        var document = Mutator.Generate(seed, index);
        var mutations = document.Mutations;
        var bytes = document.Bytes;
        if (mutations.Count > 1)
        {
            foreach (var mutation in mutations)
            {
                var alone = ModelDocumentMutator.Build(document.Seed, [mutation]);
                var (_, again) = ModelDocumentOracle.Check(alone, seed ^ (ulong)index);
                if (again?.Kind == finding.Kind)
                {
                    mutations = [mutation];
                    bytes = alone;
                    finding = again;
                    break;
                }
            }
        }

        return string.Create(CultureInfo.InvariantCulture, $"""
            - {count:N0} × {signature}
                document #{index} ({document.Seed.Name}): {string.Join("; ", mutations.Select(m => m.Description))}
                {finding.Detail}
                excerpt: {Excerpt(document.Seed, bytes)}

            """);
    }

    // The first lines of the document that differ from the seed written the same way.
    private static string Excerpt(SeedDocument seed, byte[] mutated)
    {
        var original = ModelDocumentMutator.Render(ModelDocumentMutator.Parse(seed), new RawTokens()).Split('\n');
        var lines = Encoding.UTF8.GetString(mutated).Split('\n');
        var first = 0;
        while (first < lines.Length && first < original.Length && lines[first] == original[first])
        {
            first++;
        }

        if (first >= lines.Length)
        {
            return string.Create(CultureInfo.InvariantCulture, $"(the document ends after line {lines.Length})");
        }

        return string.Create(CultureInfo.InvariantCulture, $"line {first + 1}: ") + string.Join(" ⏎ ", lines.Skip(first).Take(2).Select(l => ModelDocumentMutator.Show(l.Trim(), 160)));
    }

    private static SeedDocument Seed(string name, double weight) =>
        new(name, File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot(), "docs", "models", name)), weight);

    private static int? EnvironmentInt(string name) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : null;

    private static ulong? EnvironmentSeed(string name)
    {
        var text = Environment.GetEnvironmentVariable(name)?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? ulong.Parse(text.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)
            : ulong.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);
    }
}

/// <summary>
/// The fuzz run keeps every core busy, so it runs on its own: tests that wait on a file watcher or a timer are not
/// starved of threads while it runs.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FuzzingRuns
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Fuzzing";
}
