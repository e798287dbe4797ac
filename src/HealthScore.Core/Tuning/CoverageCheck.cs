using System.Globalization;
using HealthScore.Core.Model;
using HealthScore.Core.Scoring;

namespace HealthScore.Core.Tuning;

/// <summary>
/// Keeps a proposal scoring every account the model as given scores. New weights move coverage: a metric that is
/// often blank and gains weight leaves more accounts below the minimum coverage, "insufficient data", and a tuned
/// model that silently stops scoring them is compared on other accounts than the original. When that would happen the
/// proposal's minimum coverage is lowered to the lowest coverage among those accounts, with a note that says why.
/// </summary>
internal static class CoverageCheck
{
    /// <summary>Lowers the proposal's minimum coverage when it would score fewer of the rows than the model does (with <paramref name="profileId"/>, both with that profile's scorecard).</summary>
    public static void Apply(HealthModel model, HealthModelDefinition proposal, LabelledSnapshots snapshots, int[] rows, List<string>? notes, string? profileId = null)
    {
        var tuned = HealthModel.Compile(proposal);
        var before = snapshots.Results(profileId is null ? model : model.GetProfile(profileId).Scorecard, rows);
        var after = snapshots.Results(profileId is null ? tuned : tuned.GetProfile(profileId).Scorecard, rows);
        var lowest = double.PositiveInfinity;
        int lost = 0, lostChurned = 0;
        for (var r = 0; r < rows.Length; r++)
        {
            if (before[r].UnroundedScore is not null && after[r].UnroundedScore is null && after[r].Coverage > 0)
            {
                lowest = Math.Min(lowest, after[r].Coverage);
                lost++;
                lostChurned += snapshots.Churned[rows[r]] ? 1 : 0;
            }
        }

        if (lost == 0)
        {
            return;
        }

        var old = proposal.MinimumCoverage;
        proposal.MinimumCoverage = Math.Floor(lowest * 100) / 100;
        notes?.Add(string.Create(
            CultureInfo.InvariantCulture,
            $"Minimum coverage lowered from {old:0.00} to {proposal.MinimumCoverage:0.00}: with the proposed weights{(profileId is null ? "" : $" of profile '{profileId}'")}, {lost} snapshots the model as given scores ({lostChurned} of them churners, {(double)lostChurned / lost:P1}) would have too little of their weight on data and become insufficient data; the proposal scores them, so before and after cover the same accounts."));
    }

    /// <summary>How many of the rows each model scores, and both.</summary>
    public static (int Before, int After, int Both) Scored(HealthResult[] before, HealthResult[] after)
    {
        int b = 0, a = 0, both = 0;
        for (var i = 0; i < before.Length; i++)
        {
            var hasBefore = before[i].UnroundedScore is not null;
            var hasAfter = after[i].UnroundedScore is not null;
            b += hasBefore ? 1 : 0;
            a += hasAfter ? 1 : 0;
            both += hasBefore && hasAfter ? 1 : 0;
        }

        return (b, a, both);
    }
}
