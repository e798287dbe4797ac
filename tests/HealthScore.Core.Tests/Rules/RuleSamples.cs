using System.Globalization;
using HealthScore.Core.Model;
using HealthScore.Core.Rules;
using HealthScore.Core.Scoring;
using static HealthScore.Core.Tests.Rules.RuleFixture;

namespace HealthScore.Core.Tests.Rules;

/// <summary>Seeded random accounts over the fixture model and schema, and rules made of the simple tests the atom table evaluates.</summary>
internal static class RuleSamples
{
    private static readonly double?[] Scores = [null, 0, 39.5, 40, 53, 53.25, 70, 100];
    private static readonly double[] Coverages = [0, 0.3, 0.75, 1];
    private static readonly double[][] MetricValues =
    [
        [double.NaN, 0, 2, 3, 5, 10, double.PositiveInfinity],
        [double.NaN, 0, 6, 20],
        [double.NaN, -100, -7, 0, 20],
        [double.NaN, 0, 1, 5],
    ];

    private static readonly double?[] GroupValues = [null, 0, 30, 53, 100];
    private static readonly double?[] Days = [null, 0, 30, 90, 365, 400, double.NaN];
    private static readonly double[] Seats = [double.NaN, -1, 0, 50, double.PositiveInfinity];
    private static readonly double[] FlagValues = [double.NaN, 0, 1, 2];
    private static readonly string?[] Names = [null, "Acme", "Beta", ""];
    private static readonly string?[] Segments = [null, "smb", "enterprise", "Enterprise"];

    private static readonly (string Id, double[] Constants)[] NumberIdentifiers =
    [
        ("score", [0, 39.5, 40, 53, 53.25, 70, 100]),
        ("coverage", [0, 0.3, 0.75, 1]),
        ("previous_score", [0, 40, 53, 100]),
        ("delta", [-13, -0.25, 0, 0.25, 13, -100]),
        ("days_in_phase", [0, 30, 90]),
        ("tenure_days", [0, 365, 400]),
        ("days_to_renewal", [0, 30, 90]),
        ("metrics.logins", [0, 2, 3, 5, 10]),
        ("metrics.features", [0, 6, 20]),
        ("metrics.nps", [-100, -7, 0, 20]),
        ("metrics.critical_tickets", [0, 1, 5]),
        ("groups.usage", [0, 30, 53, 100]),
        ("groups.satisfaction", [0, 30, 100]),
        ("groups.support", [0, 53, 100]),
        ("account.seats", [-1, 0, 50]),
    ];

    private static readonly string[] Operators = ["==", "!=", "<", "<=", ">", ">="];
    private static readonly string[] Flags = ["band_changed", "phase_changed", "account.strategic", "consent.email", "consent.usage_data"];
    private static readonly string[] BandIds = ["at_risk", "watch", "healthy", TestModel.InsufficientData.Id];
    private static readonly string[] PhaseIds = ["onboarding", "adoption", "renewal"];

    /// <summary>Tests the atom table cannot take apart: the rules holding them are evaluated by their program.</summary>
    public static readonly string[] OtherShapes =
    [
        "metrics.logins + 1 > 3", "(score < 40 || consent.email)", "!(score < 53 && consent.email)", "account.name == account.segment",
        "band == previous_band", "min(score, 50) < 45", "delta == score", "band_changed == true", "false", "abs(delta) between 0 and 1",
        "isMissing(score + 1)", "-score < -40", "!(consent.email || account.strategic)",
    ];

    /// <summary>Creates <paramref name="count"/> accounts, the first of them the empty context and one with short arrays.</summary>
    public static List<Sample> Accounts(int seed, int count)
    {
        var random = new Random(seed);
        var samples = new List<Sample> { new(), Sample.Short(random) };
        while (samples.Count < count)
        {
            samples.Add(Sample.Random(random));
        }

        return samples;
    }

    /// <summary>A conjunction of one to four simple tests, some negated, some written constant first.</summary>
    public static string Conjunction(Random random)
    {
        var terms = new string[random.Next(1, 5)];
        for (var i = 0; i < terms.Length; i++)
        {
            terms[i] = i > 0 && random.Next(12) == 0 ? "true" : Term(random);
        }

        return string.Join(" && ", terms);
    }

    /// <summary>A conjunction that also holds one test the atom table cannot take apart.</summary>
    public static string Mixed(Random random)
    {
        var terms = new List<string> { Term(random), Pick(random, OtherShapes) };
        if (random.Next(2) == 0)
        {
            terms.Add(Term(random));
        }

        return string.Join(" && ", terms.OrderBy(_ => random.Next()));
    }

    /// <summary>One simple test.</summary>
    public static string Term(Random random)
    {
        var term = random.Next(10) switch
        {
            0 or 1 or 2 => Comparison(random),
            3 => Between(random),
            4 => InSet(random),
            5 => $"isMissing({Pick(random, NumberIdentifiers).Id})",
            6 => random.Next(4) switch
            {
                0 => Pick(random, Flags),
                1 => $"{Pick(random, Flags)} in [{Pick(random, "true", "false")}]",
                2 => $"{Pick(random, Flags)} in [true, false]",
                _ => "!" + Pick(random, Flags),
            },
            7 => Named(random),
            _ => Text(random),
        };
        return random.Next(5) == 0 ? $"!({term})" : term;
    }

