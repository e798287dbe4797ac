using HealthScore.Core.Model;
using HealthScore.Core.Pipeline;
using HealthScore.Core.Scoring;

namespace HealthScore.Core.Rollups;

/// <summary>
/// How a compiled model rolls child accounts' health up into their parent's (<see cref="HealthModel.Rollup"/>, from the
/// document's <c>rollup</c>). Computes every parent's <see cref="RollupResult"/> from an <see cref="AccountHierarchy"/>
/// and each account's latest <see cref="HealthSnapshot"/>, bottom-up, so a child that is itself a parent contributes
/// its own roll-up, never its own snapshot. Immutable and thread-safe; see <c>docs/concepts.md</c>, "Roll-ups".
/// </summary>
/// <remarks>
/// A child counts with the score its snapshot reports (rounded, as shown), or for a parent its rolled-up score; a
/// score outside the model's scale (from a version with another scale) is clamped to it. A child without a snapshot,
/// without a score, or — for <see cref="RollupMethod.ValueWeighted"/> — without a positive finite weight, is skipped
/// and listed in <see cref="RollupResult.Skipped"/> with the reason. For <see cref="RollupMethod.ShareInBand"/> a child
/// counts with the band its snapshot reports (a band exception's included), and a child that is itself a parent passes
/// on the accounts it counted, so the share is over every account below the parent that has no children.
/// </remarks>
public sealed class Rollup
{
    private readonly HealthModel _model;

    internal Rollup(HealthModel model, RollupDefinition definition)
    {
        _model = model;
        Method = definition.Method;
        WeightField = Method == RollupMethod.ValueWeighted ? definition.WeightField : null;
        Band = Method == RollupMethod.ShareInBand ? model.GetBand(definition.Band!) : null;
        MinimumChildren = definition.MinimumChildren;
    }

    /// <summary>Gets how the children's health combines.</summary>
    public RollupMethod Method { get; }

    /// <summary>Gets, for <see cref="RollupMethod.ValueWeighted"/>, the account number field whose value weighs each child; otherwise <see langword="null"/>.</summary>
    public string? WeightField { get; }

    /// <summary>Gets, for <see cref="RollupMethod.ShareInBand"/>, the band counted with the bands below it; otherwise <see langword="null"/>.</summary>
    public Band? Band { get; }

    /// <summary>Gets how many children a parent needs counted to have a roll-up.</summary>
    public int MinimumChildren { get; }

    /// <summary>Computes the roll-up of every parent in the hierarchy, bottom-up, in one pass.</summary>
    /// <param name="hierarchy">The portfolio's accounts and their parents.</param>
    /// <param name="snapshots">Each account's latest snapshot, by account id (the snapshot's own <see cref="HealthSnapshot.AccountId"/> is not read). Parents' snapshots are not read.</param>
    /// <param name="weightOf">
    /// For <see cref="RollupMethod.ValueWeighted"/> (required then, ignored otherwise): the value of <see cref="WeightField"/>
    /// for an account id, for example <c>id =&gt; arr.GetValueOrDefault(id, double.NaN)</c>; NaN when unknown. It is called
    /// once for each child that has a score.
    /// </param>
    /// <returns>Every parent's roll-up by its account id, enumerated in the order of <see cref="AccountHierarchy.Parents"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>, or <paramref name="weightOf"/> is for a value-weighted roll-up.</exception>
    public IReadOnlyDictionary<string, RollupResult> ComputeAll(AccountHierarchy hierarchy, IReadOnlyDictionary<string, HealthSnapshot> snapshots, Func<string, double>? weightOf = null)
    {
        Check(hierarchy, snapshots, weightOf);
        var results = new RollupResult?[hierarchy.Count];
        foreach (var root in hierarchy.Roots)
        {
            foreach (var parent in hierarchy.ParentsBottomUp(hierarchy.IndexOf(root)))
            {
                results[parent] = Combine(parent, hierarchy, snapshots, weightOf, results);
            }
        }

        var ordered = new RollupResult[hierarchy.Parents.Count];
        for (var i = 0; i < ordered.Length; i++)
        {
            ordered[i] = results[hierarchy.IndexOf(hierarchy.Parents[i])]!;
        }

        return new RollupResults(ordered);
    }

