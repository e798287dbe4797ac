using HealthScore.Core.Model;
using HealthScore.Core.Scoring;
using Snapshooter.Xunit;

namespace HealthScore.Core.Tests.Model;

public sealed class ModelCompilerTests
{
    [Fact]
    public void Compile_ManyProblems_ReportsEveryErrorWithItsPath()
    {
        var definition = new HealthModelDefinition
        {
            Scale = new ScaleDefinition { Min = 0, Max = 100, Decimals = 9 },
            MinimumCoverage = 1.5,
            Bands =
            [
                new BandDefinition { Id = "watch", Label = "Watch", Color = "#F9A825", LowerBound = 40 },
                new BandDefinition { Id = "at_risk", Label = "At risk", Color = "red", LowerBound = 10 },
                new BandDefinition { Id = "watch", Label = "", Color = "#2E7D32", LowerBound = 150 },
            ],
            Groups =
            [
                new GroupDefinition
                {
                    Id = "usage", Label = "Usage", Weight = 0,
                    Metrics =
                    [
                        new MetricDefinition { Id = "logins", Label = "Logins", Weight = double.NaN, Scoring = new LinearScoring(5, 5) },
                        new MetricDefinition { Id = "logins", Label = "Logins again", Scoring = new LinearScoring(0, 5), Direction = MetricDirection.LowerIsBetter },
                        new MetricDefinition { Id = "nps score", Label = "NPS" },
                    ],
                },
                new GroupDefinition
                {
                    Id = "support", Label = "Support", Weight = -2,
                    Metrics =
                    [
                        new MetricDefinition { Id = "tickets", Label = "Tickets", Scoring = new TierScoring([new(5, 0), new(1, 0.5), new(10, 1)]), Missing = MissingDataPolicy.Fixed },
                        new MetricDefinition { Id = "resolution", Label = "Resolution", Scoring = new PiecewiseLinearScoring([new(0, 1), new(5, 0.2), new(9, 0.8)]), MissingValue = 0.3 },
                    ],
                },
                new GroupDefinition { Id = "empty", Label = "Empty" },
            ],
            Phases =
            [
                new PhaseDefinition
                {
                    Id = "onboarding", Label = "Onboarding",
                    Weights = { ["usgae"] = 2, ["support"] = double.PositiveInfinity },
                    Scoring = { ["logins"] = new LinearScoring(5, 0), ["tickts"] = new LinearScoring(0, 1) },
                    Bands = { ["at_rsk"] = 5 },
                },
            ],
            DefaultPhase = "renewal",
        };

        var error = Assert.Throws<HealthModelException>(() => HealthModel.Compile(definition));

        Snapshot.Match(error.Errors.Select(e => e.ToString()).ToArray());
        Assert.StartsWith($"The health model is invalid ({error.Errors.Count} errors):", error.Message);
    }

    [Fact]
    public void Compile_PhaseBandOverrideBreaksOrder_NamesThePhase()
    {
        var builder = TestModels.SaasBuilder().AddPhase("dormant", "Dormant", p => p.SetBandLowerBound("watch", 80));

        var error = Assert.Throws<HealthModelException>(builder.Build);

        var only = Assert.Single(error.Errors);
        Assert.Equal("phases[3].bands (with bands[2].lowerBound): is 70, not above the previous band's lower bound (80): list bands from lowest to highest without overlap.", only.ToString());
    }

    [Fact]
    public void Compile_NoGroupsNoBands_SaysWhatIsNeeded()
    {
        var error = Assert.Throws<HealthModelException>(() => HealthModel.Compile(new HealthModelDefinition()));

        Assert.Equal(
            ["groups: needs at least one group with at least one metric.", "bands: needs at least one band, e.g. { \"id\": \"healthy\", \"label\": \"Healthy\", \"color\": \"#2E7D32\", \"lowerBound\": 0 }."],
            error.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Hash_SameDefinition_SameHash_AnyChange_NewHash()
    {
        var first = TestModels.Saas();
        var second = TestModels.Saas();
        var changed = TestModels.SaasBuilder().AddPhase("dormant", "Dormant").Build();
        var reweighted = TestModels.SaasBuilder();
        reweighted.Definition.Groups[0].Metrics[0].Weight = 2.5;

        Assert.Equal(first.Hash, second.Hash);
        Assert.Matches("^[0-9a-f]{64}$", first.Hash);
        Assert.NotEqual(first.Hash, changed.Hash);
        Assert.NotEqual(first.Hash, reweighted.Build().Hash);
        Assert.Equal(first.Hash, first.Score(first.CreateValues()).ModelHash);
    }

    [Fact]
    public void Compile_DefinitionChangedAfterwards_ModelUnchanged()
    {
        var builder = TestModels.SaasBuilder();
        var model = builder.Build();
        var values = TestModels.Values(model, ("logins_per_week", 2), ("feature_breadth", 0.3), ("csat", 3), ("milestones_done", 1));
        var before = model.Score(values).UnroundedScore;

        builder.Definition.Groups[0].Weight = 1000;
        builder.Definition.Groups[0].Metrics[0].Scoring = new LinearScoring(0, 100);

        Assert.Equal(before, model.Score(values).UnroundedScore);
    }

    [Fact]
    public void Compile_ReportMatrixUnknownGroup_SuggestsClosest()
    {
        var builder = TestModels.SaasBuilder();
        builder.Definition.Report.MatrixX = "satisfacton";

        var error = Assert.Throws<HealthModelException>(builder.Build);

        Assert.Equal("report.matrixX: 'satisfacton' is not a group of this model. Did you mean 'satisfaction'?", Assert.Single(error.Errors).ToString());
    }

    [Fact]
    public void Report_NoMatrixNamed_FirstTwoTopLevelGroups()
    {
        var model = TestModels.Saas();

        Assert.Equal("usage", model.Report.MatrixX.Id);
        Assert.Equal("support", model.Report.MatrixY.Id);
        Assert.Equal("fallback", model.Texts.Get("report.riskiestAccounts", "fallback"));
    }
}
