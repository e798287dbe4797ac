using System.Globalization;
using System.Text;
using HealthScore.Core.Model;
using HealthScore.Core.Pipeline;
using HealthScore.Core.Scoring;
using HealthScore.Core.Trend;

namespace HealthScore.Core.Explanation;

/// <summary>Writes results and trends as one line of text, in the model's words. Never called on the hot path.</summary>
internal static class ExplanationWriter
{
    private const string Separator = " · ";
    private const char Minus = '\u2212';
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Describe(HealthModel model, in HealthResult result, ReadOnlySpan<MetricContribution> contributions, int maxDrivers) =>
        Describe(model, result, contributions, maxDrivers, default);

    /// <summary>The explanation of one evaluation, with what the pipeline adds: overrides, stale values and adjustments.</summary>
    public static string Describe(HealthModel model, in HealthResult result, ReadOnlySpan<MetricContribution> contributions, int maxDrivers, in ExplanationDetails details)
    {
        var texts = model.Texts;
        var text = new StringBuilder(160);
        if (result.Score is { } score)
        {
            text.Append(texts.Score).Append(' ').Append(score.ToString(NumberFormat(model.Decimals), Invariant)).Append(Separator);
        }

        text.Append(result.Band.Label).Append(Separator)
            .Append(result.Phase.Label).Append(Separator);
        if (details.Profile is { } profile)
        {
            text.Append(profile).Append(Separator);
        }

        text.Append(texts.Coverage).Append(' ')
            .Append(Math.Round(result.Coverage * 100, MidpointRounding.AwayFromZero).ToString("0", Invariant)).Append('%');

        if (details.Override is { } applied && details.Computed is { } computed)
        {
            text.Append(Separator).Append(Overridden(model, applied, details.OverrideLastDay)).Append(" (").Append(texts.Computed).Append(' ');
            if (computed.Score is { } computedScore)
            {
                text.Append(computedScore.ToString(NumberFormat(model.Decimals), Invariant)).Append(Separator);
            }

            text.Append(computed.Band.Label).Append(')');
        }

        if (contributions.IsEmpty)
        {
            return text.ToString();
        }

        if (result.Score is null)
        {
            // Without a score, points mean nothing: say which data is missing.
            var missing = new List<string>();
            foreach (var contribution in contributions)
            {
                if (contribution.Status is not (MetricStatus.Present or MetricStatus.NotScored))
                {
                    var metric = model.Metrics[contribution.MetricIndex];
                    missing.Add(Stale(model, details, metric) is { } stale ? metric.Label + " (" + stale + ")" : metric.Label);
                }
            }

            if (missing.Count > 0)
            {
                text.Append(" — ").Append(texts.Missing).Append(": ").AppendJoin(", ", missing);
            }

            return text.ToString();
        }

        var drivers = new int[Math.Max(0, maxDrivers)];
        var hurting = Drivers.HurtsMost(contributions, drivers);
        var items = new List<string>();
        for (var i = 0; i < hurting; i++)
        {
            var contribution = contributions[drivers[i]];
            if (RoundPoints(model, contribution.PointsLost) == 0)
            {
                continue;
            }

            items.Add(DescribeMetric(model, result.Phase, contribution, withTarget: true, details) + " " + Signed(model, -contribution.PointsLost));
        }

        if (items.Count > 0)
        {
            text.Append(" — ").Append(texts.HurtsMost).Append(": ").AppendJoin("; ", items);
        }

        var helping = Drivers.HelpsMost(contributions, drivers);
        items.Clear();
        for (var i = 0; i < helping; i++)
        {
            var contribution = contributions[drivers[i]];
            if (contribution.Status != MetricStatus.Present || RoundPoints(model, contribution.PointsEarned) == 0)
            {
                continue;
            }

            items.Add(DescribeMetric(model, result.Phase, contribution, withTarget: false, details) + " " + Signed(model, contribution.PointsEarned));
        }

        if (items.Count > 0)
        {
            text.Append(Separator).Append(texts.HelpsMost).Append(": ").AppendJoin("; ", items);
        }

        // Metrics without a value cost no points (their weight went to the others): listed apart, not as drivers.
        items.Clear();
        foreach (var contribution in contributions)
        {
            if (contribution.Status == MetricStatus.Excluded)
            {
                var metric = model.Metrics[contribution.MetricIndex];
                items.Add(Stale(model, details, metric) is { } stale ? metric.Label + " (" + stale + ")" : metric.Label);
            }
        }

        if (items.Count > 0)
        {
            text.Append(Separator).Append(texts.Missing).Append(" (").Append(texts.Excluded).Append("): ").AppendJoin("; ", items);
        }

        items.Clear();
        foreach (var adjustment in details.Adjustments)
        {
            items.Add(adjustment.Adjustment.Label + " " + Signed(model, adjustment.Points));
        }

        if (items.Count > 0)
        {
            text.Append(Separator).Append(texts.Adjustments).Append(": ").AppendJoin("; ", items);
        }

        return text.ToString();
    }

