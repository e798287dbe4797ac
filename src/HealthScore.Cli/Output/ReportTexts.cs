using System.Collections.Frozen;
using HealthScore.Cli.Scoring;
using HealthScore.Core.Model;

namespace HealthScore.Cli.Output;

/// <summary>
/// The words the CLI's tables and HTML report print, read from the model's texts under the <c>report.</c> keys, each
/// with its English default (<see cref="Defaults"/>), and the prioritisation matrix's groups.
/// </summary>
internal sealed class ReportTexts(HealthModel model)
{
    /// <summary>Every key the CLI reads, with its English default.</summary>
    public static IReadOnlyDictionary<string, string> Defaults { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["report.accounts"] = "accounts",
        ["report.asOf"] = "as of",
        ["report.account"] = "Account",
        ["report.phase"] = "Phase",
        ["report.band"] = "Band",
        ["report.coverage"] = "Coverage",
        ["report.trend"] = "Trend",
        ["report.topDriver"] = "Top driver",
        ["report.action"] = "Action",
        ["report.firstAction"] = "First action",
        ["report.priority"] = "Priority",
        ["report.owner"] = "Owner",
        ["report.message"] = "Message",
        ["report.drivers"] = "Drivers (points lost)",
        ["report.bandsByPhase"] = "Bands by phase",
        ["report.bandsByProfile"] = "Bands by profile",
        ["report.profile"] = "Profile",
        ["report.scoreHistogram"] = "Score histogram",
        ["report.riskiestAccounts"] = "Riskiest accounts",
        ["report.prioritisation"] = "Prioritisation matrix",
        ["report.actionQueue"] = "Action queue",
        ["report.overrides"] = "Overrides",
        ["report.sets"] = "Sets",
        ["report.setBy"] = "Set by",
        ["report.setOn"] = "Set on",
        ["report.validUntil"] = "Valid until",
        ["report.status"] = "Status",
        ["report.comment"] = "Comment",
        ["report.staleInputs"] = "Stale inputs",
        ["report.input"] = "Input",
        ["report.staleSince"] = "Stale since",
        ["report.adjustments"] = "Adjustments",
        ["report.adjustment"] = "Adjustment",
        ["report.accountCount"] = "Accounts",
        ["report.points"] = "Points",
        ["report.parents"] = "Parents and their children",
        ["report.rollup"] = "Roll-up",
        ["report.drivingChild"] = "Driving child",
        ["report.children"] = "children",
        ["report.skipped"] = "skipped",
        ["report.notScored"] = "not scored",
        ["report.noWeight"] = "no weight",
        ["report.overrideApplied"] = "in force",
        ["report.overrideExpired"] = "expired",
        ["report.overrideNotYetValid"] = "not yet valid",
        ["report.overrideNotAllowed"] = "not allowed by the model",
        ["report.overrideCommentRequired"] = "needs a comment",
        ["report.overrideSuperseded"] = "superseded",
        ["report.histogramNote"] = "Each account is coloured by the band its score falls in under the thresholds of its own phase.",
        ["report.riskiestShown"] = "The {shown} lowest scores of {total} scored accounts.",
        ["report.matrixLegend"] = "Each dot is an account, coloured by its band; the lines cross at the middle of the scale.",
        ["report.dotsShown"] = "{shown} of {total} accounts are drawn: the most urgent first (by the priority of their first action, then lowest score).",
        ["report.actionsShown"] = "{shown} of {total} fired actions: the most urgent first (by priority, then account id).",
        ["report.overridesShown"] = "{shown} of {total} overrides, by account id.",
        ["report.parentsShown"] = "{shown} of {total} top-level parents, by account id, each with all its children.",
        ["report.staleShown"] = "{shown} of {total} stale inputs: the longest stale first.",
        ["report.quadrantHighHigh"] = "High {x}, high {y}: thank them, talk about expansion",
        ["report.quadrantHighLow"] = "High {x}, low {y}: ask what disappoints them",
        ["report.quadrantLowHigh"] = "Low {x}, high {y}: reach out more often",
        ["report.quadrantLowLow"] = "Low {x}, low {y}: act first",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public Group MatrixX => model.Report.MatrixX;

    public Group MatrixY => model.Report.MatrixY;

    public string Accounts => Get("accounts");

    public string AsOf => Get("asOf");

    public string Account => Get("account");

    public string Phase => Get("phase");

    public string Band => Get("band");

    public string Coverage => Get("coverage");

    public string Trend => Get("trend");

    public string TopDriver => Get("topDriver");

    public string Action => Get("action");

    public string FirstAction => Get("firstAction");

    public string Priority => Get("priority");

    public string Owner => Get("owner");

    public string Message => Get("message");

    public string Drivers => Get("drivers");

    public string BandsByPhase => Get("bandsByPhase");

    public string BandsByProfile => Get("bandsByProfile");

    public string Profile => Get("profile");

    public string ScoreHistogram => Get("scoreHistogram");

    public string RiskiestAccounts => Get("riskiestAccounts");

    public string Prioritisation => Get("prioritisation");

    public string ActionQueue => Get("actionQueue");

    public string Overrides => Get("overrides");

    public string Sets => Get("sets");

    public string SetBy => Get("setBy");

    public string SetOn => Get("setOn");

    public string ValidUntil => Get("validUntil");

    public string Status => Get("status");

    public string Comment => Get("comment");

    public string StaleInputs => Get("staleInputs");

    public string Input => Get("input");

    public string StaleSince => Get("staleSince");

    public string Adjustments => Get("adjustments");

    public string Adjustment => Get("adjustment");

    public string AccountCount => Get("accountCount");

    public string Points => Get("points");

    public string Parents => Get("parents");

    public string Rollup => Get("rollup");

    public string DrivingChild => Get("drivingChild");

    public string Children => Get("children");

    public string Skipped => Get("skipped");

    public string HistogramNote => Get("histogramNote");

    public string RiskiestShown => Get("riskiestShown");

    public string MatrixLegend => Get("matrixLegend");

    public string DotsShown => Get("dotsShown");

    public string ActionsShown => Get("actionsShown");

    public string OverridesShown => Get("overridesShown");

    public string StaleShown => Get("staleShown");

    public string ParentsShown => Get("parentsShown");

    public string QuadrantHighHigh => Get("quadrantHighHigh");

    public string QuadrantHighLow => Get("quadrantHighLow");

    public string QuadrantLowHigh => Get("quadrantLowHigh");

    public string QuadrantLowLow => Get("quadrantLowLow");

    /// <summary>A list's note with its counts: <c>{shown}</c> and <c>{total}</c> replaced.</summary>
    public static string Fill(string template, int shown, int total) =>
        template.Replace("{shown}", shown.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{total}", total.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    /// <summary>A quadrant's meaning with the matrix's group labels for <c>{x}</c> and <c>{y}</c>.</summary>
    public string Axes(string template) =>
        template.Replace("{x}", MatrixX.Label, StringComparison.Ordinal).Replace("{y}", MatrixY.Label, StringComparison.Ordinal);

    /// <summary>What became of an override, in the model's words: in force, expired, not yet valid, and the reasons one was not applied.</summary>
    public string OverrideStatus(string status) => status switch
    {
        "applied" => Get("overrideApplied"),
        "expired" => Get("overrideExpired"),
        "notYetValid" => Get("overrideNotYetValid"),
        "notAllowed" => Get("overrideNotAllowed"),
        "commentRequired" => Get("overrideCommentRequired"),
        "superseded" => Get("overrideSuperseded"),
        _ => status,
    };

    /// <summary>A child left out of a roll-up, with why in the model's words: <c>ACC-0005 (Insufficient data)</c>.</summary>
    public string Skip(SkippedOutcome skipped) => skipped.AccountId + " (" + skipped.Reason switch
    {
        "insufficientData" => model.InsufficientData.Label,
        "noWeight" => Get("noWeight"),
        _ => Get("notScored"),
    } + ")";

    private string Get(string name) => model.Texts.Get("report." + name, Defaults["report." + name]);
}
