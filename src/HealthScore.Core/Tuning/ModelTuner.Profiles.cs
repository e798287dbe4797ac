using System.Globalization;
using HealthScore.Core.Model;

namespace HealthScore.Core.Tuning;

/// <summary>Tuning with profiles: each profile's weights on the snapshots of its own accounts, or only the profile named.</summary>
public static partial class ModelTuner
{
    /// <summary>
    /// After the catalogue is tuned: each profile's weights fitted on its own snapshots over the tuned functions, and
    /// cross-validated with each fold's functions and weights fitted without the fold. Returns the proposal with the
    /// profiles' weights, every snapshot's held-out score under its own profile (for the calibration), and what was done.
    /// </summary>
    private static (HealthModelDefinition Proposal, double[] HeldOut, List<ProfileTuning> Profiles) TuneProfiles(
        HealthModelDefinition definition,
        HealthModel model,
        HealthModelDefinition proposal,
        Validation validation,
        LabelledSnapshots snapshots,
        string[] profileIds,
        int[] fold,
        TuningOptions options,
        List<string> notes,
        CancellationToken cancellationToken)
    {
        if (profileIds.Length == 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"The model has {model.Profiles.Count} profiles, but the snapshots do not say which profile each belongs to, so every profile keeps its weights. Give each snapshot's profile id (--profile-column, or tune from a history store) to tune each profile on its own accounts."));
            return (proposal, validation.HeldOutScores, []);
        }

        var heldOut = (double[])validation.HeldOutScores.Clone();
        var results = new List<ProfileTuning>(model.Profiles.Count);
        foreach (var profile in model.Profiles)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var rows = ProfileTuner.RowsOf(model, profileIds, profile.Id);
            var churners = rows.Count(r => snapshots.Churned[r]);
            var given = definition.Profiles.First(p => p.Id == profile.Id);
            var obstacle = ProfileTuner.Obstacle(given, rows.Length, churners, options);
            var folds = rows.Length == 0 ? [] : ProfileTuner.CrossValidate(profile.Id, model, f => validation.FoldProposals[f], obstacle is null, snapshots, rows, fold, options, heldOut, cancellationToken);
            var atMinimum = new bool[model.Metrics.Count];
            if (obstacle is null)
            {
                (proposal, atMinimum) = ProfileTuner.Fit(proposal, profile.Id, snapshots, rows, options, notes);
                CoverageCheck.Apply(model, proposal, snapshots, rows, notes, profile.Id);
            }
            else
            {
                notes.Add(obstacle);
            }

            var result = new ProfileTuning(profile.Id, profile.Label, rows.Length, churners, folds, ProfileTuner.Changes(model, given, proposal.Profiles.First(p => p.Id == profile.Id), proposal, atMinimum), obstacle);
            if (obstacle is null)
            {
                notes.Add(Summary(result));
            }

            results.Add(result);
        }

        return (proposal, heldOut, results);
    }

    /// <summary>Only the profile named: its weights fitted and cross-validated on its own snapshots, over the catalogue's functions as given.</summary>
    private static TuningResult TuneProfile(HealthModelDefinition definition, HealthModel model, LabelledSnapshots snapshots, string[] profileIds, string id, TuningOptions options, CancellationToken cancellationToken)
    {
        var rows = profileIds.Length == 0 ? [] : ProfileTuner.RowsOf(model, profileIds, id);
        var churners = rows.Count(r => snapshots.Churned[r]);
        var given = definition.Profiles.First(p => p.Id == id);
        if (ProfileTuner.Obstacle(given, rows.Length, churners, options) is { } obstacle)
        {
            throw new ArgumentException(profileIds.Length == 0 ? obstacle + " The snapshots name no profile: give each snapshot's profile id." : obstacle, nameof(profileIds));
        }

        var profile = snapshots.Subset(rows);
        var all = profile.AllRows();
        var fold = StratifiedFolds.Assign(profile.Values, profile.MetricCount, profile.PhaseIds, profile.Churned, options.Folds, options.Seed);
        TuningInput.CheckFolds(fold, profile.Churned, options.Folds);
        var folds = ProfileTuner.CrossValidate(id, model, _ => definition, refit: true, profile, all, fold, options, new double[all.Length], cancellationToken);

        var notes = new List<string>();
        var (proposal, atMinimum) = ProfileTuner.Fit(definition, id, profile, all, options, notes);
        CoverageCheck.Apply(model, proposal, profile, all, notes, id);
        if (model.IsCalibrated)
        {
            notes.Add($"The model's calibration is kept as it was (fitted on other scores); tune the model without naming a profile to calibrate it again.");
        }

        cancellationToken.ThrowIfCancellationRequested();
        var before = model.GetProfile(id).Scorecard;
        var after = HealthModel.Compile(proposal).GetProfile(id).Scorecard;
        var metrics = ProfileTuner.Changes(model, given, proposal.Profiles.First(p => p.Id == id), proposal, atMinimum);
        var summary = new ProfileTuning(id, model.GetProfile(id).Label, rows.Length, churners, folds, metrics, notTuned: null);
        notes.Add(Summary(summary));
        return new TuningResult(proposal, folds, profile.Evaluate(before, options.Evaluation), profile.Evaluate(after, options.Evaluation), metrics, [], notes)
        {
            Baselines = Baselines.CrossValidate(before, profile, fold, options.Folds, options.MaxIterations, cancellationToken),
            Population = Population(before, after, profile, all),
            Profile = id,
            Profiles = [summary],
        };
    }

    private static string Summary(ProfileTuning profile) => string.Create(
        CultureInfo.InvariantCulture,
        $"Profile '{profile.Id}' tuned on its own {profile.Accounts} snapshots ({profile.Churned} churners): cross-validated AUC {ModelEvaluation.Format(profile.CrossValidatedAucBefore)} as given, {ModelEvaluation.Format(profile.CrossValidatedAucAfter)} proposed, over its held-out snapshots.");
}
