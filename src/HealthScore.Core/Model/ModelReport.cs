namespace HealthScore.Core.Model;

/// <summary>How reports on a compiled model are laid out and worded. Immutable copy of <see cref="ReportDefinition"/>.</summary>
public sealed class ModelReport
{
    internal ModelReport(ReportDefinition definition, Group matrixX, Group matrixY)
    {
        MatrixX = matrixX;
        MatrixY = matrixY;
        Accounts = definition.Accounts;
        AsOf = definition.AsOf;
        Account = definition.Account;
        Phase = definition.Phase;
        Band = definition.Band;
        Coverage = definition.Coverage;
        Trend = definition.Trend;
        TopDriver = definition.TopDriver;
        Action = definition.Action;
        FirstAction = definition.FirstAction;
        Priority = definition.Priority;
        Owner = definition.Owner;
        Message = definition.Message;
        Drivers = definition.Drivers;
        BandsByPhase = definition.BandsByPhase;
        ScoreHistogram = definition.ScoreHistogram;
        RiskiestAccounts = definition.RiskiestAccounts;
        Prioritisation = definition.Prioritisation;
        ActionQueue = definition.ActionQueue;
    }

    /// <summary>Gets the group on the prioritisation matrix's horizontal axis.</summary>
    public Group MatrixX { get; }

    /// <summary>Gets the group on the prioritisation matrix's vertical axis.</summary>
    public Group MatrixY { get; }

    /// <summary>Gets the word after a number of accounts.</summary>
    public string Accounts { get; }

    /// <summary>Gets the words before the as-of date.</summary>
    public string AsOf { get; }

    /// <summary>Gets the heading of the account column.</summary>
    public string Account { get; }

    /// <summary>Gets the heading of the phase column.</summary>
    public string Phase { get; }

    /// <summary>Gets the heading of the band column.</summary>
    public string Band { get; }

    /// <summary>Gets the heading of the coverage column.</summary>
    public string Coverage { get; }

    /// <summary>Gets the heading of the trend column.</summary>
    public string Trend { get; }

    /// <summary>Gets the heading of the column naming the metric that costs the most points.</summary>
    public string TopDriver { get; }

    /// <summary>Gets the heading of an action column.</summary>
    public string Action { get; }

    /// <summary>Gets the heading of the column naming the first fired action.</summary>
    public string FirstAction { get; }

    /// <summary>Gets the heading of the priority column.</summary>
    public string Priority { get; }

    /// <summary>Gets the heading of the owner-role column.</summary>
    public string Owner { get; }

    /// <summary>Gets the heading of the message column.</summary>
    public string Message { get; }

    /// <summary>Gets the heading of the drivers column of the riskiest accounts.</summary>
    public string Drivers { get; }

    /// <summary>Gets the title of the band distribution per phase.</summary>
    public string BandsByPhase { get; }

    /// <summary>Gets the title of the score histogram.</summary>
    public string ScoreHistogram { get; }

    /// <summary>Gets the title of the riskiest accounts.</summary>
    public string RiskiestAccounts { get; }

    /// <summary>Gets the title of the prioritisation matrix.</summary>
    public string Prioritisation { get; }

    /// <summary>Gets the title of the queue of actions.</summary>
    public string ActionQueue { get; }
}
