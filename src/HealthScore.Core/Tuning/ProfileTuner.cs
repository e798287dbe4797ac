using System.Globalization;
using HealthScore.Core.Model;
using HealthScore.Core.Scoring;
using HealthScore.Core.Serialization;

namespace HealthScore.Core.Tuning;

/// <summary>
/// Tunes a profile on its own accounts. Every profile scores the model's one metric catalogue, whose scoring functions
/// they share, so what is a profile's own is its weights: they are fitted on the snapshots that belong to the profile
/// by a logistic regression of churn on each metric's score under its function (in the snapshot's phase), every
/// coefficient at least zero, with the tuner's L2 penalty. A metric's weight is its coefficient; group weights are the
/// sums of their members', and the profile's phase weight overrides scale with the weights they override.
/// </summary>
internal static class ProfileTuner
{
    /// <summary>The rows whose snapshot belongs to the profile (an empty profile id is the model's default profile).</summary>
    public static int[] RowsOf(HealthModel model, string[] profileIds, string profileId)
    {
        var isDefault = model.ProfileRules!.DefaultProfile.Id == profileId;
        var rows = new List<int>();
        for (var r = 0; r < profileIds.Length; r++)
        {
            var id = profileIds[r];
            if (id == profileId || (isDefault && string.IsNullOrEmpty(id)))
            {
                rows.Add(r);
            }
        }

        return [.. rows];
    }

    /// <summary>Why the profile cannot be tuned on its own accounts, or <see langword="null"/> when it can.</summary>
    public static string? Obstacle(ProfileDefinition profile, int accounts, int churned, TuningOptions options)
    {
        if (AllGroups(profile.Groups).FirstOrDefault(static g => g.Aggregation != Aggregation.WeightedMean) is { } group)
        {
            return $"Profile '{profile.Id}': group '{group.Id}' takes the {group.Aggregation.ToString().ToLowerInvariant()} of its members, and the tuner fits a weighted mean of a profile's metrics only; the profile keeps its weights.";
        }

        var stayers = accounts - churned;
        var needed = Math.Max(options.MinimumProfileChurners, options.Folds);
        return accounts < options.MinimumProfileAccounts || churned < needed || stayers < needed
            ? string.Create(
                CultureInfo.InvariantCulture,
                $"Profile '{profile.Id}' has {accounts} snapshots, {churned} of them churners and {stayers} stayers; tuning a profile on its own accounts needs at least {options.MinimumProfileAccounts} snapshots and {needed} churners and {needed} stayers (TuningOptions.MinimumProfileAccounts, MinimumProfileChurners). The profile keeps its weights.")
            : null;
    }

    /// <summary>
    /// Fits the profile's weights on the rows with the scoring functions of <paramref name="basis"/>, and returns a copy
    /// of <paramref name="basis"/> with that profile's weights replaced (unchanged, with a note, when no metric separates).
    /// </summary>
    public static (HealthModelDefinition Proposal, bool[] AtMinimum) Fit(HealthModelDefinition basis, string profileId, LabelledSnapshots snapshots, int[] rows, TuningOptions options, List<string>? notes)
    {
        var scorecard = HealthModel.Compile(basis).GetProfile(profileId).Scorecard;
        var proposal = HealthModelDocument.Parse(HealthModelDocument.Write(basis));
        var profile = proposal.Profiles.First(p => p.Id == profileId);
        var used = AllGroups(profile.Groups).SelectMany(static g => g.Metrics).Select(m => scorecard.GetMetric(m.Id)).OrderBy(static m => m.Index).ToArray();
        var features = new double[used.Length * rows.Length];
        for (var k = 0; k < used.Length; k++)
        {
            var column = new double[rows.Length];
            for (var r = 0; r < rows.Length; r++)
            {
                var x = snapshots.Values[(rows[r] * snapshots.MetricCount) + used[k].Index];
                column[r] = double.IsFinite(x) ? snapshots.PhaseOf(scorecard, rows[r]).GetScoringFunction(used[k]).Normalize(x) : double.NaN;
            }

            FillMissing(column).CopyTo(features, k * rows.Length);
        }

        var (_, beta, _) = MonotoneLogisticFit.Fit(features, rows.Length, LabelledSnapshots.Select(snapshots.Churned, rows), options.Penalty, options.MaxIterations);
        var atMinimum = new bool[snapshots.MetricCount];
        var total = beta.Sum();
        if (!(total > 0))
        {
            notes?.Add($"Profile '{profileId}': no metric separates its churners from its stayers; its weights are left as they were.");
            return (proposal, atMinimum);
        }

        var oldWeights = Weights(profile);
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var k = 0; k < used.Length; k++)
        {
            weights[used[k].Id] = Math.Round(100 * Math.Max(beta[k] / total, options.MinimumWeightShare), 2, MidpointRounding.AwayFromZero);
            atMinimum[used[k].Index] = beta[k] == 0;
        }

