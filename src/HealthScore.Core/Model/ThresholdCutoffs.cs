namespace HealthScore.Core.Model;

/// <summary>
/// Turns a declared threshold into the smallest value that lies above it under the model's <see cref="ThresholdBoundary"/>,
/// so the scorer always compares with <c>&gt;=</c> and a model that counts thresholds as upper bounds costs nothing.
/// </summary>
internal static class ThresholdCutoffs
{
    public static double Of(double threshold, ThresholdBoundary boundary) =>
        boundary == ThresholdBoundary.IncludeUpper && double.IsFinite(threshold) ? Math.BitIncrement(threshold) : threshold;

    public static double[] Of(double[] thresholds, ThresholdBoundary boundary)
    {
        var cutoffs = new double[thresholds.Length];
        for (var i = 0; i < cutoffs.Length; i++)
        {
            cutoffs[i] = Of(thresholds[i], boundary);
        }

        return cutoffs;
    }
}
