using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace HealthScore.Core.Pipeline;

/// <summary>
/// Writes and reads <see cref="HealthSnapshot"/>s as JSON with source-generated metadata (no reflection, trim- and
/// AOT-safe). Property names are camelCase; statuses are camelCase words; properties a later version adds are
/// skipped on read, so a stored snapshot keeps loading.
/// </summary>
public static class HealthSnapshotJson
{
    /// <summary>Gets the source-generated metadata, for hosts that serialise snapshots inside their own documents.</summary>
    public static JsonSerializerContext Context => SnapshotJsonContext.Default;

    /// <summary>Writes a snapshot as indented JSON text.</summary>
    /// <param name="snapshot">The snapshot.</param>
    /// <returns>The JSON.</returns>
    public static string Write(HealthSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return JsonSerializer.Serialize(snapshot, SnapshotJsonContext.Default.HealthSnapshot);
    }

    /// <summary>Writes a snapshot to a JSON writer (for example one value of a host's own document).</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="snapshot">The snapshot.</param>
    public static void Write(Utf8JsonWriter writer, HealthSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(snapshot);
        JsonSerializer.Serialize(writer, snapshot, SnapshotJsonContext.Default.HealthSnapshot);
    }

    /// <summary>Reads a snapshot from JSON text.</summary>
    /// <param name="json">The JSON.</param>
    /// <param name="source">Where it came from (a file name or a store key), for the errors.</param>
    /// <returns>The snapshot.</returns>
    /// <exception cref="AccountDataException">The JSON is malformed or the snapshot incomplete; the error names the JSON path and line.</exception>
    public static HealthSnapshot Read(string json, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        HealthSnapshot? snapshot;
        try
        {
            snapshot = JsonSerializer.Deserialize(json, SnapshotJsonContext.Default.HealthSnapshot);
        }
        catch (JsonException e)
        {
            throw new AccountDataException([new AccountDataError
            {
                Source = source ?? "snapshot",
                Row = e.LineNumber + 1,
                Field = string.IsNullOrEmpty(e.Path) ? "$" : e.Path,
                Message = Reason(e) + " Write snapshots with HealthSnapshotJson.Write.",
            }]);
        }

        if (snapshot is null)
        {
            throw new AccountDataException([new AccountDataError { Source = source ?? "snapshot", Row = 1, Field = "$", Message = "is null, not a snapshot." }]);
        }

        Check(snapshot, source ?? "snapshot");

        // A missing or null list reads as empty: older and hand-made snapshots may leave them out.
        return snapshot with
        {
            Metrics = snapshot.Metrics ?? new Dictionary<string, double?>(StringComparer.Ordinal),
            Actions = snapshot.Actions ?? [],
            Fired = snapshot.Fired ?? [],
            Overrides = snapshot.Overrides ?? [],
            Adjustments = snapshot.Adjustments ?? new Dictionary<string, double>(StringComparer.Ordinal),
            Stale = snapshot.Stale ?? new Dictionary<string, DateOnly>(StringComparer.Ordinal),
        };
    }

    /// <summary>
    /// Checks a snapshot as <see cref="Read"/> checks what it reads: the required ids, a coverage from 0 to 1, finite
    /// numbers, overrides and actions that name what they are. A store calls it before it writes, so that what it
    /// keeps always loads again.
    /// </summary>
    /// <param name="snapshot">The snapshot.</param>
    /// <param name="source">What to call it in the errors (an account, a store key).</param>
    /// <exception cref="AccountDataException">Every problem, each with its JSON path.</exception>
    public static void Validate(HealthSnapshot snapshot, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Check(snapshot, source ?? "snapshot");
    }

    private static string Reason(JsonException e)
    {
        // The serializer's own message repeats the path and position we already report; keep what it says is wrong.
        var message = e.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut > 0)
        {
            message = message[..cut];
        }

