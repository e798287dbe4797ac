using HealthScore.Core.Metrics;

namespace HealthScore.Benchmarks;

/// <summary>
/// The pipeline a competent .NET team would write without the library, for the model of
/// <see cref="PipelineFixture.CreateModel"/>: LINQ over the raw records into a dictionary of metric values keyed by
/// id; the phase rules, scoring formulas, band exceptions and the 20 action conditions as C# lambdas; per-phase
/// weights and thresholds in dictionaries; a trend against the previous evaluation, re-scored metric by metric; and
/// cooldowns from the previous evaluation's firings. It gives the same phase, score, band and fired actions as
/// <c>HealthEngine.Evaluate</c>.
/// </summary>
public sealed class HandWrittenPipeline
{
    private const string DefaultPhase = "adoption";
    private const string InsufficientData = "insufficient_data";
    private const double MinimumCoverage = 0.5;
    private const double DeadBand = 1;
    private const double CooldownDays = PipelineFixture.CooldownDays;

    private static readonly List<(string Band, double LowerBound)> Bands =
        [("critical", 0), ("at_risk", 25), ("watch", 45), ("healthy", 65), ("champion", 85)];

    private readonly HashSet<string> _catalogue = new(PipelineFixture.FeatureCatalogue, StringComparer.Ordinal);

    private readonly List<GroupSpec> _groups =
    [
        new("usage", 40, Minimum: false,
        [
            new("active_days", 2, v => Linear(v, 0, 20)),
            new("logins", 1, v => 1.0 / (1.0 + Math.Exp(Math.Min(-1.2 * (v - 3), 700)))),
            new("features", 1, v => Linear(v, 0, 8)),
            new("active_seat_ratio", 1, v => v <= 0 ? 0 : Math.Min(v / 0.8, 1.0)),
        ]),
        new("support", 20, Minimum: false,
        [
            new("tickets", 1, v => Linear(v, 12, 0)),
            new("critical_tickets", 1, v => v >= 2 ? 0 : v >= 1 ? 0.3 : 1),
            new("median_resolution_hours", 1, v => Linear(v, 96, 4)),
        ]),
        new("satisfaction", 25, Minimum: false,
        [
            new("nps", 1, v => Linear(v, -100, 100)),
            new("csat", 1, v => Linear(v, 1, 5), MissingValue: 0.5),
            new("survey_response_rate", 1, v => Linear(v, 0, 0.5)),
        ]),
        new("engagement", 15, Minimum: true,
        [
            new("touches", 1, v => Linear(v, 0, 12)),
            new("days_since_executive_contact", 1, v => Linear(v, 180, 14)),
        ]),
    ];

    private readonly Dictionary<string, PhaseSpec> _phases = new(StringComparer.Ordinal)
    {
        ["onboarding"] = new(
            new Dictionary<string, double> { ["usage"] = 60 },
            new Dictionary<string, Func<double, double>> { ["active_days"] = v => Linear(v, 0, 10) },
            new Dictionary<string, double> { ["healthy"] = 55 }),
        ["adoption"] = new([], [], []),
        ["renewal"] = new(new Dictionary<string, double> { ["satisfaction"] = 40 }, [], new Dictionary<string, double> { ["healthy"] = 70 }),
        ["dormant"] = new(new Dictionary<string, double> { ["engagement"] = 40 }, [], []),
    };

    private readonly List<(string Id, string Phase, Func<Situation, bool> When)> _phaseRules =
    [
        ("new_account", "onboarding", s => s.TenureDays < 90),
        ("gone_quiet", "dormant", s => s["active_days"] <= 2),
        ("renewal_window", "renewal", s => s.DaysToRenewal >= 0 && s.DaysToRenewal <= 120),
    ];

    private readonly List<(string Id, string Band, Func<Situation, bool> When)> _bandExceptions =
    [
        ("escalated_outage", "critical", s => s["critical_tickets"] >= 3),
        ("open_critical_ticket", "watch", s => s["critical_tickets"] >= 1 && (s.Band == "healthy" || s.Band == "champion")),
    ];

