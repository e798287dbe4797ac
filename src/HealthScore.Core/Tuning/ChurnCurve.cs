namespace HealthScore.Core.Tuning;

/// <summary>
/// The churn rate as a function of the score that never rises as the score rises (isotonic regression by pooling
/// adjacent violators). Each block is a run of scores with one fitted churn rate.
/// </summary>
internal static class ChurnCurve
{
    internal readonly record struct Block(double MinScore, double MaxScore, int Accounts, int Churned)
    {
        public double Rate => (double)Churned / Accounts;
    }

    public static List<Block> Fit(IReadOnlyList<(double Score, bool Churned)> accounts)
    {
        var sorted = accounts.OrderBy(static a => a.Score).ToList();
        var blocks = new List<Block>();
        for (var start = 0; start < sorted.Count;)
        {
            var end = start;
            var churned = 0;
            while (end < sorted.Count && sorted[end].Score == sorted[start].Score)
            {
                churned += sorted[end].Churned ? 1 : 0;
                end++;
            }

            blocks.Add(new Block(sorted[start].Score, sorted[start].Score, end - start, churned));
            while (blocks.Count > 1 && blocks[^2].Rate < blocks[^1].Rate)
            {
                var (low, high) = (blocks[^2], blocks[^1]);
                blocks.RemoveRange(blocks.Count - 2, 2);
                blocks.Add(new Block(low.MinScore, high.MaxScore, low.Accounts + high.Accounts, low.Churned + high.Churned));
            }

            start = end;
        }

        return blocks;
    }
}
