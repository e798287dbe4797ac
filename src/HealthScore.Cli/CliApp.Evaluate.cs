using System.CommandLine;
using HealthScore.Cli.Input;
using HealthScore.Cli.Output;
using HealthScore.Core.Tuning;

namespace HealthScore.Cli;

/// <summary>The <c>evaluate</c> command: a model against labelled history.</summary>
internal static partial class CliApp
{
    private static Command EvaluateCommand(Option<string> modelOption, Option<string?> reportOption, TextWriter output, TextWriter error)
    {
        var history = new HistoryOptions();
        var format = new Option<string>("--format") { Description = "Output format.", DefaultValueFactory = static _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var seed = new Option<ulong>("--seed") { Description = "Seed of the bootstrap resampling.", DefaultValueFactory = static _ => new EvaluationOptions().Seed };
        var bootstrap = new Option<int>("--bootstrap") { Description = "Bootstrap resamples for the AUC's confidence interval; 0 for none.", DefaultValueFactory = static _ => new EvaluationOptions().BootstrapSamples };
        bootstrap.Validators.Add(static r => Check(r, r.GetValueOrDefault<int>() >= 0, "--bootstrap must be 0 or more."));
        var folds = new Option<int>("--folds") { Description = "Folds the model is compared with a logistic regression and a free additive model on (the tuner's folds with the same seed).", DefaultValueFactory = static _ => new EvaluationOptions().Folds };
        folds.Validators.Add(static r => Check(r, r.GetValueOrDefault<int>() >= 2, "--folds must be 2 or more."));
        var noBaselines = new Option<bool>("--no-baselines") { Description = "Leave out the comparison with a logistic regression and a free additive model." };

        var evaluate = new Command("evaluate", "Evaluate a model against history: AUC with a bootstrap interval, churn per band and phase (expected and observed when calibrated), lift, each metric's own AUC and direction check, and the AUC a logistic regression and a free additive model reach on the same folds.")
        {
            modelOption, history.File, history.Outcome, history.PhaseColumn, history.ValueColumn, reportOption, format, seed, bootstrap, folds, noBaselines,
        };
        evaluate.SetAction(p => Guard(error, () =>
        {
            var model = LoadModel(p.GetValue(modelOption)!);
            var data = history.Read(p, model, error);

            var options = new EvaluationOptions { BootstrapSamples = p.GetValue(bootstrap), Seed = p.GetValue(seed), Folds = p.GetValue(folds), Baselines = !p.GetValue(noBaselines) };
            var report = ModelEvaluation.Evaluate(model, data.Values, data.Phases, data.Churned, data.AccountValues, options);
            var run = new EvaluationRun(model, data, options, report);
            output.Write(p.GetValue(format) == "json" ? CliJsonContext.Serialize(EvaluationFormats.Json(run)) : EvaluationFormats.Text(run));
            if (p.GetValue(reportOption) is { } reportPath)
            {
                WriteFile(reportPath, EvaluationHtmlReport.Write(run));
            }

            return ExitCodes.Ok;
        }));
        return evaluate;
    }

    /// <summary>The options that locate a history file's columns, shared by <c>evaluate</c> and <c>tune</c>.</summary>
    private sealed class HistoryOptions
    {
        public Option<string> File { get; } = new("--history") { Description = "History CSV: one row per account snapshot, an outcome column and one column per metric (headers match metric ids ignoring case, spaces, '_' and '-').", Required = true };

        public Option<string> Outcome { get; } = new("--outcome") { Description = "Outcome column: 1/0, true/false, yes/no or churned/retained.", DefaultValueFactory = static _ => HistoryColumns.DefaultOutcome };

        public Option<string?> PhaseColumn { get; } = new("--phase-column") { Description = "Column of phase ids (default: every row in the model's default phase)." };

        public Option<string?> ValueColumn { get; } = new("--value-column") { Description = "Column of non-negative account values for value-weighted figures (may also be a metric)." };

        /// <summary>Reads the history; lists ignored columns and metrics without a column on <paramref name="error"/>.</summary>
        public History Read(ParseResult p, Core.Model.HealthModel model, TextWriter error)
        {
            var columns = new HistoryColumns(p.GetValue(Outcome)!, p.GetValue(PhaseColumn), p.GetValue(ValueColumn));
            var data = HistoryCsv.Read(p.GetValue(File)!, model, columns);
            if (data.IgnoredColumns.Count > 0)
            {
                error.WriteLine("ignored columns: " + string.Join(", ", data.IgnoredColumns));
            }

            foreach (var metric in data.MissingMetrics)
            {
                error.WriteLine($"warning: {data.File} has no column for metric '{metric.Id}' of model '{model.Id}'; its values are all missing.");
            }

            return data;
        }
    }
}