    private readonly List<ActionSpec> _actions =
    [
        new("at_risk_call", s => s.Band == "at_risk" && s.DaysToRenewal < 120, CooldownDays),
        new("onboarding_low_usage", s => s.Phase == "onboarding" && s["logins"] < 2),
        new("score_drop", s => s.Delta <= -10),
        new("nps_detractor", s => s["nps"] < 0, CooldownDays),
        new("nps_unanswered", s => double.IsNaN(s["nps"]) && s.TenureDays > 90),
        new("critical_ticket", s => s["critical_tickets"] >= 1, CooldownDays),
        new("celebrate", s => s.Band == "healthy" && s.Score >= 85),
        new("expansion", s => s.Band == "healthy" && s.Seats >= 50 && s["features"] >= 15, CooldownDays),
        new("renewal_prep", s => s.Phase == "renewal" && s.DaysToRenewal >= 30 && s.DaysToRenewal <= 90, CooldownDays),
        new("enterprise_watch", s => s.Segment == "enterprise" && s.Band == "watch"),
        new("smb_coach", s => (s.Segment == "smb" || s.Segment == "mid") && s["features"] < 5),
        new("low_coverage", s => s.Coverage < 0.6),
        new("inactive", s => s["logins"] == 0 && s.TenureDays > 30),
        new("feature_tip", s => s["features"] >= 3 && s["features"] <= 8 && s.EmailConsent, CooldownDays),
        new("ticket_and_detractor", s => s["critical_tickets"] >= 1 && s["nps"] < 20),
        new("big_swing", s => Math.Abs(s.Delta) >= 15),
        new("barely_used", s => Math.Min(s["logins"], s["features"]) < 1),
        new("fast_starter", s => s.TenureDays < 90 && s["logins"] >= 8),
        new("adoption_stall", s => s.Phase == "adoption" && s.Score >= 40 && s.Score <= 60 && s.Delta < 0),
        new("automated_report", s => s.Band != "at_risk" && s.EmailConsent && s.Score > 70, CooldownDays),
    ];

    /// <summary>Evaluates one account: metrics, phase, score, band, band exception, trend, actions.</summary>
    /// <param name="account">The account and its raw records.</param>
    /// <param name="asOf">The date it is evaluated as of; later records are ignored.</param>
    /// <param name="previous">Its previous evaluation, or <see langword="null"/> for the first.</param>
    /// <returns>The account's health.</returns>
    public HandWrittenHealth Evaluate(HandWrittenAccount account, DateTimeOffset asOf, HandWrittenSnapshot? previous)
    {
        ArgumentNullException.ThrowIfNull(account);
        var metrics = ComputeMetrics(account, asOf);
        var situation = new Situation(
            metrics,
            account.ContractStart is { } start ? (asOf - start).TotalDays : double.NaN,
            account.RenewalDate is { } renewal ? (renewal - asOf).TotalDays : double.NaN,
            account.Segment,
            account.LicensedSeats ?? double.NaN,
            account.Consents.Contains("email"));

        var phase = _phaseRules.Where(r => r.When(situation)).Select(r => r.Phase).FirstOrDefault() ?? DefaultPhase;
        var scored = Score(metrics, _phases[phase]);
        situation = situation with { Phase = phase, Score = scored.Score ?? double.NaN, Band = scored.Band, Coverage = scored.Coverage };

        var band = scored.Band;
        string? forcedBy = null;
        var exception = _bandExceptions.FirstOrDefault(e => e.When(situation));
        if (exception.Id is not null && exception.Band != band)
        {
            band = exception.Band;
            forcedBy = exception.Id;
            situation = situation with { Band = band };
        }

        HandWrittenTrend? trend = null;
        if (previous is not null)
        {
            var before = Score(previous.Metrics, _phases.GetValueOrDefault(previous.Phase) ?? _phases[phase]);
            double? delta = scored.Score is { } now && previous.Score is { } then ? Math.Round(now - then, 0, MidpointRounding.AwayFromZero) : null;
            var direction = delta is not { } d ? "unknown" : Math.Abs(d) <= DeadBand ? "flat" : d > 0 ? "up" : "down";
            var changes = _groups
                .SelectMany(g => g.Metrics)
                .Where(m => previous.Metrics.ContainsKey(m.Id))
                .Select(m => new HandWrittenChange(m.Id, before.Points[m.Id], scored.Points[m.Id]))
                .Where(c => Math.Abs(c.Points) > 1e-9)
                .OrderByDescending(c => Math.Abs(c.Points))
                .ToList();
            trend = new HandWrittenTrend(delta, direction, previous.Band != band, previous.Phase != phase, changes);
            situation = situation with { Delta = delta ?? double.NaN };
        }

        var actions = _actions
            .Where(a => a.When(situation))
            .Select(a =>
            {
                var cooling = a.CooldownDays > 0 && previous is not null && previous.Fired.Any(f =>
                    f.Id == a.Id && f.At > asOf - TimeSpan.FromDays(a.CooldownDays) && f.At <= asOf);
                return new HandWrittenAction(a.Id, Fired: !cooling, HeldBack: cooling ? "cooldown" : null);
            })
            .ToList();

        var firings = (previous?.Fired ?? [])
            .Where(f => asOf - f.At < TimeSpan.FromDays(CooldownDays))
            .Concat(actions.Where(a => a.Fired).Select(a => new HandWrittenFiring(a.Id, asOf)))
            .ToList();
        var phaseSince = previous is not null && previous.Phase == phase ? previous.PhaseSince : asOf;
        return new HandWrittenHealth(account.Id, asOf, phase, phaseSince, scored.Score, scored.UnroundedScore, band, forcedBy, scored.Coverage, metrics, scored.GroupScores, trend, actions, firings);
    }