    private static string Comparison(Random random)
    {
        var (id, constants) = Pick(random, NumberIdentifiers);
        var constant = Number(Pick(random, constants));
        var op = Pick(random, Operators);
        return random.Next(2) == 0 ? $"{id} {op} {constant}" : $"{constant} {op} {id}";
    }

    private static string Between(Random random)
    {
        var (id, constants) = Pick(random, NumberIdentifiers);
        return $"{id} between {Number(Pick(random, constants))} and {Number(Pick(random, constants))}";
    }

    private static string InSet(Random random)
    {
        var (id, constants) = Pick(random, NumberIdentifiers);
        var items = Enumerable.Range(0, random.Next(1, 4)).Select(_ => Number(Pick(random, constants)));
        return $"{id} in [{string.Join(", ", items)}]";
    }

    private static string Named(Random random)
    {
        var (id, ids) = random.Next(3) switch
        {
            0 => ("band", BandIds),
            1 => ("previous_band", BandIds),
            _ => ("phase", PhaseIds),
        };
        var literal = "\"" + Pick(random, ids) + "\"";
        return random.Next(4) switch
        {
            0 => $"{id} == {literal}",
            1 => $"{literal} == {id}",
            2 => random.Next(2) == 0 ? $"{id} != {literal}" : $"{literal} != {id}",
            _ => $"{id} in [{literal}, \"{Pick(random, ids)}\"]",
        };
    }

    private static string Text(Random random)
    {
        var (id, values) = random.Next(2) == 0 ? ("account.name", new[] { "Acme", "Beta", "" }) : ("account.segment", new[] { "smb", "enterprise", "Enterprise" });
        var literal = "\"" + Pick(random, values) + "\"";
        return random.Next(6) switch
        {
            0 => $"{id} == {literal}",
            1 => $"{literal} == {id}",
            2 => $"{id} != {literal}",
            3 => $"{literal} != {id}",
            4 => $"{id} in [{literal}, \"{Pick(random, values)}\"]",
            _ => $"isMissing({id})",
        };
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static T Pick<T>(Random random, params T[] items) => items[random.Next(items.Length)];

    /// <summary>One account's data, kept in arrays so a <see cref="RuleContext"/> can be built over it at any time.</summary>
    internal sealed class Sample
    {
        public HealthResult Result { get; init; }

        public HealthResult? Previous { get; init; }

        public double[] Metrics { get; init; } = [];

        public GroupScore[] Groups { get; init; } = [];

        public double? DaysInPhase { get; init; }

        public double? TenureDays { get; init; }

        public double? DaysToRenewal { get; init; }

        public double[] Numbers { get; init; } = [];

        public string?[] Texts { get; init; } = [];

        public bool[] Consents { get; init; } = [];

        public static Sample Random(Random random) => new()
        {
            Result = RandomResult(random),
            Previous = random.Next(4) == 0 ? null : RandomResult(random),
            Metrics = [.. MetricValues.Select(values => Pick(random, values))],
            Groups = [.. TestModel.Groups.Select(g => new GroupScore(g.Index, Pick(random, GroupValues), 1, 0, 0))],
            DaysInPhase = Pick(random, Days),
            TenureDays = Pick(random, Days),
            DaysToRenewal = Pick(random, Days),
            Numbers = [Pick(random, Seats), Pick(random, FlagValues)],
            Texts = [Pick(random, Names), Pick(random, Segments)],
            Consents = [random.Next(2) == 0, random.Next(2) == 0],
        };

        public static Sample Short(Random random) => new()
        {
            Result = RandomResult(random),
            Metrics = [3],
            Texts = ["Acme"],
            Consents = [true],
        };

        public RuleContext Context() => new()
        {
            Result = Result,
            Previous = Previous,
            MetricValues = Metrics,
            GroupScores = Groups,
            DaysInPhase = DaysInPhase,
            TenureDays = TenureDays,
            DaysToRenewal = DaysToRenewal,
            Numbers = Numbers,
            Texts = Texts,
            Consents = Consents,
        };

        public override string ToString() => string.Create(
            CultureInfo.InvariantCulture,
            $"score={Result.Score} band={Result.Band?.Id} phase={Result.Phase?.Id} previous={Previous?.Score}/{Previous?.Band?.Id}/{Previous?.Phase?.Id} metrics=[{string.Join(",", Metrics)}] numbers=[{string.Join(",", Numbers)}] texts=[{string.Join(",", Texts)}]");

        private static HealthResult RandomResult(Random random)
        {
            var score = Pick(random, Scores);
            var band = score is null ? TestModel.InsufficientData : TestModel.Bands[random.Next(TestModel.Bands.Count)];
            var phase = TestModel.Phases[random.Next(TestModel.Phases.Count)];
            return new HealthResult(score, score, band, phase, Pick(random, Coverages), "test");
        }
    }
}
