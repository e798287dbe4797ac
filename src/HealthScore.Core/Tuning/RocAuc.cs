namespace HealthScore.Core.Tuning;

/// <summary>
/// The area under the ROC curve: the probability that a randomly chosen positive (a churner) has a higher risk
/// than a randomly chosen negative, ties counting half (the Mann–Whitney statistic). Optionally weighted.
/// </summary>
public static class RocAuc
{
    /// <summary>Computes the AUC of <paramref name="risk"/> for <paramref name="positive"/>.</summary>
    /// <param name="risk">One risk per case; higher means more likely positive. NaN cases are left out.</param>
    /// <param name="positive">Whether each case is positive (for example churned).</param>
    /// <returns>The AUC between 0 and 1, or NaN when there are no positives or no negatives.</returns>
    public static double Compute(ReadOnlySpan<double> risk, ReadOnlySpan<bool> positive) => Compute(risk, positive, []);

    /// <summary>Computes the weighted AUC: each pair of a positive and a negative counts with the product of their weights.</summary>
    /// <param name="risk">One risk per case; higher means more likely positive. NaN cases are left out.</param>
    /// <param name="positive">Whether each case is positive.</param>
    /// <param name="weights">One non-negative weight per case (for example account value), or empty for equal weights.</param>
    /// <returns>The AUC between 0 and 1, or NaN when either class has no weight.</returns>
    /// <exception cref="ArgumentException">The spans' lengths differ.</exception>
    public static double Compute(ReadOnlySpan<double> risk, ReadOnlySpan<bool> positive, ReadOnlySpan<double> weights)
    {
        if (positive.Length != risk.Length || (!weights.IsEmpty && weights.Length != risk.Length))
        {
            throw new ArgumentException($"Expected one outcome{(weights.IsEmpty ? string.Empty : " and one weight")} per risk ({risk.Length}); got {positive.Length} outcomes and {weights.Length} weights.", nameof(positive));
        }

        var order = new int[risk.Length];
        var count = 0;
        for (var i = 0; i < risk.Length; i++)
        {
            if (!double.IsNaN(risk[i]))
            {
                order[count++] = i;
            }
        }

        var keys = new double[count];
        for (var k = 0; k < count; k++)
        {
            keys[k] = risk[order[k]];
        }

        Array.Sort(keys, order, 0, count);

        // Walk the cases from lowest to highest risk, one group of tied risks at a time: every positive in a group
        // beats the negatives below it and ties half of the negatives in it.
        double below = 0, area = 0, totalPositive = 0, totalNegative = 0;
        for (var start = 0; start < count;)
        {
            var end = start;
            double groupPositive = 0, groupNegative = 0;
            while (end < count && keys[end] == keys[start])
            {
                var i = order[end];
                var weight = weights.IsEmpty ? 1.0 : weights[i];
                if (positive[i])
                {
                    groupPositive += weight;
                }
                else
                {
                    groupNegative += weight;
                }

                end++;
            }

            area += groupPositive * (below + (0.5 * groupNegative));
            below += groupNegative;
            totalPositive += groupPositive;
            totalNegative += groupNegative;
            start = end;
        }

        return totalPositive > 0 && totalNegative > 0 ? area / (totalPositive * totalNegative) : double.NaN;
    }

    /// <summary>
    /// Computes the ROC curve of <paramref name="risk"/>: one point per distinct risk, from flagging no case to flagging
    /// every case, so plotting the points in order draws the curve whose area <see cref="Compute(ReadOnlySpan{double}, ReadOnlySpan{bool})"/> returns.
    /// </summary>
    /// <param name="risk">One risk per case; higher means more likely positive. NaN cases are left out.</param>
    /// <param name="positive">Whether each case is positive.</param>
    /// <returns>The points, starting at (0, 0) and ending at (1, 1); empty when there are no positives or no negatives.
    /// Each point's threshold is the lowest risk flagged, negated back to a score (a lower score means more risk).</returns>
    /// <exception cref="ArgumentException">The spans' lengths differ.</exception>
    public static IReadOnlyList<RocPoint> Curve(ReadOnlySpan<double> risk, ReadOnlySpan<bool> positive)
    {
        if (positive.Length != risk.Length)
        {
            throw new ArgumentException($"Expected one outcome per risk ({risk.Length}); got {positive.Length}.", nameof(positive));
        }

        var cases = new List<(double Risk, bool Positive)>(risk.Length);
        double totalPositive = 0, totalNegative = 0;
        for (var i = 0; i < risk.Length; i++)
        {
            if (!double.IsNaN(risk[i]))
            {
                cases.Add((risk[i], positive[i]));
                totalPositive += positive[i] ? 1 : 0;
                totalNegative += positive[i] ? 0 : 1;
            }
        }

        if (totalPositive == 0 || totalNegative == 0)
        {
            return [];
        }

        // Highest risk first: lowering the threshold one tie group at a time adds that group's cases.
        cases.Sort(static (a, b) => b.Risk.CompareTo(a.Risk));
        var points = new List<RocPoint> { new(null, 0, 0) };
        double truePositives = 0, falsePositives = 0;
        for (var start = 0; start < cases.Count;)
        {
            var end = start;
            while (end < cases.Count && cases[end].Risk == cases[start].Risk)
            {
                truePositives += cases[end].Positive ? 1 : 0;
                falsePositives += cases[end].Positive ? 0 : 1;
                end++;
            }

            points.Add(new RocPoint(-cases[start].Risk, falsePositives / totalNegative, truePositives / totalPositive));
            start = end;
        }

        return points;
    }
}
