namespace HealthScore.Core.Tuning;

/// <summary>How <see cref="ModelTuner.Tune"/> fits and cross-validates a model.</summary>
public sealed class TuningOptions
{
    /// <summary>Gets or sets the number of cross-validation folds.</summary>
    /// <value>The default value is 5; at least 2.</value>
    public int Folds { get; set; } = 5;

    /// <summary>Gets or sets the seed that shuffles accounts into folds, so every run gives the same folds and the same model.</summary>
    /// <value>The default value is 1.</value>
    public ulong Seed { get; set; } = 1;

    /// <summary>
    /// Gets or sets how many segments each metric's proposed scoring function may have: the break points are
    /// the metric's quantiles (0, 1/n, 2/n … 1) in the training data, rounded to three significant digits of its range.
    /// </summary>
    /// <value>The default value is 8; between 1 and 64.</value>
    public int Segments { get; set; } = 8;

    /// <summary>
    /// Gets or sets the L2 penalty on the fitted coefficients (λ in λ/2 Σ θ²). Larger values shrink the
    /// proposal towards equal, flatter functions; 0 fits the training data as closely as the constraints allow.
    /// </summary>
    /// <value>The default value is 1.</value>
    public double Penalty { get; set; } = 1;

    /// <summary>Gets or sets the most reweighting steps the solver takes.</summary>
    /// <value>The default value is 100.</value>
    public int MaxIterations { get; set; } = 100;

    /// <summary>
    /// Gets or sets the smallest share of the total weight a metric keeps. The data may give a metric no weight (for
    /// example one that contradicts its direction); it stays in the model with this share so rules, actions and
    /// explanations that name it still work, and the result flags it.
    /// </summary>
    /// <value>The default value is 0.005 (half a percent); between 0 (exclusive) and 0.1.</value>
    public double MinimumWeightShare { get; set; } = 0.005;

    /// <summary>
    /// Gets the churn rates bands should meet. Each target moves the lower bound of the band above it, so that every
    /// account left in the band is where the observed churn rate is at least the target. Leave empty to keep the bands.
    /// </summary>
    public IList<BandTarget> BandTargets { get; } = [];

    /// <summary>Gets or sets the settings of the before and after evaluation reports.</summary>
    public EvaluationOptions Evaluation { get; set; } = new();

    /// <summary>
    /// Gets or sets whether every metric keeps its configured direction. By default a metric whose direction the data
    /// contradicts (its own AUC below one half, or no weight alongside the others) is tried the other way round inside
    /// each fit, and reversed when that fits the training snapshots better; the result's notes give the evidence.
    /// </summary>
    /// <value>The default value is <see langword="false"/>: directions follow the evidence.</value>
    public bool KeepDirections { get; set; }

    /// <summary>
    /// Gets the ids of metrics that may be scored single-peaked: best at a middle value (credit utilisation, seats
    /// used), worse on both sides. Each is tried inside each fit where the data suggests a peak, and keeps that shape
    /// only when an inner cross-validation on the training snapshots says it predicts better than a monotone one.
    /// </summary>
    public ISet<string> SinglePeaked { get; } = new SortedSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// Gets or sets whether a metric that is blank for enough snapshots (at least 20, and 1% of them) gets the score
    /// of a blank fitted from the data (written as missing policy <c>fixed</c>). Otherwise blanks count as the average
    /// value in the fit and keep the metric's missing-data policy.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool FitBlankScores { get; set; } = true;

    /// <summary>
    /// Gets or sets how the proposal's scores are calibrated to churn rates, or <see langword="null"/> to write no
    /// calibration. The calibration is fitted on the held-out scores of the cross-validation (each snapshot scored by
    /// the fold's proposal that did not see it), so it says what the score means on new accounts.
    /// </summary>
    /// <value>The default value is <see cref="CalibrationOptions"/> with its defaults.</value>
    public CalibrationOptions? Calibration { get; set; } = new();

    /// <summary>
    /// Gets or sets the id of the one profile to tune, or <see langword="null"/> to tune the model and every profile.
    /// Named, only that profile's part of the document changes: its weights are fitted on the snapshots of its
    /// accounts, with the scoring functions of the model's metric catalogue as they are (every profile shares them),
    /// and the catalogue and the other profiles stay as written.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: the model's catalogue and every profile with enough accounts are tuned.</value>
    public string? Profile { get; set; }

    /// <summary>Gets or sets the fewest snapshots a profile needs to be tuned on its own accounts; a profile with fewer keeps its weights, with a note.</summary>
    /// <value>The default value is 200.</value>
    public int MinimumProfileAccounts { get; set; } = 200;

    /// <summary>Gets or sets the fewest churners (and stayers) a profile needs to be tuned on its own accounts; a profile with fewer keeps its weights, with a note.</summary>
    /// <value>The default value is 30.</value>
    public int MinimumProfileChurners { get; set; } = 30;

    /// <summary>A copy with every direction fixed, for the cross-validation "without reversals".</summary>
    internal TuningOptions WithFixedDirections()
    {
        var copy = new TuningOptions
        {
            Folds = Folds,
            Seed = Seed,
            Segments = Segments,
            Penalty = Penalty,
            MaxIterations = MaxIterations,
            MinimumWeightShare = MinimumWeightShare,
            Evaluation = Evaluation,
            KeepDirections = true,
            FitBlankScores = FitBlankScores,
            Calibration = null,
            MinimumProfileAccounts = MinimumProfileAccounts,
            MinimumProfileChurners = MinimumProfileChurners,
        };
        copy.SinglePeaked.UnionWith(SinglePeaked);
        return copy;
    }
}
