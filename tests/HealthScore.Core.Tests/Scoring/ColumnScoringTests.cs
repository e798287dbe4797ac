using HealthScore.Core.Model;
using HealthScore.Core.Scoring;

namespace HealthScore.Core.Tests.Scoring;

public sealed class ColumnScoringTests
{
    public static TheoryData<string> Models => ["saas", "realistic", "nested"];

    private static HealthModel Model(string name) => name switch
    {
        "saas" => TestModels.Saas(),
        "realistic" => Realistic(),
        _ => new HealthModelBuilder()
            .WithScale(-50, 50, decimals: 2)
            .WithMinimumCoverage(0.4)
            .WithAggregation(Aggregation.Maximum)
            .AddBand("low", "Low", "#C62828", -50)
            .AddBand("high", "High", "#2E7D32", 10)
            .AddGroup("a", "A", 3, g => g
                .AddMetric("a1", "A1", new LinearScoring(0, 10), weight: 2)
                .AddMetric("a2", "A2", new LogisticScoring(5, 0.8))
                .AddGroup("a3", "A3", 2, n => n
                    .AddMetric("a31", "A31", new LinearScoring(10, 0))
                    .AddMetric("a32", "A32", new BoundedLinearScoring(1, 9), configure: m => m.Missing = MissingDataPolicy.Neutral), Aggregation.Minimum))
            .AddGroup("b", "B", 1, g => g
                .AddMetric("b1", "B1", new TierScoring([new(0, 1), new(2, 0.5), new(5, 0)]))
                .AddMetric("b2", "B2", new LinearScoring(-3, 7), configure: m =>
                {
                    m.Missing = MissingDataPolicy.Fixed;
                    m.MissingValue = 0.25;
                })
                .AddGroup("b3", "B3", 1, n => n
                    .AddMetric("b31", "B31", new PiecewiseLinearScoring([new(0, 0), new(4, 0.8), new(8, 1)]))
                    .AddMetric("b32", "B32", new TargetRatioScoring(6))
                    .AddMetric("b33", "B33", new TargetRatioScoring(3, MetricDirection.LowerIsBetter)), Aggregation.Maximum))
            .AddPhase("p1", "P1")
            .AddPhase("p2", "P2", p => p.SetWeight("b", 4).SetScoring("a1", new LinearScoring(2, 4)))
            .Build(),
    };

    // 12 metrics in 4 groups (one a minimum group) with every kind of scoring function, 4 phases with overrides, 5 bands.
    private static HealthModel Realistic() => RealisticBuilder().Build();

    private static HealthModelBuilder RealisticBuilder() => new HealthModelBuilder()
        .WithId("realistic", "Realistic model")
        .AddBand("critical", "Critical", "#B71C1C", 0)
        .AddBand("at_risk", "At risk", "#E65100", 25)
        .AddBand("watch", "Watch", "#F9A825", 45)
        .AddBand("healthy", "Healthy", "#43A047", 65)
        .AddBand("champion", "Champion", "#1B5E20", 85)
        .AddGroup("usage", "Usage", 40, g => g
            .AddMetric("active_days", "Active days", new LinearScoring(0, 20), 2)
            .AddMetric("logins_per_week", "Logins per week", new LogisticScoring(3, 1.2))
            .AddMetric("feature_breadth", "Feature breadth", new PiecewiseLinearScoring([new(0, 0), new(0.2, 0.5), new(0.6, 1)]))
            .AddMetric("seat_utilisation", "Seat utilisation", new TargetRatioScoring(0.8)))
        .AddGroup("support", "Support", 20, g => g
            .AddMetric("tickets", "Tickets in 90 days", new LinearScoring(12, 0))
            .AddMetric("open_critical", "Open critical tickets", new TierScoring([new(0, 1), new(1, 0.3), new(2, 0)]))
            .AddMetric("days_to_resolve", "Median days to resolve", new BoundedLinearScoring(30, 1)))
        .AddGroup("satisfaction", "Satisfaction", 25, g => g
            .AddMetric("nps", "NPS", new LinearScoring(-100, 100))
            .AddMetric("csat", "CSAT", new LinearScoring(1, 5), configure: m => m.Missing = MissingDataPolicy.Neutral)
            .AddMetric("response_rate", "Survey response rate", new LinearScoring(0, 0.5)))
        .AddGroup("engagement", "Engagement", 15, g => g
            .AddMetric("touches", "Touches in 90 days", new LinearScoring(0, 12))
            .AddMetric("days_since_exec", "Days since executive contact", new LinearScoring(180, 14)), Aggregation.Minimum)
        .AddPhase("onboarding", "Onboarding", p => p.SetWeight("usage", 60).SetScoring("active_days", new LinearScoring(0, 10)).SetBandLowerBound("healthy", 55))
        .AddPhase("adoption", "Adoption")
        .AddPhase("renewal", "Renewal", p => p.SetWeight("satisfaction", 40).SetBandLowerBound("healthy", 70))
        .AddPhase("dormant", "Dormant", p => p.SetWeight("engagement", 40))
        .WithDefaultPhase("adoption");

