namespace HealthScore.Core.Model;

/// <summary>
/// How reports on this model are laid out and worded: the two groups of the prioritisation matrix, and the
/// headings a report shows. Every word has an English default; a model in another language overrides them.
/// </summary>
public sealed class ReportDefinition
{
    /// <summary>Gets or sets the id of the group on the prioritisation matrix's horizontal axis, e.g. <c>engagement</c>.</summary>
    /// <value>The default value is <see langword="null"/>: the first top-level group.</value>
    public string? MatrixX { get; set; }

    /// <summary>Gets or sets the id of the group on the prioritisation matrix's vertical axis, e.g. <c>satisfaction</c>.</summary>
    /// <value>The default value is <see langword="null"/>: the second top-level group.</value>
    public string? MatrixY { get; set; }

    /// <summary>Gets or sets the word after a number of accounts.</summary>
    /// <value>The default value is <c>accounts</c>.</value>
    public string Accounts { get; set; } = "accounts";

    /// <summary>Gets or sets the words before the as-of date.</summary>
    /// <value>The default value is <c>as of</c>.</value>
    public string AsOf { get; set; } = "as of";

    /// <summary>Gets or sets the heading of the account column.</summary>
    /// <value>The default value is <c>Account</c>.</value>
    public string Account { get; set; } = "Account";

    /// <summary>Gets or sets the heading of the phase column.</summary>
    /// <value>The default value is <c>Phase</c>.</value>
    public string Phase { get; set; } = "Phase";

    /// <summary>Gets or sets the heading of the band column.</summary>
    /// <value>The default value is <c>Band</c>.</value>
    public string Band { get; set; } = "Band";

    /// <summary>Gets or sets the heading of the coverage column.</summary>
    /// <value>The default value is <c>Coverage</c>.</value>
    public string Coverage { get; set; } = "Coverage";

    /// <summary>Gets or sets the heading of the trend column.</summary>
    /// <value>The default value is <c>Trend</c>.</value>
    public string Trend { get; set; } = "Trend";

    /// <summary>Gets or sets the heading of the column naming the metric that costs the most points.</summary>
    /// <value>The default value is <c>Top driver</c>.</value>
    public string TopDriver { get; set; } = "Top driver";

    /// <summary>Gets or sets the heading of an action column.</summary>
    /// <value>The default value is <c>Action</c>.</value>
    public string Action { get; set; } = "Action";

    /// <summary>Gets or sets the heading of the column naming the first fired action.</summary>
    /// <value>The default value is <c>First action</c>.</value>
    public string FirstAction { get; set; } = "First action";

    /// <summary>Gets or sets the heading of the priority column.</summary>
    /// <value>The default value is <c>Priority</c>.</value>
    public string Priority { get; set; } = "Priority";

    /// <summary>Gets or sets the heading of the owner-role column.</summary>
    /// <value>The default value is <c>Owner</c>.</value>
    public string Owner { get; set; } = "Owner";

    /// <summary>Gets or sets the heading of the message column.</summary>
    /// <value>The default value is <c>Message</c>.</value>
    public string Message { get; set; } = "Message";

    /// <summary>Gets or sets the heading of the drivers column of the riskiest accounts.</summary>
    /// <value>The default value is <c>Drivers (points lost)</c>.</value>
    public string Drivers { get; set; } = "Drivers (points lost)";

    /// <summary>Gets or sets the title of the band distribution per phase.</summary>
    /// <value>The default value is <c>Bands by phase</c>.</value>
    public string BandsByPhase { get; set; } = "Bands by phase";

    /// <summary>Gets or sets the title of the score histogram.</summary>
    /// <value>The default value is <c>Score histogram</c>.</value>
    public string ScoreHistogram { get; set; } = "Score histogram";

    /// <summary>Gets or sets the title of the riskiest accounts.</summary>
    /// <value>The default value is <c>Riskiest accounts</c>.</value>
    public string RiskiestAccounts { get; set; } = "Riskiest accounts";

    /// <summary>Gets or sets the title of the prioritisation matrix.</summary>
    /// <value>The default value is <c>Prioritisation matrix</c>.</value>
    public string Prioritisation { get; set; } = "Prioritisation matrix";

    /// <summary>Gets or sets the title of the queue of actions.</summary>
    /// <value>The default value is <c>Action queue</c>.</value>
    public string ActionQueue { get; set; } = "Action queue";
}
