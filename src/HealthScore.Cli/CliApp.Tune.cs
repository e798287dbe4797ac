using System.CommandLine;
using System.Globalization;
using HealthScore.Cli.Output;
using HealthScore.Core.Model;
using HealthScore.Core.Serialization;
using HealthScore.Core.Tuning;

namespace HealthScore.Cli;

/// <summary>The <c>tune</c> command: propose weights, scoring functions and band bounds from labelled history.</summary>
internal static partial class CliApp
{
    private static Command TuneCommand(Option<string> modelOption, TextWriter output, TextWriter error)
    {
        var defaults = new TuningOptions();
        var history = new HistoryOptions();
        var outPath = new Option<string>("--out") { Description = "Where to write the proposed model document.", Required = true };
        var folds = new Option<int>("--folds") { Description = "Cross-validation folds.", DefaultValueFactory = _ => defaults.Folds };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the folds and of the bootstrap intervals.", DefaultValueFactory = _ => defaults.Seed };
        var segments = new Option<int>("--segments") { Description = "Segments of each proposed scoring function (break points at the metric's quantiles).", DefaultValueFactory = _ => defaults.Segments };
        var penalty = new Option<double>("--penalty") { Description = "L2 penalty of the fit: larger values give flatter functions and more even weights.", DefaultValueFactory = _ => defaults.Penalty };
        var bandTargets = new Option<string[]>("--band-target")
        {
            Description = "A churn rate a band should meet, as band=rate (e.g. at_risk=0.3 or at_risk=30%); repeat for more bands.",
            AllowMultipleArgumentsPerToken = false,
        };
        var keepDirections = new Option<bool>("--keep-directions") { Description = "Keep every metric's configured direction (by default a direction the data contradicts is reversed, with the evidence in the notes)." };
        var singlePeaked = new Option<string[]>("--single-peaked")
        {
            Description = "A metric that may be scored single-peaked (best at a middle value) where cross-validation supports it; repeat, or separate ids with commas.",
            AllowMultipleArgumentsPerToken = false,
        };
        var horizon = new Option<int?>("--horizon-days") { Description = "The outcome horizon of the history, in days, written into the calibration (churn within this many days of the snapshot)." };
        var profile = new Option<string?>("--profile") { Description = "Tune only this profile, on the snapshots of its accounts: its weights change, the metric catalogue and the other profiles stay as written. Without it, the model and every profile with enough accounts are tuned." };
        var calibration = new Option<string>("--calibration") { Description = "How to calibrate the proposal's score to churn rates: isotonic, binned, or none.", DefaultValueFactory = static _ => "isotonic" };
        calibration.AcceptOnlyFromAmong("isotonic", "binned", "none");
        horizon.Validators.Add(static r => Check(r, r.GetValueOrDefault<int?>() is null or >= 1, "--horizon-days must be 1 or more."));
        folds.Validators.Add(static r => Check(r, r.GetValueOrDefault<int>() >= 2, "--folds must be 2 or more."));
        segments.Validators.Add(static r => Check(r, r.GetValueOrDefault<int>() is >= 1 and <= 64, "--segments must be between 1 and 64."));
        penalty.Validators.Add(static r => Check(r, r.GetValueOrDefault<double>() is >= 0 and < double.PositiveInfinity, "--penalty must be 0 or more."));

        var tune = new Command("tune", "Propose weights, scoring functions and band bounds from history; print the cross-validated AUC before and after, fold by fold, and write the proposal.")
        {
            modelOption, history.File, history.Outcome, history.PhaseColumn, history.ValueColumn, outPath, folds, seed, segments, penalty, bandTargets,
            history.Store, history.OutcomeFile, history.LeadDays, history.ReviewDate,
            keepDirections, singlePeaked, calibration, horizon, history.ProfileColumn, profile,
        };
        history.AddTo(tune);
        tune.SetAction(p => Guard(error, () =>
        {
            var modelPath = p.GetValue(modelOption)!;
            var model = LoadModel(modelPath);
            var definition = HealthModelDocument.Parse(File.ReadAllBytes(modelPath));
            var data = history.Read(p, model, error);
            var options = new TuningOptions
            {
                Folds = p.GetValue(folds),
                Seed = p.GetValue(seed),
                Segments = p.GetValue(segments),
                Penalty = p.GetValue(penalty),
                Evaluation = new EvaluationOptions { Seed = p.GetValue(seed), Folds = p.GetValue(folds) },
                KeepDirections = p.GetValue(keepDirections),
                Profile = p.GetValue(profile),
                Calibration = p.GetValue(calibration) == "none" ? null : new CalibrationOptions
                {
                    Method = p.GetValue(calibration) == "binned" ? CalibrationMethod.Binned : CalibrationMethod.Isotonic,
                    HorizonDays = p.GetValue(horizon),
                },
            };
            foreach (var id in (p.GetValue(singlePeaked) ?? []).SelectMany(static v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
            {
                if (!model.TryGetMetric(id, out _))
                {
                    throw new CliException($"--single-peaked '{id}': model '{model.Id}' has no such metric; its metrics are {string.Join(", ", model.Metrics.Select(static m => m.Id))}.", ExitCodes.Usage);
                }

                options.SinglePeaked.Add(id);
            }
            foreach (var bandTarget in p.GetValue(bandTargets) ?? [])
            {
                options.BandTargets.Add(ParseBandTarget(bandTarget));
            }

            var phaseIds = Array.ConvertAll(data.Phases, static phase => phase.Id);
            TuningResult result;
            try
            {
                result = ModelTuner.TuneWithProfiles(definition, data.Values, phaseIds, data.ProfileIds, data.Churned, data.AccountValues, options);
            }
            catch (ArgumentException e)
            {
                throw new CliException(e.Message.Replace($" (Parameter '{e.ParamName}')", string.Empty, StringComparison.Ordinal));
            }
            catch (HealthModelException e)
            {
                throw new CliException("the proposal is not a valid model:\n" + ErrorList("proposal", e).TrimEnd());
            }

            var tuned = HealthModel.Compile(result.Definition);
            var (before, after) = result.Profile is { } tunedProfile
                ? (new EvaluationRun(model.GetProfile(tunedProfile).Scorecard, data.OfProfile(tunedProfile, model.ProfileRules!.DefaultProfile.Id, model.Metrics.Count), options.Evaluation, result.Before),
                   new EvaluationRun(tuned.GetProfile(tunedProfile).Scorecard, data.OfProfile(tunedProfile, model.ProfileRules!.DefaultProfile.Id, model.Metrics.Count), options.Evaluation, result.After))
                : (new EvaluationRun(model, data, options.Evaluation, result.Before), new EvaluationRun(tuned, data, options.Evaluation, result.After));
            var target = p.GetValue(outPath)!;
            WriteFile(target, HealthModelDocument.Write(result.Definition));
            output.Write(TuningFormats.Text(result, options, before, after, Path.GetFileName(target)));
            return ExitCodes.Ok;
        }));
        return tune;
    }

    private static void Check(System.CommandLine.Parsing.OptionResult result, bool valid, string message)
    {
        if (!valid)
        {
            result.AddError(message);
        }
    }

    /// <summary>Reads <c>band=rate</c>, the rate as a fraction (0.3) or a percentage (30%).</summary>
    private static BandTarget ParseBandTarget(string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        var rate = equals < 0 ? string.Empty : text[(equals + 1)..].Trim();
        var percent = rate.EndsWith('%');
        if (equals <= 0
            || !double.TryParse(percent ? rate[..^1] : rate, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            || !double.IsFinite(value))
        {
            throw new CliException($"--band-target '{text}': expected band=rate, e.g. at_risk=0.3 or at_risk=30%.", ExitCodes.Usage);
        }

        return new BandTarget(text[..equals].Trim(), percent ? value / 100 : value);
    }
}