    private Dictionary<string, double?> ComputeMetrics(HandWrittenAccount account, DateTimeOffset asOf)
    {
        bool InWindow(DateTimeOffset time, int days) => time <= asOf && asOf - time < TimeSpan.FromDays(days);
        var metrics = _groups.SelectMany(g => g.Metrics).ToDictionary(m => m.Id, _ => (double?)null, StringComparer.Ordinal);

        if (account.Events.Count > 0)
        {
            var month = account.Events.Where(e => InWindow(e.Time, 30)).ToList();
            metrics["active_days"] = month.Select(e => (asOf - e.Time).Ticks / TimeSpan.TicksPerDay).Distinct().Count();
            metrics["logins"] = month.Count(e => e.Feature == PipelineFixture.LoginFeature) / (30 / 7.0);
            metrics["features"] = month.Select(e => e.Feature).Where(f => f is not null && _catalogue.Contains(f)).Distinct().Count();
            metrics["active_seat_ratio"] = account.LicensedSeats is int seats && seats > 0
                ? month.Select(e => e.UserId).Where(u => u is not null).Distinct().Count() / (double)seats
                : null;
        }

        if (account.Tickets.Count > 0)
        {
            metrics["tickets"] = account.Tickets.Count(t => InWindow(t.Opened, 90));
            metrics["critical_tickets"] = account.Tickets.Count(t =>
                t.Severity >= TicketSeverity.High && t.Opened <= asOf && (t.Closed is { } closed ? closed > asOf : t.Status != TicketStatus.Closed));
            var hours = account.Tickets
                .Where(t => t.Closed is { } closed && closed >= t.Opened && InWindow(closed, 90))
                .Select(t => (t.Closed!.Value - t.Opened).TotalHours)
                .Order()
                .ToList();
            metrics["median_resolution_hours"] = hours.Count == 0 ? null
                : hours.Count % 2 == 1 ? hours[hours.Count / 2]
                : (hours[(hours.Count / 2) - 1] + hours[hours.Count / 2]) / 2;
        }

        if (account.Surveys.Count > 0)
        {
            var halfYear = account.Surveys.Where(s => InWindow(s.Time, 180)).ToList();
            var nps = halfYear.Where(s => s.Kind == SurveyKind.Nps && double.IsFinite(s.Score)).ToList();
            metrics["nps"] = nps.Count == 0 ? null : 100.0 * (nps.Count(s => s.Score >= 9) - nps.Count(s => s.Score <= 6)) / nps.Count;
            metrics["csat"] = halfYear
                .Where(s => s.Kind == SurveyKind.Csat && double.IsFinite(s.Score))
                .OrderByDescending(s => s.Time)
                .ThenByDescending(s => s.Score)
                .Select(s => (double?)s.Score)
                .FirstOrDefault();
            metrics["survey_response_rate"] = halfYear.Count == 0 ? null : halfYear.Count(s => double.IsFinite(s.Score)) / (double)halfYear.Count;
        }

        if (account.Touches.Count > 0)
        {
            metrics["touches"] = account.Touches.Count(t => InWindow(t.Time, 90));
            var executive = account.Touches.Where(t => t.IsExecutive && t.Time <= asOf).Select(t => (DateTimeOffset?)t.Time).Max();
            metrics["days_since_executive_contact"] = executive is { } latest ? Math.Floor((asOf - latest).TotalDays) : null;
        }

        return metrics;
    }

