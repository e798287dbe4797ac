namespace HealthScore.Core.Model;

/// <summary>The words of a definition: the trend's dead band, the explanation texts and the report's layout and headings.</summary>
internal sealed partial class ModelCompiler
{
    private void ValidateTrendAndTexts()
    {
        if (_definition.Trend is null)
        {
            Error("trend", "is required; omit it from a document to get the defaults.");
        }
        else if (!double.IsFinite(_definition.Trend.DeadBand) || _definition.Trend.DeadBand < 0)
        {
            Error("trend.deadBand", "must be a finite number of points, 0 or more.");
        }

        var texts = _definition.Texts;
        if (texts is null)
        {
            Error("texts", "is required; omit it from a document to get the defaults.");
            return;
        }

        RequireTexts("texts", [
            (texts.Score, "score"), (texts.Coverage, "coverage"), (texts.HurtsMost, "hurtsMost"), (texts.HelpsMost, "helpsMost"),
            (texts.Missing, "missing"), (texts.Excluded, "excluded"), (texts.Assumed, "assumed"), (texts.Target, "target"),
            (texts.Points, "points"), (texts.Change, "change"), (texts.MovedBy, "movedBy"), (texts.Arrow, "arrow"),
        ]);
    }

    /// <summary>Checks the report section; returns the prioritisation matrix's groups by id, null for the defaults.</summary>
    private (string? X, string? Y) ValidateReport()
    {
        var report = _definition.Report;
        if (report is null)
        {
            Error("report", "is required; omit it from a document to get the defaults.");
            return (null, null);
        }

        var groupIds = new List<string>();
        foreach (var group in _groups)
        {
            groupIds.Add(group.Definition.Id ?? string.Empty);
        }

        foreach (var (id, name) in new[] { (report.MatrixX, "matrixX"), (report.MatrixY, "matrixY") })
        {
            if (id is not null && !groupIds.Contains(id))
            {
                Error("report." + name, Format($"'{ErrorText.Quote(id)}' is not a group of this model.{Suggest(id, groupIds)}"));
            }
        }

        RequireTexts("report", [
            (report.Accounts, "accounts"), (report.AsOf, "asOf"), (report.Account, "account"), (report.Phase, "phase"),
            (report.Band, "band"), (report.Coverage, "coverage"), (report.Trend, "trend"), (report.TopDriver, "topDriver"),
            (report.Action, "action"), (report.FirstAction, "firstAction"), (report.Priority, "priority"), (report.Owner, "owner"),
            (report.Message, "message"), (report.Drivers, "drivers"), (report.BandsByPhase, "bandsByPhase"),
            (report.ScoreHistogram, "scoreHistogram"), (report.RiskiestAccounts, "riskiestAccounts"),
            (report.Prioritisation, "prioritisation"), (report.ActionQueue, "actionQueue"),
        ]);
        return (report.MatrixX, report.MatrixY);
    }

    private void RequireTexts(string section, (string? Value, string Name)[] texts)
    {
        foreach (var (value, name) in texts)
        {
            ValidateText(value, section + "." + name, HealthModelLimits.MaxLabelLength, required: true);
        }
    }
}