        foreach (var group in profile.Groups)
        {
            SetWeights(group, weights);
        }

        var newWeights = Weights(profile);
        foreach (var phase in profile.Phases)
        {
            foreach (var id in phase.Weights.Keys.ToList())
            {
                if (oldWeights.TryGetValue(id, out var old) && newWeights.TryGetValue(id, out var updated) && old > 0)
                {
                    phase.Weights[id] = Math.Round(phase.Weights[id] * updated / old, 4, MidpointRounding.AwayFromZero);
                    notes?.Add($"Profile '{profileId}': phase '{phase.Id}' overrides the weight of '{id}'; the override is scaled by the same factor as the profile's weight.");
                }
            }
        }

        return (proposal, atMinimum);
    }

    /// <summary>
    /// The profile's cross-validation: for each fold, the profile as given and the profile refitted on the fold's
    /// training rows (over the functions <paramref name="basisOfFold"/> gives for that fold, or with its weights as they
    /// are when <paramref name="refit"/> is false), both scored on the fold's held-out rows. Writes each held-out row's
    /// score into <paramref name="heldOut"/> (by snapshot).
    /// </summary>
    public static List<FoldResult> CrossValidate(string profileId, HealthModel given, Func<int, HealthModelDefinition> basisOfFold, bool refit, LabelledSnapshots snapshots, int[] rows, int[] fold, TuningOptions options, double[] heldOut, CancellationToken cancellationToken)
    {
        var givenScorecard = given.GetProfile(profileId).Scorecard;
        var folds = new List<FoldResult>(options.Folds);
        for (var f = 0; f < options.Folds; f++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var training = rows.Where(r => fold[r] != f).ToArray();
            var test = rows.Where(r => fold[r] == f).ToArray();
            var basis = basisOfFold(f);
            var foldDefinition = refit ? Fit(basis, profileId, snapshots, training, options, notes: null).Proposal : basis;
            var foldScorecard = HealthModel.Compile(foldDefinition).GetProfile(profileId).Scorecard;
            var before = snapshots.Results(givenScorecard, test);
            var after = snapshots.Results(foldScorecard, test);
            var churned = LabelledSnapshots.Select(snapshots.Churned, test);
            var riskBefore = new double[test.Length];
            var riskAfter = new double[test.Length];
            for (var r = 0; r < test.Length; r++)
            {
                heldOut[test[r]] = after[r].UnroundedScore ?? double.NaN;
                var both = before[r].UnroundedScore is not null && after[r].UnroundedScore is not null;
                riskBefore[r] = both ? LabelledSnapshots.Risk(before[r]) : double.NaN;
                riskAfter[r] = both ? LabelledSnapshots.Risk(after[r]) : double.NaN;
            }

            var (scoredBefore, scoredAfter, compared) = CoverageCheck.Scored(before, after);
            folds.Add(new FoldResult(f + 1, training.Length, test.Length, churned.Count(static c => c), ModelEvaluation.Finite(RocAuc.Compute(riskBefore, churned)), ModelEvaluation.Finite(RocAuc.Compute(riskAfter, churned)))
            {
                ScoredBefore = scoredBefore,
                ScoredAfter = scoredAfter,
                Compared = compared,
            });
        }

        return folds;
    }

    /// <summary>What the proposal changes for each metric the profile uses, in metric order: its share of the profile's score before and after.</summary>
    public static List<MetricTuning> Changes(HealthModel model, ProfileDefinition before, ProfileDefinition after, HealthModelDefinition proposal, bool[] atMinimum)
    {
        var sharesBefore = Shares(before);
        var sharesAfter = Shares(after);
        var tuned = HealthModel.Compile(proposal);
        var changes = new List<MetricTuning>();
        foreach (var metric in model.Metrics)
        {
            if (sharesAfter.TryGetValue(metric.Id, out var share))
            {
                var scoring = ScoringOf(proposal, metric.Id);
                changes.Add(new MetricTuning(metric.Id, metric.Label, sharesBefore.GetValueOrDefault(metric.Id), share, atMinimum[metric.Index], null, scoring, scoring)
                {
                    Reversed = false,
                    SinglePeaked = scoring is PeakedScoring,
                    BlankScore = tuned.GetMetric(metric.Id).Missing == MissingDataPolicy.Fixed ? tuned.GetMetric(metric.Id).MissingValue : null,
                });
            }
        }

        return changes;
    }

    /// <summary>Each metric's share of the profile's score: the product of its and its groups' shares among their siblings.</summary>
    public static Dictionary<string, double> Shares(ProfileDefinition profile)
    {
        var shares = new Dictionary<string, double>(StringComparer.Ordinal);
        var total = profile.Groups.Sum(static g => g.Weight);
        foreach (var group in profile.Groups)
        {
            Visit(group, group.Weight / total);
        }

        return shares;

        void Visit(ProfileGroupDefinition group, double share)
        {
            var sum = group.Metrics.Sum(static m => m.Weight) + group.Groups.Sum(static g => g.Weight);
            foreach (var metric in group.Metrics)
            {
                shares[metric.Id] = share * metric.Weight / sum;
            }

            foreach (var child in group.Groups)
            {
                Visit(child, share * child.Weight / sum);
            }
        }
    }

    private static ScoringFunctionDefinition? ScoringOf(HealthModelDefinition definition, string metricId)
    {
        var stack = new Stack<GroupDefinition>(definition.Groups);
        while (stack.Count > 0)
        {
            var group = stack.Pop();
            if (group.Metrics.FirstOrDefault(m => m.Id == metricId) is { } metric)
            {
                return metric.Scoring;
            }

            foreach (var child in group.Groups)
            {
                stack.Push(child);
            }
        }

        return null;
    }

    /// <summary>Sets each metric's weight to its fitted percentage and each group's to the sum of its members'.</summary>
    private static double SetWeights(ProfileGroupDefinition group, Dictionary<string, double> weights)
    {
        var sum = 0.0;
        foreach (var metric in group.Metrics)
        {
            metric.Weight = weights[metric.Id];
            sum += metric.Weight;
        }

        foreach (var child in group.Groups)
        {
            sum += SetWeights(child, weights);
        }

        group.Weight = Math.Round(sum, 2, MidpointRounding.AwayFromZero);
        return group.Weight;
    }

    private static Dictionary<string, double> Weights(ProfileDefinition profile)
    {
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var group in AllGroups(profile.Groups))
        {
            weights[group.Id] = group.Weight;
            foreach (var metric in group.Metrics)
            {
                weights[metric.Id] = metric.Weight;
            }
        }

        return weights;
    }

    private static IEnumerable<ProfileGroupDefinition> AllGroups(List<ProfileGroupDefinition> groups)
    {
        foreach (var group in groups)
        {
            yield return group;
            foreach (var child in AllGroups(group.Groups))
            {
                yield return child;
            }
        }
    }

    /// <summary>Clamps each score into [0, 1] and gives a row without one the mean of the rows with one, so a blank neither helps nor hurts the fit.</summary>
    private static double[] FillMissing(double[] column)
    {
        for (var r = 0; r < column.Length; r++)
        {
            if (double.IsFinite(column[r]))
            {
                column[r] = Math.Clamp(column[r], 0, 1);
            }
        }

        return TuningFit.Design.FillMissing(column);
    }
}
