using HealthScore.Core.Metrics;

namespace HealthScore.Orleans.Serialization;

// Orleans serialises the core's record types through these surrogates, so the core itself carries no Orleans
// attributes. Each surrogate holds exactly the record's fields; the converters copy them both ways.

[GenerateSerializer]
internal struct ProductEventSurrogate
{
    [Id(0)] public DateTimeOffset Time;
    [Id(1)] public string? UserId;
    [Id(2)] public string? Feature;
    [Id(3)] public double Quantity;
    [Id(4)] public TimeSpan Duration;
}

[RegisterConverter]
internal sealed class ProductEventConverter : IConverter<ProductEvent, ProductEventSurrogate>
{
    public ProductEvent ConvertFromSurrogate(in ProductEventSurrogate surrogate) =>
        new(surrogate.Time, surrogate.UserId, surrogate.Feature, surrogate.Quantity, surrogate.Duration);

    public ProductEventSurrogate ConvertToSurrogate(in ProductEvent value) =>
        new() { Time = value.Time, UserId = value.UserId, Feature = value.Feature, Quantity = value.Quantity, Duration = value.Duration };
}

[GenerateSerializer]
internal struct SupportTicketSurrogate
{
    [Id(0)] public DateTimeOffset Opened;
    [Id(1)] public DateTimeOffset? Closed;
    [Id(2)] public int Severity;
    [Id(3)] public int Status;
    [Id(4)] public bool Escalated;
}

[RegisterConverter]
internal sealed class SupportTicketConverter : IConverter<SupportTicket, SupportTicketSurrogate>
{
    public SupportTicket ConvertFromSurrogate(in SupportTicketSurrogate surrogate) =>
        new(surrogate.Opened, surrogate.Closed, (TicketSeverity)surrogate.Severity, (TicketStatus)surrogate.Status, surrogate.Escalated);

    public SupportTicketSurrogate ConvertToSurrogate(in SupportTicket value) =>
        new() { Opened = value.Opened, Closed = value.Closed, Severity = (int)value.Severity, Status = (int)value.Status, Escalated = value.Escalated };
}

[GenerateSerializer]
internal struct SurveyResponseSurrogate
{
    [Id(0)] public DateTimeOffset Time;
    [Id(1)] public int Kind;
    [Id(2)] public double Score;
    [Id(3)] public string? Respondent;
}

[RegisterConverter]
internal sealed class SurveyResponseConverter : IConverter<SurveyResponse, SurveyResponseSurrogate>
{
    public SurveyResponse ConvertFromSurrogate(in SurveyResponseSurrogate surrogate) =>
        new(surrogate.Time, (SurveyKind)surrogate.Kind, surrogate.Score, surrogate.Respondent);

    public SurveyResponseSurrogate ConvertToSurrogate(in SurveyResponse value) =>
        new() { Time = value.Time, Kind = (int)value.Kind, Score = value.Score, Respondent = value.Respondent };
}

[GenerateSerializer]
internal struct TouchPointSurrogate
{
    [Id(0)] public DateTimeOffset Time;
    [Id(1)] public int Channel;
    [Id(2)] public string? Stakeholder;
    [Id(3)] public bool IsExecutive;
}

[RegisterConverter]
internal sealed class TouchPointConverter : IConverter<TouchPoint, TouchPointSurrogate>
{
    public TouchPoint ConvertFromSurrogate(in TouchPointSurrogate surrogate) =>
        new(surrogate.Time, (TouchChannel)surrogate.Channel, surrogate.Stakeholder, surrogate.IsExecutive);

    public TouchPointSurrogate ConvertToSurrogate(in TouchPoint value) =>
        new() { Time = value.Time, Channel = (int)value.Channel, Stakeholder = value.Stakeholder, IsExecutive = value.IsExecutive };
}

[GenerateSerializer]
internal struct OnboardingMilestoneSurrogate
{
    [Id(0)] public string Name;
    [Id(1)] public DateTimeOffset Due;
    [Id(2)] public DateTimeOffset? Completed;
}

[RegisterConverter]
internal sealed class OnboardingMilestoneConverter : IConverter<OnboardingMilestone, OnboardingMilestoneSurrogate>
{
    public OnboardingMilestone ConvertFromSurrogate(in OnboardingMilestoneSurrogate surrogate) =>
        new(surrogate.Name, surrogate.Due, surrogate.Completed);

    public OnboardingMilestoneSurrogate ConvertToSurrogate(in OnboardingMilestone value) =>
        new() { Name = value.Name, Due = value.Due, Completed = value.Completed };
}

[GenerateSerializer]
internal struct GoalSurrogate
{
    [Id(0)] public string Name;
    [Id(1)] public double Target;
    [Id(2)] public double Achieved;
    [Id(3)] public string? Unit;
    [Id(4)] public DateTimeOffset? MeasuredAt;
}

[RegisterConverter]
internal sealed class GoalConverter : IConverter<Goal, GoalSurrogate>
{
    public Goal ConvertFromSurrogate(in GoalSurrogate surrogate) =>
        new(surrogate.Name, surrogate.Target, surrogate.Achieved, surrogate.Unit, surrogate.MeasuredAt);

    public GoalSurrogate ConvertToSurrogate(in Goal value) =>
        new() { Name = value.Name, Target = value.Target, Achieved = value.Achieved, Unit = value.Unit, MeasuredAt = value.MeasuredAt };
}

[GenerateSerializer]
internal struct AccountSurrogate
{
    [Id(0)] public string Id;
    [Id(1)] public string? Name;
    [Id(2)] public DateTimeOffset? ContractStart;
    [Id(3)] public DateTimeOffset? RenewalDate;
    [Id(4)] public int? LicensedSeats;
    [Id(5)] public double? Value;
    [Id(6)] public string? Segment;
    [Id(7)] public string? ParentId;
    [Id(8)] public string[] Consents;
    [Id(9)] public Dictionary<string, string> Fields;
}

[RegisterConverter]
internal sealed class AccountConverter : IConverter<Account, AccountSurrogate>
{
    public Account ConvertFromSurrogate(in AccountSurrogate surrogate) => new()
    {
        Id = surrogate.Id,
        Name = surrogate.Name,
        ContractStart = surrogate.ContractStart,
        RenewalDate = surrogate.RenewalDate,
        LicensedSeats = surrogate.LicensedSeats,
        Value = surrogate.Value,
        Segment = surrogate.Segment,
        ParentId = surrogate.ParentId,
        Consents = surrogate.Consents ?? [],
        Fields = surrogate.Fields ?? new Dictionary<string, string>(StringComparer.Ordinal),
    };

    public AccountSurrogate ConvertToSurrogate(in Account value) => new()
    {
        Id = value.Id,
        Name = value.Name,
        ContractStart = value.ContractStart,
        RenewalDate = value.RenewalDate,
        LicensedSeats = value.LicensedSeats,
        Value = value.Value,
        Segment = value.Segment,
        ParentId = value.ParentId,
        Consents = [.. value.Consents],
        Fields = new Dictionary<string, string>(value.Fields, StringComparer.Ordinal),
    };
}
