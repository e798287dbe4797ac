using System.Globalization;
using HealthScore.Core.Model;

namespace HealthScore.Core.Tuning;

/// <summary>
/// Band lower bounds from target churn rates. The churn rate is fitted as a function of the score that never rises as
/// the score rises (<see cref="ChurnCurve"/>), so each target has one place to go: the bound of the band above the
/// targeted one moves to where the fitted rate first falls below the target. Bounds a phase sets for itself are kept,
/// and a move that would put any phase's bounds out of order is not made but noted.
/// </summary>
internal static class BandProposer
{
    /// <summary>Proposes bounds for the tuned definition on its own scores and writes them into it.</summary>
    public static List<BandProposal> Apply(HealthModelDefinition proposal, LabelledSnapshots snapshots, IList<BandTarget> targets, List<string> notes)
    {
        if (proposal.BandScheme is { } scheme && proposal.Bands.Count == 0)
        {
            // Moved bounds are no longer the scheme's: the proposal lists its bands.
            proposal.Bands = BandSchemes.Expand(scheme, proposal.Scale);
            proposal.BandScheme = null;
            notes.Add($"The model's bands came from bandScheme {scheme}; the proposal lists them, with the bounds the targets moved.");
        }

        var weighted = HealthModel.Compile(proposal);
        var bands = Propose(weighted, snapshots.UnroundedScores(weighted), snapshots.Phases(weighted), snapshots.Churned, targets, notes);
        foreach (var band in bands)
        {
            proposal.Bands.First(b => b.Id == band.Id).LowerBound = band.ProposedLowerBound;
        }

        foreach (var phase in proposal.Phases.Where(static p => p.Bands.Count > 0))
        {
            notes.Add($"Phase '{phase.Id}' sets its own band bounds ({string.Join(", ", phase.Bands.Keys)}); they are kept as they were, and the targets move the model's bounds only.");
        }

        return bands;
    }

    /// <summary>One proposal per band of the model, worst first, with the accounts and churn each band would have, each
    /// score judged with its phase's bounds; scores that are NaN (no score) count nowhere.</summary>
    public static List<BandProposal> Propose(HealthModel model, double[] scores, Phase[] rowPhases, bool[] churned, IList<BandTarget> targets, List<string>? notes)
    {
        var bands = model.Bands;
        var targetOf = TuningInput.BandTargets(model, targets);
        var scored = new List<(double Score, bool Churned, Phase Phase)>();
        for (var i = 0; i < scores.Length; i++)
        {
            if (!double.IsNaN(scores[i]))
            {
                scored.Add((scores[i], churned[i], rowPhases.Length == 0 ? model.DefaultPhase : rowPhases[i]));
            }
        }

        var curve = ChurnCurve.Fit([.. scored.Select(static s => (s.Score, s.Churned))]);
        var bounds = bands.Select(static b => b.LowerBound).ToArray();
        var phases = model.Phases.Append(model.DefaultPhase).Distinct().ToArray();
        var format = "F" + model.Decimals.ToString(CultureInfo.InvariantCulture);
        for (var b = 0; b < bands.Count - 1; b++)
        {
            if (targetOf[b] is not { } rate)
            {
                continue;
            }

            var next = curve.FindIndex(block => block.Rate < rate);
            double? bound = next switch
            {
                < 0 => null, // churn never falls below the target: the band would take every account
                0 => null,   // even the lowest scores churn less than the target: the band would be empty
                _ => Math.Round((curve[next - 1].MaxScore + curve[next].MinScore) / 2, model.Decimals, MidpointRounding.AwayFromZero),
            };
            var old = bounds[b + 1];
            if (bound is { } value && value <= model.ScaleMax)
            {
                bounds[b + 1] = value;
                if (phases.All(p => Ascending(Effective(model, p, bounds))))
                {
                    continue;
                }

                bounds[b + 1] = old;
            }

            notes?.Add(string.Create(CultureInfo.InvariantCulture, $"Band '{bands[b].Id}': no bound that keeps the bands (and every phase's own bounds) in order meets a churn rate of {rate:P0} here; '{bands[b + 1].Id}' keeps its lower bound {old.ToString(format, CultureInfo.InvariantCulture)}."));
        }

        var accounts = new int[bands.Count];
        var churnCount = new int[bands.Count];
        var effective = phases.ToDictionary(p => p, p => Effective(model, p, bounds));
        foreach (var (score, churnedAccount, phase) in scored)
        {
            var rounded = Math.Round(score, model.Decimals, MidpointRounding.AwayFromZero);
            var lower = effective[phase];
            var band = 0;
            for (var b = 1; b < lower.Length; b++)
            {
                if (rounded >= lower[b])
                {
                    band = b;
                }
            }

            accounts[band]++;
            churnCount[band] += churnedAccount ? 1 : 0;
        }

        var proposals = new List<BandProposal>(bands.Count);
        for (var b = 0; b < bands.Count; b++)
        {
            proposals.Add(new BandProposal(bands[b].Id, bands[b].Label, bands[b].LowerBound, bounds[b], targetOf[b], accounts[b], churnCount[b]));
        }

        return proposals;
    }

    /// <summary>A phase's lower bounds with the model's bounds replaced by <paramref name="bounds"/> where the phase does not set its own.</summary>
    private static double[] Effective(HealthModel model, Phase phase, double[] bounds)
    {
        var effective = new double[bounds.Length];
        for (var b = 0; b < bounds.Length; b++)
        {
            var band = model.Bands[b];
            var own = phase.GetLowerBound(band);
            effective[b] = own != band.LowerBound ? own : bounds[b];
        }

        return effective;
    }

    private static bool Ascending(double[] bounds)
    {
        for (var b = 1; b < bounds.Length; b++)
        {
            if (!(bounds[b] > bounds[b - 1]))
            {
                return false;
            }
        }

        return true;
    }
}
