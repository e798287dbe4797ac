using HealthScore.Core.Model;

namespace HealthScore.Cli.Output;

/// <summary>
/// The words the CLI's tables and HTML report print, read from the model's texts under the <c>report.</c> keys, each
/// with its English default, and the prioritisation matrix's groups.
/// </summary>
internal sealed class ReportTexts(HealthModel model)
{
    public Group MatrixX => model.Report.MatrixX;

    public Group MatrixY => model.Report.MatrixY;

    public string Accounts => Get("accounts", "accounts");

    public string AsOf => Get("asOf", "as of");

    public string Account => Get("account", "Account");

    public string Phase => Get("phase", "Phase");

    public string Band => Get("band", "Band");

    public string Coverage => Get("coverage", "Coverage");

    public string Trend => Get("trend", "Trend");

    public string TopDriver => Get("topDriver", "Top driver");

    public string Action => Get("action", "Action");

    public string FirstAction => Get("firstAction", "First action");

    public string Priority => Get("priority", "Priority");

    public string Owner => Get("owner", "Owner");

    public string Message => Get("message", "Message");

    public string Drivers => Get("drivers", "Drivers (points lost)");

    public string BandsByPhase => Get("bandsByPhase", "Bands by phase");

    public string ScoreHistogram => Get("scoreHistogram", "Score histogram");

    public string RiskiestAccounts => Get("riskiestAccounts", "Riskiest accounts");

    public string Prioritisation => Get("prioritisation", "Prioritisation matrix");

    public string ActionQueue => Get("actionQueue", "Action queue");

    private string Get(string name, string english) => model.Texts.Get("report." + name, english);
}
