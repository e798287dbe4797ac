using HealthScore.Core.Model;
using HealthScore.Core.Pipeline;
using HealthScore.Core.Serialization;
using HealthScore.Core.Tuning;

namespace HealthScore.Core.Tests.Tuning;

/// <summary>Calibration: fitted from labelled scores, carried by the document, read by the model without allocating.</summary>
public sealed class CalibrationTests
{
    private static HealthModel Model(string phases = "") => HealthModelDocument.Compile($$"""
        {
          "id": "calibrated", "minimumCoverage": 0.5,
          "bands": [ { "id": "at_risk", "label": "At risk", "color": "#C62828", "lowerBound": 0 }, { "id": "healthy", "label": "Healthy", "color": "#2E7D32", "lowerBound": 50 } ],
          "groups": [ { "id": "usage", "label": "Usage", "weight": 1, "metrics": [ { "id": "logins", "label": "Logins", "scoring": { "type": "linear", "worst": 0, "best": 100 } } ] } ]
          {{phases}}
        }
        """);

    [Fact]
    public void Fit_HandWorkedScores_IsotonicBinsWithWilsonIntervals()
    {
        // 100 accounts at score 10 (60 churn), 100 at 50 (20 churn), 100 at 90 (5 churn): three runs, rates falling.
        var scores = Enumerable.Repeat(10.0, 100).Concat(Enumerable.Repeat(50.0, 100)).Concat(Enumerable.Repeat(90.0, 100)).ToArray();
        var churned = Enumerable.Range(0, 300).Select(i => (i % 100) < (i < 100 ? 60 : i < 200 ? 20 : 5)).ToArray();

        var calibration = ChurnCalibration.Fit(Model(), scores, [], churned, new CalibrationOptions { HorizonDays = 90 });

        Assert.Equal([0, 30, 70], calibration.Bins.Select(b => b.From));
        Assert.Equal([0.6, 0.2, 0.05], calibration.Bins.Select(b => b.ChurnRate));
        Assert.Equal([100, 100, 100], calibration.Bins.Select(b => b.Accounts));
        // Wilson 95% for 60 of 100: 0.502–0.691.
        Assert.Equal(0.502, calibration.Bins[0].Lower, 0.002);
        Assert.Equal(0.691, calibration.Bins[0].Upper, 0.002);
        Assert.Equal(90, calibration.HorizonDays);
        Assert.Empty(calibration.Phases);
    }

