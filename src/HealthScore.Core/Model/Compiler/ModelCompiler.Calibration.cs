namespace HealthScore.Core.Model;

/// <summary>The calibration of a definition: bins in order, rates and intervals that make sense, phases that exist.</summary>
internal sealed partial class ModelCompiler
{
    private void ValidateCalibration()
    {
        var calibration = _definition.Calibration;
        if (calibration is null)
        {
            return;
        }

        if (!Enum.IsDefined(calibration.Method))
        {
            Error("calibration.method", "must be isotonic or binned.");
        }

        if (calibration.HorizonDays is < 1)
        {
            Error("calibration.horizonDays", Format($"is {calibration.HorizonDays}; it must be a whole number of days, 1 or more, or left out."));
        }

        if (!(calibration.ConfidenceLevel > 0 && calibration.ConfidenceLevel < 1))
        {
            Error("calibration.confidenceLevel", "must be between 0 and 1 (exclusive), for example 0.95.");
        }

        ValidateBins(calibration.Bins, "calibration.bins");
        var phaseIds = (_definition.Phases ?? []).Where(static p => p is not null).Select(static p => p.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var (id, bins) in calibration.Phases ?? [])
        {
            var path = "calibration.phases." + id;
            if (!phaseIds.Contains(id))
            {
                Error(path, $"names no phase of the model{IdSuggestions.DidYouMean(id, phaseIds)}; calibrate only the model's phases.");
                continue;
            }

            ValidateBins(bins, path);
        }
    }

    private void ValidateBins(List<CalibrationBin>? bins, string path)
    {
        if (bins is null || bins.Count == 0)
        {
            Error(path, "needs at least one bin, e.g. [{ \"from\": 0, \"churnRate\": 0.3, \"lower\": 0.25, \"upper\": 0.35, \"accounts\": 300, \"churned\": 90 }].");
            return;
        }

        for (var i = 0; i < bins.Count; i++)
        {
            var bin = bins[i];
            var item = Format($"{path}[{i}]");
            if (bin is null)
            {
                Error(item, "must be a bin, not null.");
                continue;
            }

            if (!double.IsFinite(bin.From))
            {
                Error(item + ".from", "must be a finite score.");
            }
            else if (i > 0 && bins[i - 1] is { } previous && double.IsFinite(previous.From) && bin.From <= previous.From)
            {
                Error(item + ".from", Format($"must be greater than the previous bin's from ({previous.From}): bins go in ascending order of score."));
            }

            if (!(bin.ChurnRate >= 0 && bin.ChurnRate <= 1) || !(bin.Lower >= 0 && bin.Lower <= bin.ChurnRate) || !(bin.Upper >= bin.ChurnRate && bin.Upper <= 1))
            {
                Error(item, Format($"needs 0 ≤ lower ≤ churnRate ≤ upper ≤ 1; it has lower {bin.Lower}, churnRate {bin.ChurnRate}, upper {bin.Upper}."));
            }

            if (bin.Accounts < 0 || bin.Churned < 0 || bin.Churned > bin.Accounts)
            {
                Error(item, Format($"needs 0 ≤ churned ≤ accounts; it has {bin.Churned} of {bin.Accounts}."));
            }
        }
    }
}
