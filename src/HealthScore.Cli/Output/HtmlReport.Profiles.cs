using System.Globalization;
using System.Text;
using HealthScore.Core.Model;

namespace HealthScore.Cli.Output;

/// <summary>The report's part for a model with profiles: how many accounts each profile scored, and their bands in its own labels.</summary>
internal static partial class HtmlReport
{
    /// <summary>One stacked bar per profile that scored accounts, in the profile's band labels and colours; nothing for a model without profiles.</summary>
    private static void Profiles(StringBuilder sb, ReportData data)
    {
        var model = data.Model;
        var used = model.Profiles.Where(p => data.InProfile(p.Id) > 0).ToList();
        if (used.Count == 0)
        {
            return;
        }

        var r = new ReportTexts(model);
        sb.Append("<h2>").Append(E(r.BandsByProfile)).Append("</h2>\n<table><tr><th>").Append(E(r.Profile)).Append("</th><th>")
            .Append(E(r.AccountCount)).Append("</th>");
        foreach (var band in model.Bands)
        {
            sb.Append("<th>").Append(E(band.Label)).Append("</th>");
        }

        sb.Append("<th>").Append(E(model.InsufficientData.Label)).Append("</th></tr>\n");
        foreach (var profile in used)
        {
            sb.Append("<tr><td>").Append(E(profile.Label)).Append("</td><td>").Append(data.InProfile(profile.Id).ToString(CultureInfo.InvariantCulture)).Append("</td>");

            // A profile's bands are the model's, by position, with the profile's own labels, colours and bounds.
            var bands = profile.Scorecard.Bands.Append(profile.Scorecard.InsufficientData);
            foreach (var band in bands)
            {
                var n = data.InProfileBand(profile.Id, band.Id);
                sb.Append("<td style=\"color:").Append(E(band.Color)).Append("\" title=\"").Append(E(band.Label)).Append("\">")
                    .Append(n.ToString(CultureInfo.InvariantCulture)).Append("</td>");
            }

            sb.Append("</tr>\n");
        }

        sb.Append("</table>\n");
    }
}