        return message.EndsWith('.') ? message : message + ".";
    }

    private static void Check(HealthSnapshot snapshot, string source)
    {
        var errors = new List<AccountDataError>();
        void Require(string? value, string field)
        {
            if (string.IsNullOrEmpty(value))
            {
                errors.Add(new AccountDataError { Source = source, Field = "$." + field, Message = "is required." });
            }
        }

        Require(snapshot.ModelId, "modelId");
        Require(snapshot.ModelVersion, "modelVersion");
        Require(snapshot.ModelHash, "modelHash");
        Require(snapshot.Phase, "phase");
        Require(snapshot.Band, "band");
        if (!(snapshot.Coverage is >= 0 and <= 1))
        {
            errors.Add(new AccountDataError { Source = source, Field = "$.coverage", Message = string.Create(CultureInfo.InvariantCulture, $"is {snapshot.Coverage}; coverage is a share from 0 to 1.") });
        }

        if (snapshot.ExpectedChurnRate is { } expected && !(expected is >= 0 and <= 1))
        {
            errors.Add(new AccountDataError { Source = source, Field = "$.expectedChurnRate", Message = string.Create(CultureInfo.InvariantCulture, $"is {expected}; a churn rate is a share from 0 to 1, or null.") });
        }

        void Finite(double? value, string field)
        {
            if (value is { } v && !double.IsFinite(v))
            {
                errors.Add(new AccountDataError { Source = source, Field = field, Message = "is too large to be a number; write a finite number, or null when missing." });
            }
        }

        Finite(snapshot.Score, "$.score");
        Finite(snapshot.UnroundedScore, "$.unroundedScore");
        Finite(snapshot.ComputedScore, "$.computedScore");
        foreach (var (id, points) in snapshot.Adjustments ?? new Dictionary<string, double>())
        {
            Finite(points, "$.adjustments." + id);
        }

        for (var i = 0; snapshot.Overrides is not null && i < snapshot.Overrides.Count; i++)
        {
            var field = string.Create(CultureInfo.InvariantCulture, $"$.overrides[{i}]");
            if (snapshot.Overrides[i] is not { } item)
            {
                errors.Add(new AccountDataError { Source = source, Field = field, Message = "is null, not an override." });
                continue;
            }

            if (!Enum.IsDefined(item.Target))
            {
                errors.Add(new AccountDataError { Source = source, Field = field + ".target", Message = "must be score, band or metric." });
            }

            if (string.IsNullOrWhiteSpace(item.Author))
            {
                errors.Add(new AccountDataError { Source = source, Field = field + ".author", Message = "is required: who set the override." });
            }

            Finite(item.Value, field + ".value");
        }
        foreach (var (id, value) in snapshot.Metrics ?? new Dictionary<string, double?>())
        {
            Finite(value, "$.metrics." + id);
        }

        if (snapshot.PhaseSince is { } since && since > snapshot.AsOf)
        {
            errors.Add(new AccountDataError { Source = source, Field = "$.phaseSince", Message = "is after asOf; an account cannot have entered its phase after the evaluation." });
        }

        for (var i = 0; snapshot.Actions is not null && i < snapshot.Actions.Count; i++)
        {
            var action = snapshot.Actions[i];
            if (action is null || string.IsNullOrEmpty(action.Id))
            {
                errors.Add(new AccountDataError { Source = source, Field = string.Create(CultureInfo.InvariantCulture, $"$.actions[{i}].id"), Message = "is required." });
                continue;
            }

            if (!Enum.IsDefined(action.Status))
            {
                errors.Add(new AccountDataError { Source = source, Field = string.Create(CultureInfo.InvariantCulture, $"$.actions[{i}].status"), Message = "must be fired, suppressedByConsent, suppressedByCooldown, suppressedAsDuplicate or waitingForConsecutiveMatches." });
            }

            if (action.ConsecutiveMatches < 1)
            {
                errors.Add(new AccountDataError { Source = source, Field = string.Create(CultureInfo.InvariantCulture, $"$.actions[{i}].consecutiveMatches"), Message = "must be at least 1: the evaluation that matched counts." });
            }
        }

        for (var i = 0; snapshot.Fired is not null && i < snapshot.Fired.Count; i++)
        {
            if (snapshot.Fired[i] is null || string.IsNullOrEmpty(snapshot.Fired[i].Id))
            {
                errors.Add(new AccountDataError { Source = source, Field = string.Create(CultureInfo.InvariantCulture, $"$.fired[{i}].id"), Message = "is required." });
            }
        }

        if (errors.Count > 0)
        {
            throw new AccountDataException(errors);
        }
    }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(HealthSnapshot))]
internal sealed partial class SnapshotJsonContext : JsonSerializerContext
{
}
