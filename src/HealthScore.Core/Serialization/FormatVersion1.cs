using System.Text.Json;

namespace HealthScore.Core.Serialization;

/// <summary>
/// What format 1 documents hold that format 2 keeps elsewhere: the report's headings, which were properties of
/// <c>report</c> and are now texts under <c>report.&lt;name&gt;</c>. A format 1 document is read as it is written
/// (errors keep its own lines and columns) and upgraded in memory.
/// </summary>
internal static class FormatVersion1
{
    /// <summary>The report headings of format 1, which became the texts <c>report.&lt;name&gt;</c>.</summary>
    public static readonly string[] ReportHeadings =
    [
        "accounts", "asOf", "account", "phase", "band", "coverage", "trend", "topDriver", "action", "firstAction", "priority",
        "owner", "message", "drivers", "bandsByPhase", "scoreHistogram", "riskiestAccounts", "prioritisation", "actionQueue",
    ];

    /// <summary>Returns the document's top-level <c>formatVersion</c>, or null when it has none (format 1) or it is not a whole number.</summary>
    public static int? Peek(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isVersion = reader.ValueTextEquals("formatVersion");
                reader.Read();
                if (isVersion)
                {
                    return reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var version) ? version : null;
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // A malformed document is reported by the shape pass.
        }

        return null;
    }

    /// <summary>The key of the text a format 1 report heading became.</summary>
    public static string TextKey(string heading) => "report." + heading;
}