    public static string Describe(HealthModel model, in HealthTrend trend, ReadOnlySpan<MetricChange> changes, int maxDrivers) =>
        Describe(model, trend, changes, maxDrivers, null, []);

    /// <summary>A trend's explanation with what the pipeline adds: an override that began or ended, and adjustments that moved the score.</summary>
    public static string Describe(HealthModel model, in HealthTrend trend, ReadOnlySpan<MetricChange> changes, int maxDrivers, string? overrideNote, IReadOnlyList<(string Label, double Points)> adjustments)
    {
        var texts = model.Texts;
        var text = new StringBuilder(120);
        if (trend.Delta is { } delta)
        {
            text.Append(texts.Change).Append(' ').Append(Signed(model, delta, withUnit: false));
        }
        else
        {
            text.Append(texts.ChangeUnknown);
        }

        if (trend.ModelChanged)
        {
            text.Append(Separator).Append(texts.ModelChanged);
        }

        if (trend.BandChanged)
        {
            text.Append(Separator).Append(trend.PreviousBand.Label).Append(' ').Append(texts.Arrow).Append(' ').Append(trend.CurrentBand.Label);
        }

        if (trend.PhaseChanged)
        {
            text.Append(Separator).Append(trend.PreviousPhase.Label).Append(' ').Append(texts.Arrow).Append(' ').Append(trend.CurrentPhase.Label);
        }

        if (overrideNote is not null)
        {
            text.Append(Separator).Append(overrideNote);
        }

        var items = new List<string>();
        for (var i = 0; i < changes.Length && items.Count < maxDrivers; i++)
        {
            var change = changes[i];
            if (RoundPoints(model, change.Points) == 0)
            {
                continue;
            }

            var metric = model.Metrics[change.MetricIndex];
            items.Add(metric.Label + " " + Raw(model, metric, change.PreviousRawValue) + " " + texts.Arrow + " " + Raw(model, metric, change.CurrentRawValue) + " " + Signed(model, change.Points));
        }

        foreach (var (label, points) in adjustments)
        {
            if (RoundPoints(model, points) != 0)
            {
                items.Add(label + " " + Signed(model, points));
            }
        }

        if (items.Count > 0)
        {
            text.Append(" — ").Append(texts.MovedBy).Append(": ").AppendJoin("; ", items);
        }

        return text.ToString();
    }

    private static string DescribeMetric(HealthModel model, Phase phase, in MetricContribution contribution, bool withTarget, in ExplanationDetails details)
    {
        var metric = model.Metrics[contribution.MetricIndex];
        if (contribution.Status != MetricStatus.Present)
        {
            return metric.Label + " " + (Stale(model, details, metric) ?? model.Texts.Missing) + " (" + model.Texts.Assumed + ")";
        }

        var description = metric.Label + " " + Raw(model, metric, contribution.RawValue);
        if (!details.MetricOverrides.IsEmpty && details.MetricOverrides[metric.Index] is { } applied)
        {
            description += " (" + model.Texts.OverriddenBy + " " + applied.Author + ")";
        }
        else if (withTarget && phase.GetScoringFunction(metric).Target is { } target)
        {
            description += " (" + model.Texts.Target + " " + Raw(model, metric, target) + ")";
        }

        return description;
    }

    private static string? Stale(HealthModel model, in ExplanationDetails details, Metric metric) =>
        !details.StaleSince.IsEmpty && details.StaleSince[metric.Index] is { } since
            ? model.Texts.StaleSince + " " + since.ToString("yyyy-MM-dd", Invariant)
            : null;

    private static string Overridden(HealthModel model, HealthOverride applied, DateOnly? lastDay)
    {
        var text = model.Texts.OverriddenBy + " " + applied.Author;
        return lastDay is { } day ? text + " " + model.Texts.Until + " " + day.ToString("yyyy-MM-dd", Invariant) : text;
    }

    private static string Raw(HealthModel model, Metric metric, double value)
    {
        if (!double.IsFinite(value))
        {
            return model.Texts.Missing;
        }

        if (metric.TryGetCategory(value, out var category))
        {
            return category.Label;
        }

        var number = value.ToString("0.##", Invariant).Replace('-', Minus);
        return metric.Unit switch
        {
            null or "" => number,
            "%" => number + "%",
            var unit => number + " " + unit,
        };
    }

    private static double RoundPoints(HealthModel model, double points) =>
        Math.Round(points, model.Decimals, MidpointRounding.AwayFromZero);

    private static string Signed(HealthModel model, double points, bool withUnit = true)
    {
        var rounded = RoundPoints(model, points);
        var magnitude = Math.Abs(rounded).ToString(NumberFormat(model.Decimals), Invariant);
        var sign = rounded > 0 ? "+" : rounded < 0 ? Minus.ToString() : "±";
        return withUnit ? sign + magnitude + " " + model.Texts.Points : sign + magnitude;
    }

    private static string NumberFormat(int decimals) => decimals == 0 ? "0" : "0." + new string('0', decimals);
}
