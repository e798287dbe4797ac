using System.Globalization;
using System.Text;
using HealthScore.Cli.Scoring;
using HealthScore.Core.Model;

namespace HealthScore.Cli.Output;

/// <summary>The report's parts for what people add and what time does: overrides, stale inputs, adjustments, and parents with their roll-ups.</summary>
internal static partial class HtmlReport
{
    /// <summary>The account's id and name, with a line for each stale input and the adjustments that moved its score.</summary>
    private static void AccountCell(StringBuilder sb, HealthModel model, AccountOutcome o)
    {
        sb.Append("<span class=\"id\">").Append(E(o.AccountId)).Append("</span>").Append(o.Name is null ? "" : " " + E(o.Name));
        foreach (var stale in o.Stale)
        {
            sb.Append("<small>").Append(E(stale.Label + " " + model.Texts.StaleSince + " " + stale.StaleSince)).Append("</small>");
        }

        if (o.Adjustments.Count > 0)
        {
            sb.Append("<small>").Append(E(model.Texts.Adjustments + ": " + string.Join("; ", o.Adjustments.Select(a => a.Label + " " + Points(model, a.Points))))).Append("</small>");
        }
    }

    /// <summary>The score and band cells; an overridden account is marked, with who, until when and the computed value underneath.</summary>
    private static void ScoreAndBand(StringBuilder sb, HealthModel model, AccountOutcome o)
    {
        sb.Append("<td>").Append(Formats.ScoreText(o.Score));
        if (Formats.OverrideNote(model, o) is { } note)
        {
            sb.Append(" <span class=\"mark\" title=\"").Append(E(note)).Append("\">✎</span><small>").Append(E(note)).Append("</small>");
        }

        sb.Append("</td><td style=\"color:").Append(E(o.BandColor)).Append("\">").Append(E(o.BandLabel)).Append("</td>");
    }

    /// <summary>The most top-level parents the report lists, each with its whole tree.</summary>
    public const int MaxParentRows = 50;

    /// <summary>Every parent under its own parent, each with its score, its children's roll-up and the child that drove it, its children indented below; the first <see cref="MaxParentRows"/> top-level parents by id.</summary>
    private static void Parents(StringBuilder sb, HealthModel model, IReadOnlyList<AccountOutcome> outcomes)
    {
        var byId = outcomes.ToDictionary(static o => o.AccountId, StringComparer.Ordinal);
        var roots = outcomes.Where(o => o.Children.Count > 0 && (o.ParentId is null || !byId.ContainsKey(o.ParentId))).OrderBy(static o => o.AccountId, StringComparer.Ordinal).ToList();
        if (roots.Count == 0)
        {
            return;
        }

        var r = new ReportTexts(model);
        sb.Append("<h2>").Append(E(r.Parents)).Append("</h2>\n");
        if (roots.Count > MaxParentRows)
        {
            Shown(sb, r.ParentsShown, MaxParentRows, roots.Count);
            roots = roots[..MaxParentRows];
        }

        sb.Append("<table><tr><th>").Append(E(r.Account)).Append("</th><th>").Append(E(model.Texts.Score)).Append("</th><th>")
            .Append(E(r.Band)).Append("</th><th>").Append(E(r.Rollup)).Append("</th><th>").Append(E(r.DrivingChild)).Append("</th></tr>\n");
        foreach (var root in roots)
        {
            Row(root, 0);
        }

        sb.Append("</table>\n");

        void Row(AccountOutcome o, int depth)
        {
            sb.Append("<tr class=\"").Append(o.Children.Count > 0 ? "parent " : "").Append(depth > 0 ? "child" : "").Append('"')
                .Append(string.Create(CultureInfo.InvariantCulture, $" style=\"--depth:{depth}\"><td>")).Append(depth > 0 ? "└ " : "");
            AccountCell(sb, model, o);
            sb.Append("</td>");
            ScoreAndBand(sb, model, o);
            sb.Append("<td>");
            if (o.Rollup is { } rollup)
            {
                sb.Append("<strong class=\"nowrap\" style=\"color:").Append(E(rollup.BandColor)).Append("\">").Append(E(Formats.RollupText(rollup))).Append("</strong><small>")
                    .Append(E(string.Create(CultureInfo.InvariantCulture, $"{rollup.Counted}/{o.Children.Count} {r.Children}") + (rollup.Skipped.Count > 0 ? " · " + r.Skipped + ": " + string.Join(", ", rollup.Skipped.Select(r.Skip)) : "")))
                    .Append("</small>");
            }

            sb.Append("</td><td>").Append(E(o.Rollup?.DrivingChild ?? "")).Append("</td></tr>\n");
            foreach (var child in o.Children)
            {
                if (byId.TryGetValue(child, out var c))
                {
                    Row(c, depth + 1);
                }
            }
        }
    }

