using System.CommandLine;
using HealthScore.Cli.Input;
using HealthScore.Cli.Output;
using HealthScore.Cli.Store;
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
            history.Store, history.OutcomeFile, history.LeadDays, history.ReviewDate,
        };
        history.AddTo(evaluate);
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
        public Option<string?> File { get; } = new("--history") { Description = "History CSV: one row per account snapshot, an outcome column and one column per metric (headers match metric ids ignoring case, spaces, '_' and '-'). Or give --store and --outcome-file." };

        public Option<string?> Store { get; } = new("--store") { Description = "Instead of --history: the history store whose snapshots are labelled with --outcome-file." };

        public Option<string?> OutcomeFile { get; } = new("--outcome-file") { Description = "With --store: CSV of account_id, outcome (churned or renewed) and date (yyyy-MM-dd)." };

        public Option<int> LeadDays { get; } = new("--lead-days") { Description = "With --store: each account's snapshot is its last one taken at least this many days before its outcome (or the review date).", DefaultValueFactory = static _ => OutcomeSnapshots.DefaultLeadDays };

        public Option<DateOnly?> ReviewDate { get; } = new("--review-date") { Description = "With --store: accounts with no outcome stayed until this date (yyyy-MM-dd); default the latest date in the outcome file." };

        public Option<string> Outcome { get; } = new("--outcome") { Description = "Outcome column: 1/0, true/false, yes/no or churned/retained (or labels, with --churned-value).", DefaultValueFactory = static _ => HistoryColumns.DefaultOutcome };

        public Option<string[]> ChurnedValue { get; } = new("--churned-value")
        {
            Description = "The outcome label that means churned (e.g. \"Attrited Customer\"), compared ignoring case; every other label means retained. Repeat for more labels.",
            AllowMultipleArgumentsPerToken = false,
        };

        public ReadingOptions Reading { get; } = new();

        /// <summary>Adds the options every history command shares beyond the columns: --churned-value and how cells are read.</summary>
        public void AddTo(Command command)
        {
            command.Add(ChurnedValue);
            foreach (var option in Reading.All)
            {
                command.Add(option);
            }
        }

        public Option<string?> PhaseColumn { get; } = new("--phase-column") { Description = "Column of phase ids (default: every row in the model's default phase)." };

        public Option<string?> ProfileColumn { get; } = new("--profile-column") { Description = "Column of the profile each snapshot's account belongs to (a profile id or label; blank = the default profile), so that each profile is tuned on its own accounts." };

        public Option<string?> ValueColumn { get; } = new("--value-column") { Description = "Column of non-negative account values for value-weighted figures (may also be a metric)." };

        /// <summary>
        /// Reads the history; lists ignored columns on <paramref name="error"/>. A metric without a column is an error,
        /// or with --allow-missing-columns a warning.
        /// </summary>
        public History Read(ParseResult p, Core.Model.HealthModel model, TextWriter error)
        {
            if (p.GetValue(Store) is { } store)
            {
                var outcomes = p.GetValue(OutcomeFile) ?? throw new CliException("--store needs --outcome-file: the outcomes its snapshots are judged against.", ExitCodes.Usage);
                if (p.GetValue(File) is not null || p.GetValue(LeadDays) < 0)
                {
                    throw new CliException(p.GetValue(LeadDays) < 0 ? "--lead-days must be 0 or more." : "give --history or --store, not both.", ExitCodes.Usage);
                }

                var stored = StoredOutcomes.Read(store, outcomes, p.GetValue(LeadDays), p.GetValue(ReviewDate), model, error);
                foreach (var metric in stored.MissingMetrics)
                {
                    error.WriteLine($"warning: no selected snapshot in {stored.File} has a value for metric '{metric.Id}' of model '{model.Id}'.");
                }

                return stored;
            }

            if (p.GetValue(File) is null)
            {
                throw new CliException("give --history FILE, or --store FILE with --outcome-file FILE.", ExitCodes.Usage);
            }

            var profileColumn = p.CommandResult.Command.Options.Contains(ProfileColumn) ? p.GetValue(ProfileColumn) : null;
            var columns = new HistoryColumns(p.GetValue(Outcome)!, p.GetValue(PhaseColumn), p.GetValue(ValueColumn), p.GetValue(ChurnedValue) ?? [], profileColumn);
            var data = HistoryCsv.Read(p.GetValue(File)!, model, columns, Reading.Reading(p));
            if (data.IgnoredColumns.Count > 0)
            {
                error.WriteLine("ignored columns: " + string.Join(", ", data.IgnoredColumns));
            }

            if (data.MissingMetrics.Count > 0 && !p.GetValue(Reading.AllowMissingColumns))
            {
                throw new CliException($"{data.File} line 1: no column for {data.MissingMetrics.Count} metric(s) of model '{model.Id}': "
                    + string.Join(", ", data.MissingMetrics.Select(static m => "'" + m.Id + "'"))
                    + ". Name a column after each metric (its id or label), or pass --allow-missing-columns to evaluate with their values all missing.");
            }

            foreach (var metric in data.MissingMetrics)
            {
                error.WriteLine($"warning: {data.File} has no column for metric '{metric.Id}' of model '{model.Id}'; its values are all missing.");
            }

            return data;
        }
    }
}