    private Scored Score(IReadOnlyDictionary<string, double?> metrics, PhaseSpec phase)
    {
        var groups = _groups
            .Select(g =>
            {
                var weight = phase.Weights.GetValueOrDefault(g.Id, g.Weight);
                var readings = g.Metrics
                    .Select(m =>
                    {
                        double? raw = metrics.TryGetValue(m.Id, out var value) && value is { } v && double.IsFinite(v) ? v : null;
                        var normalize = phase.Scoring.GetValueOrDefault(m.Id, m.Normalize);
                        double? normalized = raw is { } r ? Math.Clamp(normalize(r), 0.0, 1.0) : null;
                        return (Metric: m, Normalized: normalized, Used: normalized ?? m.MissingValue);
                    })
                    .ToList();
                var used = readings.Where(r => r.Used.HasValue).ToList();
                double? score = used.Count == 0 ? null
                    : g.Minimum ? used.Min(r => r.Used!.Value)
                    : used.Sum(r => r.Metric.Weight * r.Used!.Value) / used.Sum(r => r.Metric.Weight);
                return (Group: g, Weight: weight, Score: score, Readings: readings, Used: used);
            })
            .ToList();

        var totalWeight = groups.Sum(g => g.Weight);
        var missingShare = groups
            .SelectMany(g => g.Readings.Where(r => r.Normalized is null).Select(r => g.Weight / totalWeight * r.Metric.Weight / g.Group.Metrics.Sum(m => m.Weight)))
            .Sum();
        var coverage = Math.Round(Math.Clamp(1.0 - missingShare, 0.0, 1.0), 12);
        var present = groups.Where(g => g.Score.HasValue).ToList();
        double? root = present.Count == 0 ? null : present.Sum(g => g.Weight * g.Score!.Value) / present.Sum(g => g.Weight);

        // What each metric earned: the root's whole weight passed down to the groups and metrics that decided it.
        var presentWeight = present.Sum(g => g.Weight);
        var points = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (group, weight, score, readings, used) in groups)
        {
            var groupShare = root is null || score is null ? 0 : 1.0 * weight / presentWeight;
            var usedWeight = used.Sum(r => r.Metric.Weight);
            var decider = group.Minimum && used.Count > 0 ? used.MinBy(r => r.Used!.Value).Metric : null;
            foreach (var (metric, _, value) in readings)
            {
                var share = value is null ? 0 : group.Minimum ? (metric == decider ? groupShare : 0) : groupShare * metric.Weight / usedWeight;
                points[metric.Id] = share * (value ?? 0) * 100;
            }
        }

        var groupScores = groups.ToDictionary(g => g.Group.Id, g => g.Score * 100, StringComparer.Ordinal);
        if (root is null || !(coverage > 0 && coverage >= MinimumCoverage))
        {
            return new Scored(null, null, InsufficientData, coverage, groupScores, points);
        }