    /// <summary>The overrides passed with the accounts, in force or not, with who set it, when, until when and why; by account, at most <see cref="ReportData.OverrideRows"/>.</summary>
    private static void Overrides(StringBuilder sb, ReportData data)
    {
        if (data.Overrides.Total == 0)
        {
            return;
        }

        var model = data.Model;
        var r = new ReportTexts(model);
        sb.Append("<h2>").Append(E(r.Overrides)).Append("</h2>\n");
        if (data.Overrides.Truncated)
        {
            Shown(sb, r.OverridesShown, data.Overrides.Capacity, data.Overrides.Total);
        }

        sb.Append("<table><tr><th>").Append(E(r.Account)).Append("</th><th>").Append(E(r.Sets)).Append("</th><th>")
            .Append(E(r.SetBy)).Append("</th><th>").Append(E(r.SetOn)).Append("</th><th>").Append(E(r.ValidUntil)).Append("</th><th>").Append(E(r.Status))
            .Append("</th><th>").Append(E(r.Comment)).Append("</th></tr>\n");
        foreach (var (o, v, _) in data.Overrides.Sorted())
        {
            var applied = v.Status == "applied";
            sb.Append("<tr><td class=\"nowrap\">").Append(E(o.AccountId)).Append("</td><td>").Append(applied ? "<span class=\"mark\">✎</span> " : "").Append(E(v.Shows));
            if (applied && o.Computed is { } computed)
            {
                sb.Append("<small>").Append(E(model.Texts.Computed + " " + (computed.Score is { } s ? Formats.ScoreText(s) + " · " : "") + computed.BandLabel)).Append("</small>");
            }

            sb.Append("</td><td>").Append(E(v.Author)).Append("</td><td class=\"nowrap\">").Append(E(v.SetAt)).Append("</td><td class=\"nowrap\">").Append(E(v.LastValidDay ?? "")).Append("</td><td>")
                .Append(applied ? "" : "<span style=\"color:#777\">").Append(E(r.OverrideStatus(v.Status))).Append(applied ? "" : "</span>").Append("</td><td>")
                .Append(E(v.Comment ?? "")).Append("</td></tr>\n");
        }

        sb.Append("</table>\n");
    }

    /// <summary>The inputs older than their metric's maximum age at the as-of date, which count as missing: account, input and the first stale day, the longest stale first.</summary>
    private static void StaleInputs(StringBuilder sb, ReportData data)
    {
        if (data.Stale.Total == 0)
        {
            return;
        }

        var r = new ReportTexts(data.Model);
        sb.Append("<h2>").Append(E(r.StaleInputs)).Append(" (").Append(data.Stale.Total).Append(")</h2>\n");
        if (data.Stale.Truncated)
        {
            Shown(sb, r.StaleShown, data.Stale.Capacity, data.Stale.Total);
        }

        sb.Append("<table><tr><th>").Append(E(r.Account)).Append("</th><th>").Append(E(r.Input)).Append("</th><th>").Append(E(r.StaleSince)).Append("</th></tr>\n");
        foreach (var (o, c) in data.Stale.Sorted())
        {
            sb.Append("<tr><td><span class=\"id\">").Append(E(o.AccountId)).Append("</span>").Append(o.Name is null ? "" : " " + E(o.Name)).Append("</td><td>").Append(E(c.Label)).Append("</td><td class=\"nowrap\">").Append(E(c.StaleSince!)).Append("</td></tr>\n");
        }

        sb.Append("</table>\n");
    }

    /// <summary>Each of the model's adjustments that applied: how many accounts it moved, and by how many points in all.</summary>
    private static void Adjustments(StringBuilder sb, ReportData data)
    {
        if (!data.HasAdjustments)
        {
            return;
        }

        var model = data.Model;
        var r = new ReportTexts(model);
        sb.Append("<h2>").Append(E(r.Adjustments)).Append("</h2>\n<table><tr><th>").Append(E(r.Adjustment)).Append("</th><th>").Append(E(r.AccountCount))
            .Append("</th><th>").Append(E(r.Points)).Append("</th></tr>\n");
        foreach (var adjustment in model.Adjustments)
        {
            if (data.Adjustment(adjustment.Id) is { } applied)
            {
                sb.Append("<tr><td>").Append(E(adjustment.Label)).Append("</td><td>").Append(applied.Accounts).Append("</td><td>").Append(E(Points(model, applied.Points))).Append("</td></tr>\n");
            }
        }

        sb.Append("</table>\n");
    }

    private static string Points(HealthModel model, double points) =>
        (points < 0 ? "−" : "+") + Math.Abs(points).ToString("0.#", CultureInfo.InvariantCulture) + " " + model.Texts.Points;
}
