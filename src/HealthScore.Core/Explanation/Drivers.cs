using HealthScore.Core.Scoring;

namespace HealthScore.Core.Explanation;

/// <summary>
/// Picks the top drivers of a result from its contributions: the metrics that cost the most points and those
/// that earned the most. Allocation-free: indices go into a span the caller provides.
/// </summary>
public static class Drivers
{
    /// <summary>Writes the metrics that cost the most points, largest loss first. Only present or assumed metrics that lost points are listed.</summary>
    /// <param name="contributions">A result's contributions.</param>
    /// <param name="destination">Receives metric indices; its length is how many drivers are wanted.</param>
    /// <returns>How many indices were written.</returns>
    public static int HurtsMost(ReadOnlySpan<MetricContribution> contributions, Span<int> destination) =>
        Select(contributions, destination, lost: true);

    /// <summary>Writes the metrics that earned the most points, largest gain first. Only metrics that earned points are listed.</summary>
    /// <param name="contributions">A result's contributions.</param>
    /// <param name="destination">Receives metric indices; its length is how many drivers are wanted.</param>
    /// <returns>How many indices were written.</returns>
    public static int HelpsMost(ReadOnlySpan<MetricContribution> contributions, Span<int> destination) =>
        Select(contributions, destination, lost: false);

    private static int Select(ReadOnlySpan<MetricContribution> contributions, Span<int> destination, bool lost)
    {
        const double Epsilon = 1e-9;
        var count = 0;
        for (var i = 0; i < contributions.Length; i++)
        {
            var points = Points(contributions[i], lost);
            if (points <= Epsilon || contributions[i].Status == MetricStatus.Excluded)
            {
                continue;
            }

            var position = count;
            while (position > 0 && Points(contributions[destination[position - 1]], lost) < points)
            {
                position--;
            }

            if (position >= destination.Length)
            {
                continue;
            }

            for (var k = Math.Min(count, destination.Length - 1); k > position; k--)
            {
                destination[k] = destination[k - 1];
            }

            destination[position] = i;
            count = Math.Min(count + 1, destination.Length);
        }

        return count;
    }

    private static double Points(in MetricContribution contribution, bool lost) =>
        lost ? contribution.PointsLost : contribution.PointsEarned;
}