    // Column-major values: missing (NaN, ±∞), outside bounded ranges, exact linear end points, negative values.
    private static double[] Columns(int metrics, int stride, int seed)
    {
        var random = new Random(seed);
        var columns = new double[metrics * stride];
        for (var i = 0; i < columns.Length; i++)
        {
            columns[i] = random.Next(12) switch
            {
                0 => double.NaN,
                1 => random.Next(2) == 0 ? double.PositiveInfinity : double.NegativeInfinity,
                2 => random.Next(-2, 13),
                _ => (random.NextDouble() * 24) - 4,
            };
        }

        return columns;
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void ScoreColumns_RandomAccounts_EqualsScoringOneByOne(string name)
    {
        var model = Model(name);
        var metricCount = model.Metrics.Count;
        foreach (var (accounts, stride) in new[] { (1_003, 1_010), (64, 64), (3, 5), (0, 0) })
        {
            var columns = Columns(metricCount, stride, seed: accounts);
            var row = new double[metricCount];
            foreach (var phase in model.Phases)
            {
                var scores = new double[accounts];
                model.ScoreColumns(columns, stride, phase, scores);
                var parallel = new double[accounts];
                model.ScoreColumnsParallel(columns, stride, phase, parallel, new BatchOptions { ChunkSize = 100 });
                var scored = 0;
                for (var a = 0; a < accounts; a++)
                {
                    for (var m = 0; m < metricCount; m++)
                    {
                        row[m] = columns[(m * stride) + a];
                    }

                    var expected = model.Score(row, phase).Score ?? double.NaN;
                    Assert.Equal(expected, scores[a]);
                    Assert.Equal(expected, parallel[a]);
                    scored += double.IsNaN(expected) ? 0 : 1;
                }

                if (accounts > 100)
                {
                    Assert.InRange(scored, accounts / 4, accounts - 1);
                }
            }
        }
    }

    [Theory]
    [InlineData("saas", 0)]
    [InlineData("realistic", 0)]
    [InlineData("saas", 2)]
    [InlineData("realistic", 3)]
    public void ScoreColumns_TwoLevelModels_TakeTheProgramPathWithScoresBitForBit(string name, int decimals)
    {
        // Also on a scale below zero with decimals, where the vector rounding meets negative values and midpoints.
        var model = decimals == 0 ? Model(name) : Rescaled(name == "saas" ? TestModels.SaasBuilder() : RealisticBuilder(), decimals);
        const int Accounts = 2_003;
        var metricCount = model.Metrics.Count;
        var columns = Columns(metricCount, Accounts, seed: 7 + decimals);
        var scores = new double[Accounts];
        foreach (var phase in model.Phases)
        {
            Assert.True(ColumnScoring.UsesProgram(model, phase));
            model.ScoreColumns(columns, Accounts, phase, scores);
            AssertSameAsScore(model, phase, columns, Accounts, scores);
        }

        var nested = Model("nested");
        Assert.All(nested.Phases, phase => Assert.False(ColumnScoring.UsesProgram(nested, phase)));
    }

    [Theory]
    [InlineData("saas", 0, 4)]
    [InlineData("saas", 0, 8)]
    [InlineData("realistic", 3, 4)]
    [InlineData("realistic", 3, 8)]
    public void ProgramScoring_EachVectorWidth_ScoresBitForBit(string name, int decimals, int width)
    {
        // Both widths run on every machine (512-bit vectors in software where they are not accelerated), so the
        // path a machine with AVX-512 takes and the one every other machine takes are both checked here.
        var model = decimals == 0 ? Model(name) : Rescaled(name == "saas" ? TestModels.SaasBuilder() : RealisticBuilder(), decimals);
        const int Accounts = 1_600;
        var metricCount = model.Metrics.Count;
        var columns = Columns(metricCount, Accounts, seed: 11 + width);
        var scores = new double[Accounts];
        foreach (var phase in model.Phases)
        {
            ScoreProgram(model, phase, columns, width, scores);
            AssertSameAsScore(model, phase, columns, Accounts, scores);
        }
    }

    [Theory]
    [InlineData(0.0, 4)]
    [InlineData(0.0, 8)]
    [InlineData(0.62, 4)]
    [InlineData(0.62, 8)]
    [InlineData(1.0, 8)]
    public void ProgramScoring_AnyMinimumCoverage_ScoresBitForBit(double minimumCoverage, int width)
    {
        var model = RealisticBuilder().WithMinimumCoverage(minimumCoverage).Build();
        const int Accounts = 800;
        var columns = Columns(model.Metrics.Count, Accounts, seed: 23);
        var scores = new double[Accounts];
        ScoreProgram(model, model.DefaultPhase, columns, width, scores);
        AssertSameAsScore(model, model.DefaultPhase, columns, Accounts, scores);
    }

    [Fact]
    public void CoverageThreshold_AnyMinimum_AdmitsExactlyTheCoveragesThatPass()
    {
        const double Steps = 1e12;
        var random = new Random(5);
        var minimums = new List<double>
        {
            0, -1, 1e-13, 5e-13, 1e-12, 0.4, 0.45, 1.0 / 3, 2.0 / 3, 0.1 + 0.2, 1 - 1e-12, Math.BitDecrement(1.0), 1,
            Math.BitIncrement(1.0), 1.5, double.NaN, double.NegativeInfinity, double.PositiveInfinity,
        };
        for (var i = 0; i < 300; i++)
        {
            minimums.Add(random.NextDouble());
        }

        foreach (var minimum in minimums)
        {
            var threshold = ColumnProgramScoring.CoverageThreshold(minimum);
            Assert.True(double.IsPositiveInfinity(threshold) || (threshold >= 1 && threshold <= Steps && Math.Floor(threshold) == threshold), $"{minimum:R}: {threshold:R}");

            // Around the threshold and at both ends, k steps pass exactly when coverage k / 10^12 passes Result's tests.
            var near = double.IsPositiveInfinity(threshold) ? Steps : threshold;
            foreach (var k in new[] { 0, 1, 2, near - 2, near - 1, near, near + 1, near + 2, Steps - 1, Steps })
            {
                if (k < 0 || k > Steps)
                {
                    continue;
                }

                var coverage = k / Steps;
                Assert.True(coverage > 0 && coverage >= minimum ? k >= threshold : k < threshold, $"minimum {minimum:R}, {k} steps, threshold {threshold:R}");
            }
        }
    }

    // The phase's program on the lanes of the given width, for as many accounts as there are scores (the 4-lane
    // walk up to its last whole vector); the columns are one account per score apart.
    private static void ScoreProgram(HealthModel model, Phase phase, double[] columns, int width, double[] scores)
    {
        var program = phase.Layout.Program!;
        if (width == 8)
        {
            ColumnProgramScoring.Score<Vector512Lanes>(model, program, columns, scores.Length, scores);
        }
        else
        {
            ColumnProgramScoring.Score<VectorLanes>(model, program, columns, scores.Length, scores.AsSpan(0, scores.Length - (scores.Length % VectorLanes.Count)));
        }
    }

    // Each account's columnar score against Score of the same account as a row, bit for bit.
    private static void AssertSameAsScore(HealthModel model, Phase phase, double[] columns, int accounts, double[] scores)
    {
        var row = new double[model.Metrics.Count];
        for (var a = 0; a < accounts; a++)
        {
            for (var m = 0; m < row.Length; m++)
            {
                row[m] = columns[(m * accounts) + a];
            }

            var expected = model.Score(row, phase).Score ?? double.NaN;
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(scores[a]));
        }
    }