    /// <summary>Computes one parent's roll-up, with the roll-ups of the parents below it.</summary>
    /// <param name="parentId">The parent's account id; it must have children in <paramref name="hierarchy"/>.</param>
    /// <param name="hierarchy">The portfolio's accounts and their parents.</param>
    /// <param name="snapshots">Each account's latest snapshot, by account id, as for <see cref="ComputeAll"/>.</param>
    /// <param name="weightOf">For <see cref="RollupMethod.ValueWeighted"/>, the value of <see cref="WeightField"/> for an account id, as for <see cref="ComputeAll"/>.</param>
    /// <returns>The parent's roll-up.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>, or <paramref name="weightOf"/> is for a value-weighted roll-up.</exception>
    /// <exception cref="KeyNotFoundException">The hierarchy has no account <paramref name="parentId"/>.</exception>
    /// <exception cref="ArgumentException">The account has no children, so it has no roll-up.</exception>
    public RollupResult Compute(string parentId, AccountHierarchy hierarchy, IReadOnlyDictionary<string, HealthSnapshot> snapshots, Func<string, double>? weightOf = null)
    {
        ArgumentNullException.ThrowIfNull(parentId);
        Check(hierarchy, snapshots, weightOf);
        var index = hierarchy.IndexOf(parentId);
        if (hierarchy.ChildrenOf(index).Length == 0)
        {
            throw new ArgumentException($"Account '{parentId}' has no children in the hierarchy, so it has no roll-up.", nameof(parentId));
        }

        var results = new RollupResult?[hierarchy.Count];
        foreach (var parent in hierarchy.ParentsBottomUp(index))
        {
            results[parent] = Combine(parent, hierarchy, snapshots, weightOf, results);
        }

        return results[index]!;
    }

    private void Check(AccountHierarchy hierarchy, IReadOnlyDictionary<string, HealthSnapshot> snapshots, Func<string, double>? weightOf)
    {
        ArgumentNullException.ThrowIfNull(hierarchy);
        ArgumentNullException.ThrowIfNull(snapshots);
        if (Method == RollupMethod.ValueWeighted && weightOf is null)
        {
            throw new ArgumentNullException(nameof(weightOf), $"The value-weighted roll-up weighs each child by the account field '{WeightField}': pass its value for an account id.");
        }
    }

    private RollupResult Combine(int parent, AccountHierarchy hierarchy, IReadOnlyDictionary<string, HealthSnapshot> snapshots, Func<string, double>? weightOf, RollupResult?[] results)
    {
        var children = hierarchy.ChildrenOf(parent);
        var skipped = new List<SkippedChild>();
        var counted = new List<(int Child, double Score, double Weight)>(children.Length);
        var share = new ShareCount();
        foreach (var child in children)
        {
            var id = hierarchy.IdAt(child);
            double score;
            if (results[child] is { } nested)
            {
                if (Method == RollupMethod.ShareInBand)
                {
                    share.Add(nested, child);
                    skipped.AddRange(nested.Skipped);
                    continue;
                }

                if (nested.Score is not { } rolledUp)
                {
                    skipped.Add(new SkippedChild(id, RollupSkipReason.InsufficientData));
                    continue;
                }

                score = rolledUp;
            }
            else if (!snapshots.TryGetValue(id, out var snapshot) || snapshot is null)
            {
                skipped.Add(new SkippedChild(id, RollupSkipReason.NoSnapshot));
                continue;
            }
            else if (snapshot.Score is not { } reported || !double.IsFinite(reported))
            {
                skipped.Add(new SkippedChild(id, RollupSkipReason.InsufficientData));
                continue;
            }
            else
            {
                score = Math.Clamp(reported, _model.ScaleMin, _model.ScaleMax);
                if (Method == RollupMethod.ShareInBand)
                {
                    share.Add(BandIndex(snapshot, score), score, child, Band!.Index);
                    continue;
                }
            }

            var weight = 1.0;
            if (Method == RollupMethod.ValueWeighted && !IsWeight(weight = weightOf!(id)))
            {
                skipped.Add(new SkippedChild(id, RollupSkipReason.NoWeight));
                continue;
            }

            counted.Add((child, score, weight));
        }

        var parentId = hierarchy.IdAt(parent);
        return Method == RollupMethod.ShareInBand
            ? share.Result(parentId, this, skipped, hierarchy)
            : Scores(parentId, counted, skipped, hierarchy);
    }

