using HealthScore.Core.Scoring;

namespace HealthScore.Core.Model;

/// <summary>A phase's flat arrays, read by the scorer.</summary>
internal sealed class PhaseLayout(double[] nodeWeights, ScoringFunction[] functions, double[] coverageShares, double[] bandLowerBounds, double[] bandCutoffs)
{
    /// <summary>Weight of each node (metrics, then groups in post-order) among its siblings.</summary>
    public double[] NodeWeights { get; } = nodeWeights;

    /// <summary>Scoring function of each metric.</summary>
    public ScoringFunction[] Functions { get; } = functions;

    /// <summary>Nominal share of the total weight of each metric.</summary>
    public double[] CoverageShares { get; } = coverageShares;

    /// <summary>For clamped linear functions, the raw value that scores 0; otherwise 0.</summary>
    public double[] LinearOffsets { get; } = Linear(functions, offset: true);

    /// <summary>For clamped linear functions, 1 / (best − worst); otherwise 0, meaning "call the function".</summary>
    public double[] LinearScales { get; } = Linear(functions, offset: false);

    /// <summary>Each metric's function family, so the scorer calls the function's sealed class directly.</summary>
    public FunctionKind[] Kinds { get; } = KindsOf(functions);

    /// <summary>Lower bound of each band, ascending.</summary>
    public double[] BandLowerBounds { get; } = bandLowerBounds;

    /// <summary>The smallest score in each band: its lower bound, or the next number above it when thresholds include their upper bound.</summary>
    public double[] BandCutoffs { get; } = bandCutoffs;

    /// <summary>The steps of the one-account scorer for the model's shape, or <see langword="null"/> when it takes the general pass; set by <see cref="Prepare"/>.</summary>
    public AccountProgram? Program { get; private set; }

    /// <summary>Builds the one-account scorer's steps for this phase under the model's layout; called once, before the model is used.</summary>
    public void Prepare(ModelLayout layout, MissingDataPolicy[] missingPolicies) => Program = AccountProgram.TryBuild(layout, this, missingPolicies);

    private static FunctionKind[] KindsOf(ScoringFunction[] functions)
    {
        var scales = Linear(functions, offset: false);
        var kinds = new FunctionKind[functions.Length];
        for (var i = 0; i < functions.Length; i++)
        {
            kinds[i] = FunctionKinds.Of(functions[i], scales[i]);
        }

        return kinds;
    }

    private static double[] Linear(ScoringFunction[] functions, bool offset)
    {
        var result = new double[functions.Length];
        for (var i = 0; i < functions.Length; i++)
        {
            if (functions[i] is LinearFunction { IsClamped: true } linear)
            {
                result[i] = offset ? linear.Worst : linear.InverseSpan;
            }
        }

        return result;
    }
}
