using System.Text.RegularExpressions;

namespace HealthScore.Core.Model;

/// <summary>The words and layout of a definition: the trend's dead band, the texts by key and the report's matrix.</summary>
internal sealed partial class ModelCompiler
{
    [GeneratedRegex("^[a-z][A-Za-z0-9]*(\\.[a-z][A-Za-z0-9]*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex TextKeyPattern();

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
            Error("texts", "must be an object of texts by key, not null; leave it out to use the defaults.");
            return;
        }

        foreach (var (key, text) in texts)
        {
            var path = "texts." + key;
            if (key.Length > HealthModelLimits.MaxIdLength)
            {
                Error(path, HealthModelLimits.TooLong("a text's key", key.Length, HealthModelLimits.MaxIdLength));
            }
            else if (!TextKeyPattern().IsMatch(key))
            {
                Error(path, Format($"'{ErrorText.Quote(key)}' is not a text key: use camelCase words joined by dots, e.g. score or report.accounts."));
            }
            else if (!key.Contains('.', StringComparison.Ordinal) && !TextKeys.Defaults.ContainsKey(key))
            {
                Error(path, Format($"'{key}' is not one of the library's texts.{Suggest(key, TextKeys.Defaults.Keys)} A host's own texts take a prefix, e.g. report.{key}."));
            }

            ValidateText(text, path, HealthModelLimits.MaxLabelLength, required: true);
        }
    }

    /// <summary>Checks the report section; returns the prioritisation matrix's groups by id, null for the defaults.</summary>
    private (string? X, string? Y) ValidateReport()
    {
        var report = _definition.Report;
        if (report is null)
        {
            Error("report", "must be an object, not null; leave it out to get the defaults.");
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

        return (report.MatrixX, report.MatrixY);
    }
}