    private static bool IsWeight(double weight) => double.IsFinite(weight) && weight > 0;

    private RollupResult Scores(string parentId, List<(int Child, double Score, double Weight)> counted, List<SkippedChild> skipped, AccountHierarchy hierarchy)
    {
        if (counted.Count < MinimumChildren)
        {
            return new RollupResult(parentId, Method, null, null, _model.InsufficientData, counted.Count, 0, skipped.AsReadOnly(), null);
        }

        double result;
        var driver = -1;
        if (Method == RollupMethod.WorstChild)
        {
            driver = 0;
            for (var i = 1; i < counted.Count; i++)
            {
                if (counted[i].Score < counted[driver].Score)
                {
                    driver = i;
                }
            }

            result = counted[driver].Score;
        }
        else
        {
            // Weights relative to the largest: the sums stay finite whatever the weights' size.
            var largest = counted.Max(static c => c.Weight);
            var sum = 0.0;
            var total = 0.0;
            foreach (var (_, score, weight) in counted)
            {
                sum += weight / largest * score;
                total += weight / largest;
            }

            result = Math.Clamp(sum / total, _model.ScaleMin, _model.ScaleMax);
            var pulls = counted.Min(static c => c.Score) < counted.Max(static c => c.Score);
            var strongest = 0.0;
            for (var i = 0; pulls && i < counted.Count; i++)
            {
                var pull = counted[i].Weight / largest * (result - counted[i].Score);
                if (pull > strongest)
                {
                    strongest = pull;
                    driver = i;
                }
            }
        }

        var rounded = Math.Round(result, _model.Decimals, MidpointRounding.AwayFromZero);
        var band = AccountScoring.BandFor(_model, rounded, _model.DefaultPhase.Layout.BandCutoffs);
        return new RollupResult(parentId, Method, rounded, null, band, counted.Count, 0, skipped.AsReadOnly(), driver < 0 ? null : hierarchy.IdAt(counted[driver].Child));
    }

    /// <summary>The band a child's snapshot reports; for a band this version of the model no longer has, the band of its score.</summary>
    private int BandIndex(HealthSnapshot snapshot, double score) =>
        snapshot.Band is { } id && _model.TryGetBand(id, out var band)
            ? band.Index
            : AccountScoring.BandFor(_model, score, _model.DefaultPhase.Layout.BandCutoffs).Index;

    /// <summary>The accounts a share-in-band roll-up counted, those in the band, and the worst of them with the child it came through.</summary>
    private struct ShareCount
    {
        private int _counted;
        private int _inBand;
        private (int Band, double Score)? _worst;
        private int _worstChild;

        public void Add(int band, double score, int child, int countedBand)
        {
            _counted++;
            if (band <= countedBand)
            {
                _inBand++;
                Consider((band, score), child);
            }
        }

        public void Add(RollupResult nested, int child)
        {
            _counted += nested.Counted;
            _inBand += nested.InBand;
            if (nested.WorstInBand is { } worst)
            {
                Consider(worst, child);
            }
        }

        public readonly RollupResult Result(string parentId, Rollup rollup, List<SkippedChild> skipped, AccountHierarchy hierarchy)
        {
            var enough = _counted >= rollup.MinimumChildren;
            var driver = enough && _worst is not null ? hierarchy.IdAt(_worstChild) : null;
            return new RollupResult(parentId, rollup.Method, null, enough ? (double)_inBand / _counted : null, rollup.Band!, _counted, _inBand, skipped.AsReadOnly(), driver, _worst);
        }

        private void Consider((int Band, double Score) candidate, int child)
        {
            if (_worst is not { } worst || candidate.Band < worst.Band || (candidate.Band == worst.Band && candidate.Score < worst.Score))
            {
                _worst = candidate;
                _worstChild = child;
            }
        }
    }
}
