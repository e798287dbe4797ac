using HealthScore.Core.Model;
using HealthScore.Core.Serialization;
using HealthScore.Core.Tuning;

namespace HealthScore.Core.Tests.Tuning;

/// <summary>
/// The population check on seeded synthetic data: the strongest signal is blank, at random, for some accounts and is
/// written with a small weight, so the model as given scores every account; the proposal gives it most of the weight,
/// which would leave the accounts without it below the minimum coverage. The tuner must lower the minimum coverage,
/// say so, and compare before and after over the same accounts.
/// </summary>
public sealed class CoverageTuningTests
{
    private const string Document = """
        {
          "formatVersion": 2,
          "id": "coverage",
          "label": "Coverage check",
          "minimumCoverage": 0.8,
          "bands": [
            { "id": "at_risk", "label": "At risk", "color": "#C62828", "lowerBound": 0 },
            { "id": "healthy", "label": "Healthy", "color": "#2E7D32", "lowerBound": 50 }
          ],
          "groups": [
            { "id": "all", "label": "All signals", "metrics": [
              { "id": "usage", "label": "Weekly active use", "weight": 1, "scoring": { "type": "linear", "worst": 0, "best": 100 } },
              { "id": "seats", "label": "Seats used", "weight": 4, "scoring": { "type": "linear", "worst": 0, "best": 100 } },
              { "id": "tickets", "label": "Open tickets", "weight": 4, "scoring": { "type": "linear", "worst": 10, "best": 0 } }
            ] }
          ]
        }
        """;

    [Fact]
    public void Tune_ReweightedMetricBlankForSomeAccounts_LowersMinimumCoverageAndComparesTheSameAccounts()
    {
        const int n = 2000;
        var random = new Random(11);
        var values = new double[n * 3];
        var churned = new bool[n];
        var blank = 0;
        for (var i = 0; i < n; i++)
        {
            var usage = random.NextDouble() * 100;
            churned[i] = random.NextDouble() < 1 / (1 + Math.Exp((usage - 35) / 8));
            var isBlank = random.NextDouble() < 0.15;
            blank += isBlank ? 1 : 0;
            values[3 * i] = isBlank ? double.NaN : usage;
            values[(3 * i) + 1] = random.NextDouble() * 100;
            values[(3 * i) + 2] = random.Next(0, 10);
        }

        var result = ModelTuner.Tune(HealthModelDocument.Parse(Document), values, [], churned, [], new TuningOptions { Evaluation = { BootstrapSamples = 0 }, Calibration = null });

        // As given, usage carries 1/9 of the weight, so a blank leaves 8/9 on data: every account is scored.
        var population = result.Population!;
        Assert.True(blank > 200, blank.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal((n, n), (population.Accounts, population.ScoredBefore));
        Assert.Equal((n, n), (population.ScoredAfter, population.Compared));
        Assert.Equal(0.8, population.MinimumCoverageBefore);
        Assert.True(population.MinimumCoverageAfter < 0.8, population.MinimumCoverageAfter.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(population.MinimumCoverageAfter, result.Definition.MinimumCoverage);
        Assert.Contains(result.Notes, note => note.StartsWith("Minimum coverage lowered from 0.80 to ", StringComparison.Ordinal) && note.Contains("so before and after cover the same accounts", StringComparison.Ordinal));
        Assert.All(result.Folds, f => Assert.Equal((f.TestAccounts, f.TestAccounts, f.TestAccounts), (f.ScoredBefore, f.ScoredAfter, f.Compared)));

        // The proposal leans on usage, so without the lowered minimum the blank accounts would be insufficient data.
        var usageShare = result.Metrics.Single(m => m.Id == "usage").ShareAfter;
        Assert.True(1 - usageShare < 0.8, usageShare.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(result.CrossValidatedAucAfter > result.CrossValidatedAucBefore, $"{result.CrossValidatedAucBefore} → {result.CrossValidatedAucAfter}");
    }
}
