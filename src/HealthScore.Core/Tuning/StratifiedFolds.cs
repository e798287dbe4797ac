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

        // Seeded Fisher–Yates over the groups. Then, largest first (ties in shuffled order), groups with churners go to
        // the fold with the fewest churners so far and the others to the fold with the fewest stayers (then the fewest
        // rows, then the lowest number): each fold's churners and stayers differ by at most the largest group.
        var shuffled = new int[members.Count];
        for (var g = 0; g < shuffled.Length; g++)
        {
            shuffled[g] = g;
        }

        var random = new SplitMix64(seed);
        for (var g = shuffled.Length - 1; g > 0; g--)
        {
            var j = random.Next(g + 1);
            (shuffled[g], shuffled[j]) = (shuffled[j], shuffled[g]);
        }

        var churners = new int[members.Count];
        for (var g = 0; g < members.Count; g++)
        {
            foreach (var i in members[g])
            {
                churners[g] += churned[i] ? 1 : 0;
            }
        }

        var dealt = shuffled
            .OrderByDescending(g => churners[g] > 0)
            .ThenByDescending(g => churners[g] > 0 ? churners[g] : members[g].Count)
            .ToList();
        var foldChurners = new int[folds];
        var foldStayers = new int[folds];
        var foldRows = new int[folds];
        var fold = new int[rows];
        foreach (var g in dealt)
        {
            var balance = churners[g] > 0 ? foldChurners : foldStayers;
            var best = 0;
            for (var f = 1; f < folds; f++)
            {
                if (balance[f] < balance[best] || (balance[f] == balance[best] && foldRows[f] < foldRows[best]))
                {
                    best = f;
                }
            }

            foreach (var i in members[g])
            {
                fold[i] = best;
            }

            foldChurners[best] += churners[g];
            foldStayers[best] += members[g].Count - churners[g];
            foldRows[best] += members[g].Count;
        }

        return fold;
    }
}