        var unrounded = Math.Clamp(100 * Math.Clamp(root.Value, 0.0, 1.0), 0, 100);
        var rounded = Math.Round(unrounded, 0, MidpointRounding.AwayFromZero);
        var band = Bands.Last(b => rounded >= phase.BandLowerBounds.GetValueOrDefault(b.Band, b.LowerBound)).Band;
        return new Scored(rounded, unrounded, band, coverage, groupScores, points);
    }

    private static double Linear(double value, double worst, double best) => Math.Clamp((value - worst) * (1.0 / (best - worst)), 0.0, 1.0);

    private sealed record MetricSpec(string Id, double Weight, Func<double, double> Normalize, double? MissingValue = null);

    private sealed record GroupSpec(string Id, double Weight, bool Minimum, List<MetricSpec> Metrics);

    private sealed record PhaseSpec(Dictionary<string, double> Weights, Dictionary<string, Func<double, double>> Scoring, Dictionary<string, double> BandLowerBounds);

    private sealed record ActionSpec(string Id, Func<Situation, bool> When, double CooldownDays = 0);

    private sealed record Scored(double? Score, double? UnroundedScore, string Band, double Coverage, Dictionary<string, double?> GroupScores, Dictionary<string, double> Points);

    /// <summary>What the rules read; missing numbers are NaN, so every comparison with them is false.</summary>
    private sealed record Situation(IReadOnlyDictionary<string, double?> Metrics, double TenureDays, double DaysToRenewal, string? Segment, double Seats, bool EmailConsent)
    {
        public string Phase { get; init; } = DefaultPhase;

        public double Score { get; init; } = double.NaN;

        public string Band { get; init; } = InsufficientData;

        public double Coverage { get; init; } = double.NaN;

        public double Delta { get; init; } = double.NaN;

        public double this[string metric] => Metrics.TryGetValue(metric, out var value) && value is { } v ? v : double.NaN;
    }
}

/// <summary>An account as the hand-written pipeline reads it: its facts and its raw records.</summary>
/// <param name="Id">The account's id.</param>
/// <param name="Segment">Its segment, or <see langword="null"/>.</param>
/// <param name="LicensedSeats">Its licensed seats, or <see langword="null"/>.</param>
/// <param name="Consents">The consents it gave.</param>
/// <param name="ContractStart">When its contract started, or <see langword="null"/>.</param>
/// <param name="RenewalDate">When it renews, or <see langword="null"/>.</param>
/// <param name="Events">Its product events.</param>
/// <param name="Tickets">Its support tickets.</param>
/// <param name="Surveys">Its survey responses.</param>
/// <param name="Touches">Its touch points.</param>
public sealed record HandWrittenAccount(
    string Id,
    string? Segment,
    int? LicensedSeats,
    IReadOnlyList<string> Consents,
    DateTimeOffset? ContractStart,
    DateTimeOffset? RenewalDate,
    IReadOnlyList<ProductEvent> Events,
    IReadOnlyList<SupportTicket> Tickets,
    IReadOnlyList<SurveyResponse> Surveys,
    IReadOnlyList<TouchPoint> Touches)
{
    /// <summary>Copies an account's records into the hand-written pipeline's shape.</summary>
    /// <param name="records">The records, with their <see cref="AccountRecords.Account"/>.</param>
    /// <returns>The account.</returns>
    public static HandWrittenAccount From(in AccountRecords records)
    {
        var account = records.Account ?? throw new ArgumentException("The records carry no account.", nameof(records));
        return new HandWrittenAccount(
            account.Id,
            account.Segment,
            account.LicensedSeats,
            [.. account.Consents],
            account.ContractStart,
            account.RenewalDate,
            records.Events.ToArray(),
            records.Tickets.ToArray(),
            records.Surveys.ToArray(),
            records.Touches.ToArray());
    }
}

/// <summary>The hand-written pipeline's stored evaluation, passed back as the previous one next time.</summary>
/// <param name="AccountId">The account's id.</param>
/// <param name="AsOf">The date it was evaluated as of.</param>
/// <param name="Phase">The phase's id.</param>
/// <param name="PhaseSince">Since when the account has been in <paramref name="Phase"/>.</param>
/// <param name="Score">The rounded score, or <see langword="null"/> with insufficient data.</param>
/// <param name="Band">The band's id.</param>
/// <param name="Metrics">The metric values by id; <see langword="null"/> where missing.</param>
/// <param name="Fired">The firings still inside a cooldown window, this evaluation's included.</param>
public sealed record HandWrittenSnapshot(
    string AccountId,
    DateTimeOffset AsOf,
    string Phase,
    DateTimeOffset PhaseSince,
    double? Score,
    string Band,
    IReadOnlyDictionary<string, double?> Metrics,
    IReadOnlyList<HandWrittenFiring> Fired);