    [Fact]
    public void Fit_RisingRateAndTinyRuns_PooledAndMergedSoTheRateNeverRisesWithTheScore()
    {
        var scores = new[] { 1.0, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
        var churned = new[] { true, false, true, true, false, false, true, false, false, false };

        var bins = ChurnCalibration.Fit(Model(), scores, [], churned, new CalibrationOptions { MinimumBinAccounts = 3 }).Bins;

        Assert.All(bins, b => Assert.True(b.Accounts >= 3));
        Assert.All(bins.Zip(bins.Skip(1)), pair => Assert.True(pair.Second.ChurnRate <= pair.First.ChurnRate));
        Assert.Equal(10, bins.Sum(b => b.Accounts));
        Assert.Equal(4, bins.Sum(b => b.Churned));
    }

    [Fact]
    public void Fit_Binned_EqualCountBinsAtQuantiles()
    {
        var scores = Enumerable.Range(0, 1000).Select(i => i / 10.0).ToArray();
        var churned = scores.Select(s => s < 30).ToArray();

        var bins = ChurnCalibration.Fit(Model(), scores, [], churned, new CalibrationOptions { Method = CalibrationMethod.Binned, Bins = 4 }).Bins;

        Assert.Equal([250, 250, 250, 250], bins.Select(b => b.Accounts));
        Assert.Equal([1, 0.2, 0, 0], bins.Select(b => b.ChurnRate));
    }

    [Fact]
    public void Fit_PhaseWithEnoughData_GetsItsOwnBinsOthersPooled()
    {
        var model = Model(""", "phases": [ { "id": "onboarding", "label": "Onboarding" }, { "id": "adoption", "label": "Adoption" } ]""");
        var random = new Random(3);
        var phases = Enumerable.Range(0, 700).Select(i => i < 500 ? "onboarding" : "adoption").ToArray();
        var scores = Enumerable.Range(0, 700).Select(_ => random.NextDouble() * 100).ToArray();
        var churned = scores.Select((s, i) => random.NextDouble() < (phases[i] == "onboarding" ? 0.5 : 0.1) * (1 - (s / 100))).ToArray();

        var calibration = ChurnCalibration.Fit(model, scores, phases, churned);

        Assert.Equal(["onboarding"], calibration.Phases.Keys);
        Assert.Equal(700, calibration.Bins.Sum(b => b.Accounts));
        Assert.Equal(500, calibration.Phases["onboarding"].Sum(b => b.Accounts));
        Assert.Contains("phase 'onbording' is not a phase", Assert.Throws<ArgumentException>(() => ChurnCalibration.Fit(model, [1.0], ["onbording"], [true])).Message, StringComparison.Ordinal);
        Assert.Contains("No snapshot has a score", Assert.Throws<ArgumentException>(() => ChurnCalibration.Fit(model, [double.NaN], [], [true])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ChurnCalibration.Fit(model, [1.0, 2.0], [], [true]));
    }

    [Fact]
    public void Document_WithCalibration_RoundTripsAndTheModelLooksScoresUpWithoutAllocating()
    {
        var definition = Definition();
        definition.Calibration = new CalibrationDefinition
        {
            HorizonDays = 90,
            Bins =
            [
                new CalibrationBin { From = 0, ChurnRate = 0.6, Lower = 0.5, Upper = 0.7, Accounts = 100, Churned = 60 },
                new CalibrationBin { From = 30, ChurnRate = 0.2, Lower = 0.13, Upper = 0.29, Accounts = 100, Churned = 20 },
                new CalibrationBin { From = 70, ChurnRate = 0.05, Lower = 0.02, Upper = 0.11, Accounts = 100, Churned = 5 },
            ],
        };
        var json = HealthModelDocument.Write(definition);
        var model = HealthModelDocument.Compile(json);

        Assert.Equal(json, HealthModelDocument.Write(HealthModelDocument.Parse(json)));
        Assert.NotEqual(Model().Hash, model.Hash);
        Assert.True(model.IsCalibrated);
        Assert.Equal(90, model.CalibrationHorizonDays);
        Assert.Equal(new ChurnEstimate(0.6, 0.5, 0.7), model.EstimateChurn(-5, model.DefaultPhase));
        Assert.Equal(0.6, model.EstimateChurn(29.99, model.DefaultPhase)!.Value.Rate);
        Assert.Equal(0.2, model.EstimateChurn(30, model.DefaultPhase)!.Value.Rate);
        Assert.Equal(0.05, model.EstimateChurn(100, model.DefaultPhase)!.Value.Rate);
        Assert.Null(model.EstimateChurn(double.NaN, model.DefaultPhase));
        Assert.Null(Model().EstimateChurn(50, Model().DefaultPhase));

        model.EstimateChurn(50, model.DefaultPhase);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var sum = 0.0;
        for (var i = 0; i < 1000; i++)
        {
            sum += model.EstimateChurn(i % 100, model.DefaultPhase)!.Value.Rate;
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(sum > 0);
    }

    [Fact]
    public void Engine_CalibratedModel_ResultAndSnapshotCarryTheExpectedChurnRate()
    {
        var definition = Definition();
        definition.Calibration = new CalibrationDefinition { Bins = [new CalibrationBin { From = 0, ChurnRate = 0.4, Lower = 0.3, Upper = 0.5, Accounts = 50, Churned = 20 }, new CalibrationBin { From = 50, ChurnRate = 0.1, Lower = 0.05, Upper = 0.2, Accounts = 50, Churned = 5 }] };
        var model = HealthModel.Compile(definition);
        var engine = new HealthEngine(model);
        var low = engine.Evaluate(new AccountInput { AsOf = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), MetricValues = new double[] { 20 } });
        Assert.Equal(0.4, low.ExpectedChurnRate);
        var snapshot = low.ToSnapshot();
        Assert.Equal(0.4, snapshot.ExpectedChurnRate);
        Assert.Equal(0.4, HealthSnapshotJson.Read(HealthSnapshotJson.Write(snapshot)).ExpectedChurnRate);

        var high = engine.Evaluate(new AccountInput { AsOf = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), MetricValues = new double[] { 80 } });
        Assert.Equal(0.1, high.ExpectedChurnRate);
        var bytes = GC.GetAllocatedBytesForCurrentThread();
        var rate = high.ExpectedChurnRate;
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - bytes);
        Assert.Equal(0.1, rate);

        var uncalibrated = new HealthEngine(Model()).Evaluate(new AccountInput { AsOf = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), MetricValues = new double[] { 80 } });
        Assert.Null(uncalibrated.ExpectedChurnRate);
        Assert.DoesNotContain("expectedChurnRate", HealthSnapshotJson.Write(uncalibrated.ToSnapshot()), StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_BadCalibration_EveryErrorWithItsPath()
    {
        var definition = Definition();
        definition.Calibration = new CalibrationDefinition
        {
            HorizonDays = 0,
            Bins = [new CalibrationBin { From = 10, ChurnRate = 0.4, Lower = 0.5, Upper = 0.6 }, new CalibrationBin { From = 5, ChurnRate = 0.1, Lower = 0, Upper = 0.2, Accounts = 3, Churned = 4 }],
            Phases = { ["renewal"] = [] },
        };

        var errors = Assert.Throws<HealthModelException>(() => HealthModel.Compile(definition)).Errors.Select(e => e.Path + ": " + e.Message).ToList();

        Assert.Contains(errors, e => e.StartsWith("calibration.horizonDays: is 0", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("calibration.bins[0]: needs 0 ≤ lower ≤ churnRate", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("calibration.bins[1].from: must be greater than the previous bin's from (10)", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("calibration.bins[1]: needs 0 ≤ churned ≤ accounts; it has 4 of 3", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("calibration.phases.renewal: names no phase of the model", StringComparison.Ordinal));
    }

    private static HealthModelDefinition Definition() => HealthModelDocument.Parse(HealthModelDocument.Write(HealthModelDocument.Parse("""
        {
          "id": "calibrated", "minimumCoverage": 0.5,
          "bands": [ { "id": "at_risk", "label": "At risk", "color": "#C62828", "lowerBound": 0 }, { "id": "healthy", "label": "Healthy", "color": "#2E7D32", "lowerBound": 50 } ],
          "groups": [ { "id": "usage", "label": "Usage", "weight": 1, "metrics": [ { "id": "logins", "label": "Logins", "scoring": { "type": "linear", "worst": 0, "best": 100 } } ] } ]
        }
        """)));
}
