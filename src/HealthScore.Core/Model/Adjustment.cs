using HealthScore.Core.Rules;

namespace HealthScore.Core.Model;

/// <summary>A compiled adjustment: points added to the weighted score of an account in one of its phases when its rule holds.</summary>
public sealed class Adjustment
{
    private readonly bool[] _phases;

    internal Adjustment(int index, string id, string label, double points, Rule rule, bool[] phases)
    {
        Index = index;
        Id = id;
        Label = label;
        Points = points;
        Rule = rule;
        _phases = phases;
    }

    /// <summary>Gets the adjustment's position in the model's adjustments.</summary>
    public int Index { get; }

    /// <summary>Gets the adjustment's id.</summary>
    public string Id { get; }

    /// <summary>Gets the adjustment's name, for a person to read (the id when the document gives none).</summary>
    public string Label { get; }

    /// <summary>Gets the points the adjustment adds when its rule holds; negative ones subtract.</summary>
    public double Points { get; }

    /// <summary>Gets the condition.</summary>
    public Rule Rule { get; }

    /// <summary>Gets whether the adjustment applies to accounts in <paramref name="phase"/>.</summary>
    /// <param name="phase">A phase of the model.</param>
    /// <returns><see langword="true"/> when the adjustment applies in the phase.</returns>
    public bool AppliesIn(Phase phase)
    {
        ArgumentNullException.ThrowIfNull(phase);
        return (uint)phase.Index < (uint)_phases.Length && _phases[phase.Index];
    }

    /// <inheritdoc />
    public override string ToString() => Id;
}
