namespace HealthScore.Core.Model;

public sealed partial class HealthModel
{
    private readonly ChurnTable? _calibration;
    private readonly ChurnTable?[] _phaseCalibrations;

    /// <summary>Gets whether the model carries a calibration from score to churn rate (<see cref="HealthModelDefinition.Calibration"/>).</summary>
    public bool IsCalibrated => _calibration is not null;

    /// <summary>Gets the outcome horizon, in days, of the calibration's churn rates; <see langword="null"/> when not stated or not calibrated.</summary>
    public int? CalibrationHorizonDays { get; }

    /// <summary>
    /// Gets the churn rate observed, over the calibration's outcome horizon, for accounts with this score in this phase
    /// (the phase's own bins when it has them, the pooled bins otherwise), with its interval. A binary search over
    /// arrays: it does not allocate.
    /// </summary>
    /// <param name="score">An unrounded score on the model's scale.</param>
    /// <param name="phase">The phase the account is judged in (a retired phase reads the pooled bins).</param>
    /// <returns>The estimate, or <see langword="null"/> when the model is not calibrated or the score is not finite.</returns>
    public ChurnEstimate? EstimateChurn(double score, Phase phase)
    {
        ArgumentNullException.ThrowIfNull(phase);
        if (_calibration is null || !double.IsFinite(score))
        {
            return null;
        }

        var table = phase.Index >= 0 && phase.Index < _phaseCalibrations.Length && ReferenceEquals(Phases[phase.Index], phase)
            ? _phaseCalibrations[phase.Index] ?? _calibration
            : _calibration;
        return table.Find(score);
    }
}

/// <summary>The churn rate an account's score stands for, and its interval.</summary>
/// <param name="Rate">The churn rate observed for such scores, between 0 and 1.</param>
/// <param name="Lower">The lower end of its interval.</param>
/// <param name="Upper">The upper end of its interval.</param>
public readonly record struct ChurnEstimate(double Rate, double Lower, double Upper);

/// <summary>A compiled calibration: bins as arrays, searched by score.</summary>
internal sealed class ChurnTable
{
    private readonly double[] _from;
    private readonly ChurnEstimate[] _estimates;

    private ChurnTable(List<CalibrationBin> bins)
    {
        _from = [.. bins.Select(static b => b.From)];
        _estimates = [.. bins.Select(static b => new ChurnEstimate(b.ChurnRate, b.Lower, b.Upper))];
    }

    public static (ChurnTable? Pooled, ChurnTable?[] ByPhase) Compile(CalibrationDefinition? definition, Phase[] phases)
    {
        if (definition is null)
        {
            return (null, []);
        }

        var byPhase = new ChurnTable?[phases.Length];
        for (var p = 0; p < phases.Length; p++)
        {
            if (definition.Phases.TryGetValue(phases[p].Id, out var bins))
            {
                byPhase[p] = new ChurnTable(bins);
            }
        }

        return (new ChurnTable(definition.Bins), byPhase);
    }

    /// <summary>The last bin whose lower score is at or below <paramref name="score"/>, or the first bin.</summary>
    public ChurnEstimate Find(double score)
    {
        int low = 0, high = _from.Length - 1;
        while (low < high)
        {
            var middle = (low + high + 1) >> 1;
            if (_from[middle] <= score)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        return _estimates[low];
    }
}
