namespace HealthScore.Core.Model;

/// <summary>How reports on a compiled model are laid out: the groups on the prioritisation matrix's axes. Immutable.</summary>
public sealed class ModelReport
{
    internal ModelReport(Group matrixX, Group matrixY)
    {
        MatrixX = matrixX;
        MatrixY = matrixY;
    }

    /// <summary>Gets the group on the prioritisation matrix's horizontal axis.</summary>
    public Group MatrixX { get; }

    /// <summary>Gets the group on the prioritisation matrix's vertical axis.</summary>
    public Group MatrixY { get; }
}
