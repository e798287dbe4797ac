using HealthScore.Cli.Scoring;
using HealthScore.Core.Model;

namespace HealthScore.Cli.Output;

/// <summary>
/// What the HTML report shows, gathered one scored account at a time: counts per phase and band, the histogram by
/// each account's own thresholds, the matrix's quadrant counts, the adjustments' totals, and bounded lists (the riskiest
/// accounts, the most urgent actions, overrides, stale inputs, the matrix's dots) that know how many they left out.
/// Memory grows with those lists and the accounts in hierarchies, not with the portfolio.
/// </summary>
internal sealed class ReportData
{
    public const int RiskiestRows = 10;
    public const int ActionRows = 200;
    public const int OverrideRows = 100;
    public const int StaleRows = 20;
    public const int MatrixDots = 1000;
    public const int HistogramBins = 10;

    private readonly Dictionary<(string Phase, string Band), int> _phaseBands = [];
    private readonly Dictionary<string, int> _phases = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Profile, string Band), int> _profileBands = [];
    private readonly Dictionary<string, int> _profiles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Accounts, double Points)> _adjustments = new(StringComparer.Ordinal);

    public ReportData(HealthModel model, DateTimeOffset asOf)
    {
        Model = model;
        AsOf = asOf;
        Histogram = new int[HistogramBins, model.Bands.Count];
    }

    public HealthModel Model { get; }

    public DateTimeOffset AsOf { get; }

    /// <summary>Gets how many accounts were scored.</summary>
    public int Count { get; private set; }

    /// <summary>Gets the accounts with a score in each of ten bins over the scale, by band index of the band the score falls in under the account's own phase (and profile) thresholds.</summary>
    public int[,] Histogram { get; }

    /// <summary>Gets the accounts in each quadrant of the matrix: low-low, high-low, low-high, high-high (x then y).</summary>
    public int[] Quadrants { get; } = new int[4];

    /// <summary>Gets how many accounts have both matrix groups scored.</summary>
    public int InMatrix { get; private set; }

    public TopList<AccountOutcome> Riskiest { get; } = new(RiskiestRows, Comparer<AccountOutcome>.Create(static (a, b) =>
        a.Score!.Value.CompareTo(b.Score!.Value) is var c && c != 0 ? c : string.CompareOrdinal(a.AccountId, b.AccountId)));

    public TopList<(AccountOutcome Account, ActionOutcome Action)> Actions { get; } = new(ActionRows, Comparer<(AccountOutcome Account, ActionOutcome Action)>.Create(static (a, b) =>
        a.Action.Priority.CompareTo(b.Action.Priority) is var c && c != 0 ? c : string.CompareOrdinal(a.Account.AccountId, b.Account.AccountId) is var d && d != 0 ? d : string.CompareOrdinal(a.Action.Id, b.Action.Id)));

    public TopList<(AccountOutcome Account, OverrideView Override, int Order)> Overrides { get; } = new(OverrideRows, Comparer<(AccountOutcome Account, OverrideView Override, int Order)>.Create(static (a, b) =>
        string.CompareOrdinal(a.Account.AccountId, b.Account.AccountId) is var c && c != 0 ? c : a.Order.CompareTo(b.Order)));

    public TopList<(AccountOutcome Account, ContributionOutcome Input)> Stale { get; } = new(StaleRows, Comparer<(AccountOutcome Account, ContributionOutcome Input)>.Create(static (a, b) =>
        string.CompareOrdinal(a.Input.StaleSince, b.Input.StaleSince) is var c && c != 0 ? c : string.CompareOrdinal(a.Account.AccountId, b.Account.AccountId) is var d && d != 0 ? d : string.CompareOrdinal(a.Input.MetricId, b.Input.MetricId)));

    public TopList<AccountOutcome> Dots { get; } = new(MatrixDots, Priority.Comparer);

    /// <summary>Gets the accounts in hierarchies (parents and children), with their roll-ups.</summary>
    public IReadOnlyList<AccountOutcome> Hierarchy { get; private set; } = [];

    /// <summary>How many accounts of a phase are in a band (the band shown, after exceptions and overrides).</summary>
    public int InPhaseBand(string phase, string band) => _phaseBands.GetValueOrDefault((phase, band));

    public int InPhase(string phase) => _phases.GetValueOrDefault(phase);

    /// <summary>Gets how many accounts a profile scored.</summary>
    public int InProfile(string profile) => _profiles.GetValueOrDefault(profile);

    /// <summary>Gets how many accounts a profile scored in a band.</summary>
    public int InProfileBand(string profile, string band) => _profileBands.GetValueOrDefault((profile, band));

    /// <summary>Gets the accounts with a stored trend, largest fall first (filled from the history store with <c>--store</c>).</summary>
    public TopList<(AccountOutcome Account, IReadOnlyList<Store.TimelinePoint> Points, double Change)> Timelines { get; } = new(HtmlReport.MaxTimelineRows, Comparer<(AccountOutcome Account, IReadOnlyList<Store.TimelinePoint> Points, double Change)>.Create(static (a, b) =>
        a.Change != b.Change ? a.Change.CompareTo(b.Change) : string.CompareOrdinal(a.Account.AccountId, b.Account.AccountId)));

    /// <summary>Keeps an account's recent stored scores for the trend table when it has at least two.</summary>
    public void AddTimeline(AccountOutcome o, IReadOnlyList<Store.TimelinePoint> points)
    {
        var scored = points.Where(static p => p.Score is not null).ToArray();
        if (scored.Length >= 2)
        {
            Timelines.Add((o, scored, scored[^1].Score!.Value - scored[0].Score!.Value));
        }
    }

    public (int Accounts, double Points)? Adjustment(string id) => _adjustments.TryGetValue(id, out var a) ? a : null;

    public bool HasAdjustments => _adjustments.Count > 0;

    public void SetHierarchy(IReadOnlyList<AccountOutcome> accounts) => Hierarchy = accounts;

    public void Add(AccountOutcome o)
    {
        Count++;
        _phases[o.PhaseId] = InPhase(o.PhaseId) + 1;
        _phaseBands[(o.PhaseId, o.BandId)] = InPhaseBand(o.PhaseId, o.BandId) + 1;
        if (o.ProfileId is { } profile)
        {
            _profiles[profile] = InProfile(profile) + 1;
            _profileBands[(profile, o.BandId)] = InProfileBand(profile, o.BandId) + 1;
        }
        if (o.Score is { } score)
        {
            Riskiest.Add(o);
            var span = Model.ScaleMax - Model.ScaleMin;
            var bin = Math.Clamp((int)((score - Model.ScaleMin) / span * HistogramBins), 0, HistogramBins - 1);
            Histogram[bin, ThresholdBand(o, score).Index]++;
        }

        foreach (var action in o.Actions)
        {
            if (action.Fired)
            {
                Actions.Add((o, action));
            }
        }

        for (var i = 0; i < o.Overrides.Count; i++)
        {
            Overrides.Add((o, o.Overrides[i], i));
        }

        foreach (var stale in o.Stale)
        {
            Stale.Add((o, stale));
        }

        foreach (var a in o.Adjustments)
        {
            var sum = _adjustments.GetValueOrDefault(a.Id);
            _adjustments[a.Id] = (sum.Accounts + 1, sum.Points + a.Points);
        }

        if (MatrixPoint(o) is { } point)
        {
            InMatrix++;
            var middle = (Model.ScaleMin + Model.ScaleMax) / 2;
            Quadrants[(point.X >= middle ? 1 : 0) + (point.Y >= middle ? 2 : 0)]++;
            Dots.Add(o);
        }
    }

    /// <summary>The account's scores of the matrix's two groups, when both are scored.</summary>
    public (double X, double Y)? MatrixPoint(AccountOutcome o)
    {
        var x = o.Groups.Find(g => g.Id == Model.Report.MatrixX.Id)?.Score;
        var y = o.Groups.Find(g => g.Id == Model.Report.MatrixY.Id)?.Score;
        return x is { } vx && y is { } vy ? (vx, vy) : null;
    }

    /// <summary>The band a score falls in under the thresholds of the account's phase, in its profile's scorecard.</summary>
    public Band ThresholdBand(AccountOutcome o, double score)
    {
        var scorecard = o.Snapshot.Profile is { } profile && Model.TryGetProfile(profile, out var p) ? p.Scorecard : Model;
        var phase = scorecard.Phases.FirstOrDefault(x => x.Id == o.PhaseId) ?? scorecard.DefaultPhase;
        var band = scorecard.Bands[0];
        foreach (var candidate in scorecard.Bands)
        {
            if (phase.GetLowerBound(candidate) <= score)
            {
                band = candidate;
            }
        }

        return Model.TryGetBand(band.Id, out var own) ? own : Model.Bands[Math.Min(band.Index, Model.Bands.Count - 1)];
    }
}
