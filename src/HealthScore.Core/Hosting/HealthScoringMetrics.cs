using System.Diagnostics.Metrics;
using HealthScore.Core.Actions;

namespace HealthScore.Core.Hosting;

/// <summary>
/// The library's <see cref="System.Diagnostics.Metrics"/> instruments, on the meter <see cref="MeterName"/>:
/// <c>healthscore.accounts.scored</c>, <c>healthscore.actions.fired</c>, <c>healthscore.actions.suppressed</c>,
/// <c>healthscore.model.reloads</c> and <c>healthscore.model.rejected</c>, named after the OpenTelemetry semantic
/// conventions (a lowercase namespace, dot-separated, a UCUM-style <c>{unit}</c>). Accounts scored are tagged with
/// <see cref="ModelIdTag"/>, <see cref="PhaseTag"/> and <see cref="BandTag"/>; actions, reloads and rejections with
/// <see cref="ModelIdTag"/>. Recording allocates nothing. Thread-safe.
/// </summary>
public sealed class HealthScoringMetrics : IDisposable
{
    /// <summary>The name of the meter the instruments belong to.</summary>
    public const string MeterName = "HealthScore.Core";

    /// <summary>The tag holding the id of the model that scored (<see cref="Model.HealthModel.Id"/>): <c>healthscore.model.id</c>.</summary>
    public const string ModelIdTag = "healthscore.model.id";

    /// <summary>The tag holding the id of the phase an account was scored in: <c>healthscore.phase</c>.</summary>
    public const string PhaseTag = "healthscore.phase";

    /// <summary>The tag holding the id of the band an account's score fell in (the insufficient-data band's id when coverage was too low): <c>healthscore.band</c>.</summary>
    public const string BandTag = "healthscore.band";

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _accountsScored;
    private readonly Counter<long> _actionsFired;
    private readonly Counter<long> _actionsSuppressed;
    private readonly Counter<long> _modelReloads;
    private readonly Counter<long> _modelRejected;

    /// <summary>Creates the instruments on a meter of its own, disposed with this object.</summary>
    public HealthScoringMetrics()
        : this(null)
    {
    }

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/> (which owns it), or on a meter of its own when it is <see langword="null"/>.</summary>
    /// <param name="meterFactory">The host's meter factory, or <see langword="null"/>.</param>
    public HealthScoringMetrics(IMeterFactory? meterFactory)
    {
        var version = typeof(HealthScoringMetrics).Assembly.GetName().Version?.ToString();
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(new MeterOptions(MeterName) { Version = version }) ?? new Meter(MeterName, version);
        _accountsScored = _meter.CreateCounter<long>("healthscore.accounts.scored", "{account}", "Accounts scored.");
        _actionsFired = _meter.CreateCounter<long>("healthscore.actions.fired", "{action}", "Actions fired.");
        _actionsSuppressed = _meter.CreateCounter<long>("healthscore.actions.suppressed", "{action}", "Actions matched but held back (consent, cooldown, de-duplication, consecutive matches).");
        _modelReloads = _meter.CreateCounter<long>("healthscore.model.reloads", "{reload}", "New health models swapped in.");
        _modelRejected = _meter.CreateCounter<long>("healthscore.model.rejected", "{reload}", "New health model documents rejected as invalid.");
    }

    /// <summary>Gets the meter the instruments belong to.</summary>
    public Meter Meter => _meter;

    /// <summary>Records accounts scored, without tags, for hosts that score their own way and count in bulk.</summary>
    /// <param name="count">How many accounts.</param>
    public void RecordAccountsScored(long count = 1) => _accountsScored.Add(count);

    /// <summary>Records one account scored, tagged with the model, the phase it was scored in and the band it fell in.</summary>
    /// <param name="model">The model that scored it.</param>
    /// <param name="phase">The phase it was scored in.</param>
    /// <param name="band">The band its score fell in.</param>
    public void RecordAccountScored(Model.HealthModel model, Model.Phase phase, Model.Band band)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(phase);
        ArgumentNullException.ThrowIfNull(band);
        _accountsScored.Add(1, new(ModelIdTag, model.Id), new(PhaseTag, phase.Id), new(BandTag, band.Id));
    }

    /// <summary>Records the actions of one evaluation by a model: those fired, and those matched but held back.</summary>
    /// <param name="model">The model whose actions they are.</param>
    /// <param name="fired">Actions fired.</param>
    /// <param name="suppressed">Actions matched but held back.</param>
    public void RecordActions(Model.HealthModel model, long fired, long suppressed)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegative(fired);
        ArgumentOutOfRangeException.ThrowIfNegative(suppressed);
        var tag = new KeyValuePair<string, object?>(ModelIdTag, model.Id);
        if (fired > 0)
        {
            _actionsFired.Add(fired, tag);
        }

        if (suppressed > 0)
        {
            _actionsSuppressed.Add(suppressed, tag);
        }
    }

    /// <summary>Records the actions of one evaluation: those fired, and those matched but held back.</summary>
    /// <param name="evaluation">The action engine's outcome for one account.</param>
    public void RecordActions(in ActionEvaluation evaluation)
    {
        if (evaluation.FiredCount > 0)
        {
            _actionsFired.Add(evaluation.FiredCount);
        }

        var suppressed = evaluation.MatchedCount - evaluation.FiredCount;
        if (suppressed > 0)
        {
            _actionsSuppressed.Add(suppressed);
        }
    }

    /// <summary>Records actions fired and held back, for hosts that evaluate actions their own way.</summary>
    /// <param name="fired">Actions fired.</param>
    /// <param name="suppressed">Actions matched but held back.</param>
    public void RecordActions(long fired, long suppressed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fired);
        ArgumentOutOfRangeException.ThrowIfNegative(suppressed);
        _actionsFired.Add(fired);
        _actionsSuppressed.Add(suppressed);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    internal void RecordReload(string modelId) => _modelReloads.Add(1, new KeyValuePair<string, object?>(ModelIdTag, modelId));

    internal void RecordRejected(string modelId) => _modelRejected.Add(1, new KeyValuePair<string, object?>(ModelIdTag, modelId));
}
