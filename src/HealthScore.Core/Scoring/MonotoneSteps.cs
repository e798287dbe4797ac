using System.Globalization;
using HealthScore.Core.Model;

namespace HealthScore.Core.Scoring;

/// <summary>Validation shared by the functions defined by a list of (raw value, score) steps.</summary>
internal static class MonotoneSteps
{
    public static void Validate(
        int count,
        Func<int, (double Value, double Score)> step,
        string path,
        string listName,
        string valueName,
        int minimumCount,
        ICollection<ModelError> errors)
    {
        if (count < minimumCount)
        {
            errors.Add(new ModelError(
                path + "." + listName,
                string.Create(CultureInfo.InvariantCulture, $"needs at least {minimumCount} entries; it has {count}.")));
            return;
        }

        var rising = false;
        var falling = false;
        for (var i = 0; i < count; i++)
        {
            var (value, score) = step(i);
            var itemPath = string.Create(CultureInfo.InvariantCulture, $"{path}.{listName}[{i}]");
            if (!double.IsFinite(value))
            {
                errors.Add(new ModelError(itemPath + "." + valueName, "must be a finite number."));
            }

            if (!double.IsFinite(score) || score < 0 || score > 1)
            {
                errors.Add(new ModelError(itemPath + ".score", "must be a number between 0 (worst) and 1 (best)."));
            }

            if (i == 0)
            {
                continue;
            }

            var (previousValue, previousScore) = step(i - 1);
            if (double.IsFinite(value) && double.IsFinite(previousValue) && value <= previousValue)
            {
                errors.Add(new ModelError(
                    itemPath + "." + valueName,
                    string.Create(CultureInfo.InvariantCulture, $"must be greater than the previous entry's {valueName} ({previousValue}): entries go in ascending order.")));
            }

            rising |= score > previousScore;
            falling |= score < previousScore;
        }

        if (rising && falling)
        {
            errors.Add(new ModelError(
                path + "." + listName,
                "scores must all rise or all fall, so the metric has one direction (higher is better or lower is better)."));
        }
        else if (!rising && !falling)
        {
            errors.Add(new ModelError(
                path + "." + listName,
                "scores are all equal: the function cannot tell accounts apart."));
        }
    }

    public static MetricDirection DirectionOf(double firstScore, double lastScore) =>
        lastScore > firstScore ? MetricDirection.HigherIsBetter : MetricDirection.LowerIsBetter;
}
