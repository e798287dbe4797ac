namespace HealthScore.Core.Hosting;

/// <summary>Shared by the options validator and the model source of one container: whether start-up is over and the model is being served.</summary>
internal sealed class HealthScoringState
{
    private volatile bool _serving;

    public bool Serving
    {
        get => _serving;
        set => _serving = value;
    }
}