    // A model from its builder on the scale −7.5 .. 92.5.
    private static HealthModel Rescaled(HealthModelBuilder builder, int decimals)
    {
        builder.WithScale(-7.5, 92.5, decimals).WithMinimumCoverage(0.45);
        builder.Definition.Bands[0].LowerBound = -7.5;
        return builder.Build();
    }

    [Fact]
    public void ScoreColumns_WarmedUp_AllocatesNothing()
    {
        var model = Realistic();
        var columns = Columns(model.Metrics.Count, 1_000, seed: 1);
        var scores = new double[1_000];
        model.ScoreColumns(columns, 1_000, model.DefaultPhase, scores);

        var before = GC.GetAllocatedBytesForCurrentThread();
        model.ScoreColumns(columns, 1_000, model.DefaultPhase, scores);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void ScoreColumns_ShortBufferOrStride_Throws()
    {
        var model = TestModels.Saas();
        var metricCount = model.Metrics.Count;

        Assert.Throws<ArgumentException>(() => model.ScoreColumns(new double[(metricCount * 10) - 1], 10, model.DefaultPhase, new double[10]));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.ScoreColumns(new double[metricCount * 10], 9, model.DefaultPhase, new double[10]));
    }

    [Fact]
    public void ScoreColumns_CoverageExactlyAtMinimumWithScaledWeights_SameAsScore()
    {
        var builder = TestModels.SaasBuilder();
        foreach (var group in builder.Definition.Groups)
        {
            group.Weight *= 64.01;
            foreach (var metric in group.Metrics)
            {
                metric.Weight *= 64.01;
            }
        }

        var model = builder.Build();
        double[] account = [-19.4, 171.6, double.NaN, 154.6, double.NaN, 137.6, double.PositiveInfinity];
        const int Accounts = 8;
        var columns = new double[account.Length * Accounts];
        for (var m = 0; m < account.Length; m++)
        {
            columns.AsSpan(m * Accounts, Accounts).Fill(account[m]);
        }

        var scores = new double[Accounts];
        model.ScoreColumns(columns, Accounts, model.DefaultPhase, scores);

        Assert.All(scores, score => Assert.Equal(model.Score(account).Score, score));
    }
}
