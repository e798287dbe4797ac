using System.Runtime.InteropServices;

namespace HealthScore.Core.Scoring;

/// <summary>What one group scored and contributed in one result.</summary>
[StructLayout(LayoutKind.Auto)]
public readonly struct GroupScore
{
    internal GroupScore(int groupIndex, double? score, double effectiveWeight, double pointsEarned, double pointsLost)
    {
        GroupIndex = groupIndex;
        Score = score;
        EffectiveWeight = effectiveWeight;
        PointsEarned = pointsEarned;
        PointsLost = pointsLost;
    }

    /// <summary>Gets the group's index in <see cref="Model.HealthModel.Groups"/>.</summary>
    public int GroupIndex { get; }

    /// <summary>Gets the group's own score on the model's scale (unrounded), or <see langword="null"/> when none of its members had a value.</summary>
    public double? Score { get; }

    /// <summary>Gets the share of the whole score this group carried after missing data was redistributed (0 to 1).</summary>
    public double EffectiveWeight { get; }

    /// <summary>Gets the points the group earned towards the overall score.</summary>
    public double PointsEarned { get; }

    /// <summary>Gets the points the group cost against a perfect score.</summary>
    public double PointsLost { get; }
}
