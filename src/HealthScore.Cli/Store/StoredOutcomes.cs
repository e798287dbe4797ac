using System.Globalization;
using HealthScore.Cli.Input;
using HealthScore.Core.Model;
using HealthScore.Core.Tuning;

namespace HealthScore.Cli.Store;

/// <summary>
/// <c>evaluate --store</c> and <c>tune --store</c>: the stored snapshots labelled with an outcome file by the core's one
/// rule (<see cref="OutcomeSnapshots.Select"/>), laid out as the history file's rows are.
/// </summary>
internal static class StoredOutcomes
{
    /// <summary>
    /// Selects one snapshot per account: its last at least <paramref name="leadDays"/> before its outcome, or for an
    /// account with no outcome, before the review date (by default the latest outcome date in the file). Says what it
    /// selected and skipped on <paramref name="error"/>.
    /// </summary>
    public static History Read(string storePath, string outcomesPath, int leadDays, DateOnly? reviewDate, HealthModel model, TextWriter error)
    {
        var outcomes = OutcomesCsv.Read(outcomesPath);
        if (outcomes.Count == 0)
        {
            throw new CliException($"{Path.GetFileName(outcomesPath)}: no rows after the header.");
        }

        var review = reviewDate ?? outcomes.Max(static o => o.Date);
        using var file = StoreFile.Open(storePath, mustExist: true);
        var selection = OutcomeSnapshots.Select(file.AllSnapshots(), outcomes, leadDays, review);
        var churned = selection.Churned();
        var churners = churned.Count(static c => c);
        var late = selection.Skipped.Count(static s => s.Reason == SkipReason.NoSnapshotBeforeLead);
        var absent = selection.Skipped.Count - late;
        error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{file.Path}: {selection.Snapshots.Count} snapshots selected, each its account's last {leadDays} days or more before the outcome (stayers: before {review:yyyy-MM-dd}): {churners} churned, {churned.Length - churners} stayed; skipped {late} accounts with no snapshot that early and {absent} with an outcome but no snapshot"));
        if (selection.Snapshots.Count == 0)
        {
            throw new CliException($"{file.Path}: no snapshot was taken {leadDays} days or more before its account's outcome; score earlier dates with --store, or lower --lead-days.");
        }

        var values = selection.Values(model);
        var count = model.Metrics.Count;
        var missing = model.Metrics.Where(m => Enumerable.Range(0, churned.Length).All(r => double.IsNaN(values[(r * count) + m.Index]))).ToList();
        return new History
        {
            File = Path.GetFileName(storePath),
            Values = values,
            Churned = churned,
            Phases = selection.Phases(model),
            AccountValues = [],
            AccountIdColumn = "account_id",
            IgnoredColumns = [],
            MissingMetrics = missing,
            ProfileIds = selection.ProfileIds(model),
        };
    }
}
