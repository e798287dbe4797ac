using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using HealthScore.Core.Scoring;

namespace HealthScore.Core.Model;

/// <summary>
/// Computes a model's content hash: SHA-256 over a canonical JSON form of the definition (every property
/// written, dictionary keys in ordinal order, numbers in shortest round-trip form).
/// </summary>
internal static class ModelHasher
{
    public static string Hash(HealthModelDefinition definition)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, definition);
        }

        var hash = SHA256.HashData(buffer.WrittenSpan);
        return ToHex(hash);
    }

    private static string ToHex(ReadOnlySpan<byte> bytes)
    {
        const string digits = "0123456789abcdef";
        Span<char> chars = stackalloc char[bytes.Length * 2];
        for (var i = 0; i < bytes.Length; i++)
        {
            chars[2 * i] = digits[bytes[i] >> 4];
            chars[(2 * i) + 1] = digits[bytes[i] & 0xF];
        }

        return new string(chars);
    }

    private static void Write(Utf8JsonWriter writer, HealthModelDefinition definition)
    {
        writer.WriteStartObject();
        writer.WriteString("id", definition.Id);
        writer.WriteString("label", definition.Label);
        writer.WriteString("version", definition.Version);
        writer.WriteStartObject("scale");
        writer.WriteNumber("min", definition.Scale.Min);
        writer.WriteNumber("max", definition.Scale.Max);
        writer.WriteNumber("decimals", definition.Scale.Decimals);
        writer.WriteEndObject();
        writer.WriteNumber("aggregation", (int)definition.Aggregation);
        writer.WriteNumber("minimumCoverage", definition.MinimumCoverage);
        writer.WriteStartArray("groups");
        foreach (var group in definition.Groups)
        {
            WriteGroup(writer, group);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("bands");
        foreach (var band in definition.Bands)
        {
            WriteBand(writer, band);
        }

        writer.WriteEndArray();
        writer.WritePropertyName("insufficientData");
        WriteBand(writer, definition.InsufficientData);
        writer.WriteStartArray("phases");
        foreach (var phase in definition.Phases)
        {
            writer.WriteStartObject();
            writer.WriteString("id", phase.Id);
            writer.WriteString("label", phase.Label);
            writer.WriteStartObject("weights");
            foreach (var pair in phase.Weights.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                writer.WriteNumber(pair.Key, pair.Value);
            }

            writer.WriteEndObject();
            writer.WriteStartObject("scoring");
            foreach (var pair in phase.Scoring.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                writer.WritePropertyName(pair.Key);
                WriteScoring(writer, pair.Value);
            }

            writer.WriteEndObject();
            writer.WriteStartObject("bands");
            foreach (var pair in phase.Bands.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                writer.WriteNumber(pair.Key, pair.Value);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (definition.DefaultPhase is { } defaultPhase)
        {
            writer.WriteString("defaultPhase", defaultPhase);
        }

        writer.WriteString("defaultPhaseLabel", definition.DefaultPhaseLabel);
        var account = definition.Account ?? new AccountDefinition();
        writer.WriteStartObject("account");
        WriteNames(writer, "numbers", account.Numbers);
        WriteNames(writer, "flags", account.Flags);
        WriteNames(writer, "texts", account.Texts);
        WriteNames(writer, "consents", account.Consents);
        writer.WriteEndObject();
        WriteRules(writer, "phaseRules", definition.PhaseRules);
        WriteRules(writer, "bandExceptions", definition.BandExceptions);
        WriteNames(writer, "actionKinds", definition.ActionKinds);
        writer.WriteStartArray("actions");
        foreach (var action in definition.Actions ?? [])
        {
            writer.WriteStartObject();
            writer.WriteString("id", action.Id);
            writer.WriteString("title", action.Title);
            writer.WriteString("kind", action.Kind);
            writer.WriteNumber("priority", action.Priority);
            writer.WriteString("ownerRole", action.OwnerRole);
            writer.WriteString("message", action.Message);
            writer.WriteString("when", action.When);
            writer.WriteString("consent", action.Consent);
            writer.WriteNumber("cooldownTimes", action.CooldownTimes);
            writer.WriteNumber("cooldownDays", action.CooldownDays);
            writer.WriteNumber("afterConsecutiveMatches", action.AfterConsecutiveMatches);
            writer.WriteBoolean("deduplicate", action.Deduplicate);
            writer.WriteString("group", action.Group);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartObject("trend");
        writer.WriteNumber("deadBand", definition.Trend.DeadBand);
        writer.WriteEndObject();
        var report = definition.Report ?? new ReportDefinition();
        writer.WriteStartObject("report");
        writer.WriteString("matrixX", report.MatrixX);
        writer.WriteString("matrixY", report.MatrixY);
        writer.WriteString("accounts", report.Accounts);
        writer.WriteString("asOf", report.AsOf);
        writer.WriteString("account", report.Account);
        writer.WriteString("phase", report.Phase);
        writer.WriteString("band", report.Band);
        writer.WriteString("coverage", report.Coverage);
        writer.WriteString("trend", report.Trend);
        writer.WriteString("topDriver", report.TopDriver);
        writer.WriteString("action", report.Action);
        writer.WriteString("firstAction", report.FirstAction);
        writer.WriteString("priority", report.Priority);
        writer.WriteString("owner", report.Owner);
        writer.WriteString("message", report.Message);
        writer.WriteString("drivers", report.Drivers);
        writer.WriteString("bandsByPhase", report.BandsByPhase);
        writer.WriteString("scoreHistogram", report.ScoreHistogram);
        writer.WriteString("riskiestAccounts", report.RiskiestAccounts);
        writer.WriteString("prioritisation", report.Prioritisation);
        writer.WriteString("actionQueue", report.ActionQueue);
        writer.WriteEndObject();
        var texts = definition.Texts;
        writer.WriteStartObject("texts");
        writer.WriteString("score", texts.Score);
        writer.WriteString("coverage", texts.Coverage);
        writer.WriteString("hurtsMost", texts.HurtsMost);
        writer.WriteString("helpsMost", texts.HelpsMost);
        writer.WriteString("missing", texts.Missing);
        writer.WriteString("excluded", texts.Excluded);
        writer.WriteString("assumed", texts.Assumed);
        writer.WriteString("target", texts.Target);
        writer.WriteString("points", texts.Points);
        writer.WriteString("change", texts.Change);
        writer.WriteString("movedBy", texts.MovedBy);
        writer.WriteString("arrow", texts.Arrow);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteNames(Utf8JsonWriter writer, string name, List<string>? names)
    {
        writer.WriteStartArray(name);
        foreach (var item in names ?? [])
        {
            writer.WriteStringValue(item);
        }

        writer.WriteEndArray();
    }

    private static void WriteRules(Utf8JsonWriter writer, string name, List<Rules.RuleDefinition>? rules)
    {
        writer.WriteStartArray(name);
        foreach (var rule in rules ?? [])
        {
            writer.WriteStartObject();
            writer.WriteString("id", rule.Id);
            writer.WriteString("when", rule.When);
            writer.WriteString("then", rule.Then);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteGroup(Utf8JsonWriter writer, GroupDefinition group)
    {
        writer.WriteStartObject();
        writer.WriteString("id", group.Id);
        writer.WriteString("label", group.Label);
        writer.WriteNumber("weight", group.Weight);
        writer.WriteNumber("aggregation", (int)group.Aggregation);
        writer.WriteStartArray("metrics");
        foreach (var metric in group.Metrics)
        {
            writer.WriteStartObject();
            writer.WriteString("id", metric.Id);
            writer.WriteString("label", metric.Label);
            writer.WriteNumber("weight", metric.Weight);
            if (metric.Direction is { } direction)
            {
                writer.WriteNumber("direction", (int)direction);
            }

            writer.WritePropertyName("scoring");
            WriteScoring(writer, metric.Scoring!);
            writer.WriteNumber("missing", (int)metric.Missing);
            if (metric.MissingValue is { } missingValue)
            {
                writer.WriteNumber("missingValue", missingValue);
            }

            if (metric.Unit is { } unit)
            {
                writer.WriteString("unit", unit);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("groups");
        foreach (var child in group.Groups)
        {
            WriteGroup(writer, child);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteBand(Utf8JsonWriter writer, BandDefinition band)
    {
        writer.WriteStartObject();
        writer.WriteString("id", band.Id);
        writer.WriteString("label", band.Label);
        writer.WriteString("color", band.Color);
        writer.WriteNumber("lowerBound", band.LowerBound);
        writer.WriteEndObject();
    }

    private static void WriteScoring(Utf8JsonWriter writer, ScoringFunctionDefinition scoring)
    {
        writer.WriteStartObject();
        writer.WriteString("type", scoring.Type);
        scoring.WriteParameters(writer);
        writer.WriteEndObject();
    }
}