/// <summary>One firing of an action.</summary>
/// <param name="Id">The action's id.</param>
/// <param name="At">When it fired.</param>
public sealed record HandWrittenFiring(string Id, DateTimeOffset At);

/// <summary>An action whose condition held.</summary>
/// <param name="Id">The action's id.</param>
/// <param name="Fired">Whether it fired.</param>
/// <param name="HeldBack">Why it did not fire, or <see langword="null"/>.</param>
public sealed record HandWrittenAction(string Id, bool Fired, string? HeldBack);

/// <summary>A metric that moved the score since the previous evaluation.</summary>
/// <param name="MetricId">The metric's id.</param>
/// <param name="PreviousPoints">The points it earned then.</param>
/// <param name="CurrentPoints">The points it earns now.</param>
public sealed record HandWrittenChange(string MetricId, double PreviousPoints, double CurrentPoints)
{
    /// <summary>Gets the points gained (negative: lost).</summary>
    public double Points => CurrentPoints - PreviousPoints;
}

/// <summary>How health moved since the previous evaluation.</summary>
/// <param name="Delta">The change of the rounded score, or <see langword="null"/> when either is missing.</param>
/// <param name="Direction"><c>up</c>, <c>down</c>, <c>flat</c> (within the dead band) or <c>unknown</c>.</param>
/// <param name="BandChanged">Whether the band changed.</param>
/// <param name="PhaseChanged">Whether the phase changed.</param>
/// <param name="Changes">The metrics that moved the score, largest move first.</param>
public sealed record HandWrittenTrend(double? Delta, string Direction, bool BandChanged, bool PhaseChanged, IReadOnlyList<HandWrittenChange> Changes);

/// <summary>The hand-written pipeline's result for one account.</summary>
/// <param name="AccountId">The account's id.</param>
/// <param name="AsOf">The date it was evaluated as of.</param>
/// <param name="Phase">The phase's id.</param>
/// <param name="PhaseSince">Since when the account has been in <paramref name="Phase"/>.</param>
/// <param name="Score">The rounded score, or <see langword="null"/> with insufficient data.</param>
/// <param name="UnroundedScore">The score before rounding.</param>
/// <param name="Band">The band's id, after the band exceptions.</param>
/// <param name="BandForcedBy">The band exception that forced the band, or <see langword="null"/>.</param>
/// <param name="Coverage">The share of the weight that rested on data.</param>
/// <param name="Metrics">The metric values by id; <see langword="null"/> where missing.</param>
/// <param name="GroupScores">Each group's score by id.</param>
/// <param name="Trend">The trend, or <see langword="null"/> without a previous evaluation.</param>
/// <param name="Actions">The actions whose condition held, in priority order.</param>
/// <param name="Firings">The firings to keep for the cooldowns, this evaluation's included.</param>
public sealed record HandWrittenHealth(
    string AccountId,
    DateTimeOffset AsOf,
    string Phase,
    DateTimeOffset PhaseSince,
    double? Score,
    double? UnroundedScore,
    string Band,
    string? BandForcedBy,
    double Coverage,
    IReadOnlyDictionary<string, double?> Metrics,
    IReadOnlyDictionary<string, double?> GroupScores,
    HandWrittenTrend? Trend,
    IReadOnlyList<HandWrittenAction> Actions,
    IReadOnlyList<HandWrittenFiring> Firings)
{
    /// <summary>Gets how many actions fired.</summary>
    public int FiredCount => Actions.Count(a => a.Fired);

    /// <summary>Records this evaluation to pass back as the previous one next time.</summary>
    /// <returns>The snapshot.</returns>
    public HandWrittenSnapshot ToSnapshot() => new(AccountId, AsOf, Phase, PhaseSince, Score, Band, Metrics, Firings);
}
