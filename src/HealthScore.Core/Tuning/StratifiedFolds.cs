namespace HealthScore.Core.Tuning;

/// <summary>
/// Deals snapshots into k folds with about the same number of churners and of stayers in each. Identical snapshots
/// (the same metric values in the same phase) always share a fold, so a duplicate never sits on both sides of a split.
/// </summary>
internal static class StratifiedFolds
{
    public static int[] Assign(ReadOnlySpan<double> values, int metricCount, ReadOnlySpan<string> phaseIds, ReadOnlySpan<bool> churned, int folds, ulong seed)
    {
        var rows = churned.Length;
        var groupOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var members = new List<List<int>>();
        var key = new System.Text.StringBuilder();
        for (var i = 0; i < rows; i++)
        {
            key.Clear();
            key.Append(phaseIds.IsEmpty ? string.Empty : phaseIds[i]).Append('|');
            foreach (var v in values.Slice(i * metricCount, metricCount))
            {
                key.Append(double.IsNaN(v) ? "NaN" : BitConverter.DoubleToInt64Bits(v).ToString("x16", System.Globalization.CultureInfo.InvariantCulture)).Append(',');
            }

            var text = key.ToString();
            if (!groupOf.TryGetValue(text, out var group))
            {
                group = members.Count;
                groupOf.Add(text, group);
                members.Add([]);
            }

            members[group].Add(i);
        }

        // Seeded Fisher–Yates over the groups, then churner groups first (stable), then each group to the fold with the
        // fewest rows of its kind so far (then the fewest rows, then the lowest number).
        var order = new int[members.Count];
        for (var g = 0; g < order.Length; g++)
        {
            order[g] = g;
        }

        var random = new SplitMix64(seed);
        for (var g = order.Length - 1; g > 0; g--)
        {
            var j = random.Next(g + 1);
            (order[g], order[j]) = (order[j], order[g]);
        }

        var churnerGroup = new bool[members.Count];
        for (var g = 0; g < members.Count; g++)
        {
            foreach (var i in members[g])
            {
                churnerGroup[g] |= churned[i];
            }
        }

        var dealt = new List<int>(order.Length);
        dealt.AddRange(order.Where(g => churnerGroup[g]));
        dealt.AddRange(order.Where(g => !churnerGroup[g]));
        var kindCount = new int[folds];
        var rowCount = new int[folds];
        var fold = new int[rows];
        var previousKind = true;
        foreach (var g in dealt)
        {
            if (churnerGroup[g] != previousKind)
            {
                Array.Clear(kindCount);
                previousKind = churnerGroup[g];
            }

            var best = 0;
            for (var f = 1; f < folds; f++)
            {
                if (kindCount[f] < kindCount[best] || (kindCount[f] == kindCount[best] && rowCount[f] < rowCount[best]))
                {
                    best = f;
                }
            }

            foreach (var i in members[g])
            {
                fold[i] = best;
            }

            kindCount[best] += members[g].Count;
            rowCount[best] += members[g].Count;
        }

        return fold;
    }
}
