using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HealthScore.Core.Tests.Serialization.Fuzzing;

/// <summary>A model document the fuzzer starts from.</summary>
internal sealed record SeedDocument(string Name, string Text, double Weight);

/// <summary>
/// One edit of a document. Tree edits address their target by path, not by node, so that they can be replayed alone
/// on a fresh copy of the seed (to find which of several edits broke the library); raw edits work on the UTF-8 bytes
/// after the tree has been written out.
/// </summary>
internal sealed class DocumentMutation
{
    private readonly Func<RawTokens, JsonNode?, JsonNode?>? _tree;
    private readonly Func<byte[], byte[]>? _raw;

    public DocumentMutation(string description, Func<RawTokens, JsonNode?, JsonNode?> tree)
    {
        Description = description;
        _tree = tree;
    }

    public DocumentMutation(string description, Func<byte[], byte[]> raw)
    {
        Description = description;
        _raw = raw;
    }

    public string Description { get; }

    public bool IsRaw => _raw is not null;

    public JsonNode? ApplyTree(RawTokens tokens, JsonNode? root) => _tree is null ? root : _tree(tokens, root);

    public byte[] ApplyRaw(byte[] document) => _raw is null ? document : _raw(document);

    public override string ToString() => Description;
}

/// <summary>
/// Raw JSON text to splice into the written document in place of placeholder strings: the way to get tokens a
/// <see cref="JsonNode"/> cannot hold or would escape (1e999, -0.0, huge integers, lone surrogates, deep nesting).
/// </summary>
internal sealed class RawTokens
{
    private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal);

    public JsonNode Placeholder(string key, string rawJson)
    {
        _tokens[key] = rawJson;
        return JsonValue.Create(key);
    }

    public string Splice(string json)
    {
        foreach (var (key, raw) in _tokens)
        {
            json = json.Replace("\"" + key + "\"", raw, StringComparison.Ordinal);
        }

        return json;
    }
}

/// <summary>A mutated document: the seed, the edits made to it (in order), and the bytes to compile.</summary>
internal sealed record MutatedDocument(long Index, SeedDocument Seed, IReadOnlyList<DocumentMutation> Mutations, byte[] Bytes)
{
    public string Describe() => string.Join("; ", Mutations.Select(m => m.Description));
}

/// <summary>
/// A deterministic, seeded mutation fuzzer for model documents: each document is a seed document with 1–4 edits,
/// chosen from tree edits (delete, null, other kind, edge numbers and strings, broken rules and templates,
/// renamed properties, array edits, empty or unknown scoring functions) and raw byte edits (truncation, deleted or
/// inserted characters and bytes). Document <c>i</c> of a run depends only on the seed and <c>i</c>.
/// </summary>
internal sealed class ModelDocumentMutator
{
    public const int LongStringLength = 100_000;

    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        MaxDepth = 256,
    };

    private static readonly JsonDocumentOptions ReadOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 256,
    };

    private static readonly string[] ScoringTypes = ["linear", "boundedLinear", "piecewiseLinear", "singlePeaked", "tiers", "logistic", "targetRatio"];

    private static readonly string[] EdgeNumbers =
    [
        "0", "-1", "1", "1e999", "-1e999", "5e-324", "-5e-324", "1e308", "-1e308", "1.7976931348623157e308", "-0.0", "-0",
        "2.5", "0.5", "0.1", "1e-400", "3", "15", "16", "100", "-100", "1E2", "1e6", "2147483647", "2147483648",
        "-2147483649", "4294967296", "9007199254740993", "99999999999999999999999999999", "-99999999999999999999999999999",
    ];

    private static readonly string[] OddStrings =
    [
        "\"\"", "\" \"", "\"\\u0000\"", "\"\\ud800\"", "\"\\udfff\\ud800\"", "\"🙂\"", "\"\\u202Ertl\"", "\"a\\nb\"", "\"\\t\"",
        "\"  padded  \"", "\"$.groups[0]\"", "\"'\"", "\"\\\"\"", "\"\\\\\"", "\"{0}\"", "\"%s%n\"", "\"NaN\"", "\"Infinity\"",
        "\"-Infinity\"", "\"null\"", "\"ｌｏｇｉｎｓ\"", "\"e\\u0301\"", "\"İı\"", "\"\\uFEFF\"", "\"metrics.nps\"", "\"{account.name}\"",
        "\"..\"", "\"a.b\"", "\"1\"", "\"-\"", "\"ß\"", "\"ǅ\"", "\"\\u0007\\u001b[31m\"", "\"../../etc/passwd\"", "\"<script>\"",
    ];

    private static readonly string[] BrokenRules =
    [
        "metrics.nps >=", "((metrics.nps > 1)", "metrics.nps > 1)", "metrics.no_such_metric > 1", "no_such_field == 2",
        "account.no_such_fact", "account.no_such_fact > 1", "phase == 3", "band == \"no_such_band\"", "phase == \"no_such_phase\"",
        "isMissing()", "isMissing(1, 2)", "unknownFunction(metrics.nps)", "metrics.nps > 1 &&", "&& ||", "\"unterminated",
        "metrics.nps between 5 and", "metrics.nps between 5 and 1", "1e999 > metrics.nps", "metrics.nps > 1e999", "metrics.nps > -0.0",
        "true", "false", "metrics.nps", "score + 1", "", " ", "\u0000", "metrics.", "metrics.NPS > 1", "\n\n  metrics.nps >\n 1 &&",
        "tenure_days < 90 || tenure_days >= 90", "score >= \"high\"", "band > 3", "!band", "-metrics.nps > 0", "metrics.nps == null",
        "account.name == 3", "account.has_executive_sponsor > 1", "1 / 0 > 1", "metrics.nps > 99999999999999999999999999999",
        "metrics.nps >= 5e-324", "🙂 == 1", "metrics.nps >= 1 ;", "metrics['nps'] > 1", "metrics.nps > 1 && (", "()",
        new string('(', 70) + "true" + new string(')', 70), string.Concat(Enumerable.Repeat("!", 100)) + "true",
        string.Join(" && ", Enumerable.Repeat("score >= 1", 500)),
    ];

    private static readonly string[] BrokenTemplates =
    [
        "{", "}", "{{", "}}", "{account.nope}", "{metric:nope}", "{metric:}", "{score", "{metric:nps:x}", "{}", "{ account.name }",
        "{account.}", "{account.seats:N0}", "{phase}{band}{score}{previous_band}", "{0}", "{metric:logins_per_week", "{\u0000}", "",
    ];

    private static readonly string[] UnknownIds = ["no_such_id", "", " ", "AT_RISK", "at_risk ", "Healthy", "usage.nps", "$", "0"];

    private static readonly string[] UnknownKinds = ["linearr", "Linear", "LINEAR", "", " linear", "quadratic", "$type", "minimun", "MINIMUM", "weightedmean", "Exclude", "higher", "none", "0", "2"];

    private static readonly string[] ExtraNames =
    [
        "metrics", "groups", "phases", "bands", "scoring", "weights", "weight", "type", "id", "label", "aggregation", "direction",
        "missing", "missingValue", "insufficientData", "defaultPhase", "defaultPhaseLabel", "texts", "minimumCoverage",
        "deduplicate", "points", "tiers", "midpoint", "steepness", "target", "worst", "best", "when", "then", "message",
        "cooldownDays", "cooldownTimes", "afterConsecutiveMatches", "priority", "kind", "consent", "group", "scale", "decimals",
        "formatVersion", "$schema", "$type", "trend", "deadBand", "report", "account", "numbers", "flags", "consents",
    ];

    private readonly SeedDocument[] _seeds;
    private readonly double _totalWeight;
    private readonly string[] _names;
    private readonly string _longString;

    public ModelDocumentMutator(IEnumerable<SeedDocument> seeds)
    {
        _seeds = [.. seeds];
        _totalWeight = _seeds.Sum(s => s.Weight);
        var names = new SortedSet<string>(ExtraNames, StringComparer.Ordinal);
        foreach (var seed in _seeds)
        {
            foreach (var location in Locations(Parse(seed)))
            {
                if (location.Key is { } key)
                {
                    names.Add(key);
                }

                if (location.Key == "id" && location.Node is JsonValue id && id.GetValueKind() == JsonValueKind.String)
                {
                    names.Add(id.GetValue<string>());
                }
            }
        }

        _names = [.. names];
        var builder = new StringBuilder(LongStringLength + 16);
        while (builder.Length < LongStringLength)
        {
            builder.Append("long_value_ロング-").Append(builder.Length.ToString(CultureInfo.InvariantCulture)).Append(' ');
        }

        _longString = builder.ToString(0, LongStringLength);
    }

    public IReadOnlyList<SeedDocument> Seeds => _seeds;

    public static JsonNode? Parse(SeedDocument seed) => JsonNode.Parse(seed.Text, documentOptions: ReadOptions);

    /// <summary>Writes a tree the way every mutated document is written (indented, non-ASCII kept), raw tokens spliced in.</summary>
    public static string Render(JsonNode? root, RawTokens tokens) => tokens.Splice(root is null ? "null" : root.ToJsonString(WriteOptions));

    /// <summary>Applies <paramref name="mutations"/> in order to a fresh copy of <paramref name="seed"/>: tree edits first, then raw edits.</summary>
    public static byte[] Build(SeedDocument seed, IEnumerable<DocumentMutation> mutations)
    {
        var tokens = new RawTokens();
        var root = Parse(seed);
        var list = mutations.ToList();
        foreach (var mutation in list.Where(m => !m.IsRaw))
        {
            root = mutation.ApplyTree(tokens, root);
        }

        var bytes = Encoding.UTF8.GetBytes(Render(root, tokens));
        foreach (var mutation in list.Where(m => m.IsRaw))
        {
            bytes = mutation.ApplyRaw(bytes);
        }

        return bytes;
    }

    /// <summary>Document <paramref name="index"/> of the run with <paramref name="seed"/>.</summary>
    public MutatedDocument Generate(ulong seed, long index)
    {
        var random = FuzzRandom.For(seed, index);
        var document = PickSeed(random);
        var run = new MutationRun(this, random, Parse(document));
        var count = 1 + random.Next(4);
        var mutations = new List<DocumentMutation>(count);
        for (var k = 0; k < count; k++)
        {
            mutations.Add(run.Next());
        }

        // The run already holds the edited tree; Build replays the same edits on a fresh copy to the same bytes.
        var bytes = run.Render();
        foreach (var mutation in mutations.Where(m => m.IsRaw))
        {
            bytes = mutation.ApplyRaw(bytes);
        }

        return new MutatedDocument(index, document, mutations, bytes);
    }

    private SeedDocument PickSeed(FuzzRandom random)
    {
        var target = random.NextDouble() * _totalWeight;
        foreach (var seed in _seeds)
        {
            target -= seed.Weight;
            if (target < 0)
            {
                return seed;
            }
        }

        return _seeds[^1];
    }

    /// <summary>A node of the tree with where it is; the path is built only for the node an edit picks.</summary>
    internal sealed class Location
    {
        private readonly Location? _up;
        private readonly object? _segment;
        private object[]? _path;

        public Location(Location? up, object? segment, JsonNode? node, JsonNode? parent)
        {
            _up = up;
            _segment = segment;
            Node = node;
            Parent = parent;
            Depth = up is null ? 0 : up.Depth + 1;
        }

        public JsonNode? Node { get; }

        public JsonNode? Parent { get; }

        public int Depth { get; }

        public object[] Path => _path ??= BuildPath();

        public string? Key => Parent is JsonObject ? _segment as string : null;

        /// <summary>The property name the parent is under, e.g. "scoring" for a phase's scoring entry.</summary>
        public string? ParentKey => _up?.Key;

        public JsonValueKind Kind => Node is null ? JsonValueKind.Null : Node.GetValueKind();

        public string? StringValue => Node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

        private object[] BuildPath()
        {
            var path = new object[Depth];
            var at = this;
            for (var i = Depth - 1; i >= 0; i--)
            {
                path[i] = at._segment!;
                at = at._up!;
            }

            return path;
        }
    }

    internal static List<Location> Locations(JsonNode? root)
    {
        var locations = new List<Location>(512);
        Walk(new Location(null, null, root, null), locations);
        return locations;
    }

    private static void Walk(Location location, List<Location> locations)
    {
        locations.Add(location);
        switch (location.Node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    Walk(new Location(location, key, child, obj), locations);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Walk(new Location(location, i, array[i], array), locations);
                }

                break;
        }
    }

    public static string PathText(IReadOnlyList<object> path)
    {
        var text = new StringBuilder("$");
        foreach (var segment in path)
        {
            if (segment is int index)
            {
                text.Append('[').Append(index.ToString(CultureInfo.InvariantCulture)).Append(']');
            }
            else
            {
                var key = (string)segment;
                var simple = key.Length is > 0 and <= 40 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '$');
                text.Append(simple ? "." + key : "['" + Show(key, 30) + "']");
            }
        }

        return text.ToString();
    }

    /// <summary>A value for a description: control characters escaped, long values cut with their length.</summary>
    public static string Show(string text, int max = 60)
    {
        var cut = text.Length <= max ? text : text[..max];
        var shown = new StringBuilder(cut.Length + 16);
        foreach (var c in cut)
        {
            if (char.IsControl(c) || char.IsSurrogate(c) || c == '\uFEFF' || c == '\u202E')
            {
                shown.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                shown.Append(c);
            }
        }

        if (cut.Length < text.Length)
        {
            shown.Append("…(").Append(text.Length.ToString("N0", CultureInfo.InvariantCulture)).Append(" chars)");
        }

        return shown.ToString();
    }

    // ---- Path-addressed tree edits (replayable on a fresh copy) ----

    private static JsonNode? Get(JsonNode? root, IReadOnlyList<object> path, out bool found)
    {
        var node = root;
        found = true;
        foreach (var segment in path)
        {
            if (node is JsonObject obj && segment is string key && obj.TryGetPropertyValue(key, out var child))
            {
                node = child;
            }
            else if (node is JsonArray array && segment is int index && index < array.Count)
            {
                node = array[index];
            }
            else
            {
                found = false;
                return null;
            }
        }

        return node;
    }

    private static JsonNode? Set(JsonNode? root, object[] path, JsonNode? value)
    {
        if (path.Length == 0)
        {
            return value;
        }

        var parent = Get(root, path[..^1], out var found);
        if (!found)
        {
            return root;
        }

        switch (parent)
        {
            case JsonObject obj when path[^1] is string key:
                obj[key] = value;
                break;
            case JsonArray array when path[^1] is int index && index < array.Count:
                array[index] = value;
                break;
        }

        return root;
    }

    private static JsonNode? Remove(JsonNode? root, object[] path)
    {
        if (path.Length == 0)
        {
            return root;
        }

        switch (Get(root, path[..^1], out _))
        {
            case JsonObject obj when path[^1] is string key:
                obj.Remove(key);
                break;
            case JsonArray array when path[^1] is int index && index < array.Count:
                array.RemoveAt(index);
                break;
        }

        return root;
    }

    private static JsonNode? Rename(JsonNode? root, object[] path, string name)
    {
        if (path.Length == 0 || Get(root, path[..^1], out _) is not JsonObject obj || path[^1] is not string key || !obj.TryGetPropertyValue(key, out var value) || key == name)
        {
            return root;
        }

        var index = obj.IndexOf(key);
        obj.RemoveAt(index);
        var existing = obj.IndexOf(name);
        if (existing >= 0)
        {
            obj.RemoveAt(existing);
            if (existing < index)
            {
                index--;
            }
        }

        obj.Insert(index, name, value);
        return root;
    }

    private static JsonNode? Insert(JsonNode? root, object[] arrayPath, int index, JsonNode? value)
    {
        if (Get(root, arrayPath, out _) is JsonArray array)
        {
            array.Insert(Math.Min(index, array.Count), value);
        }

        return root;
    }

    private static JsonNode? Add(JsonNode? root, object[] objectPath, string name, JsonNode? value)
    {
        if (Get(root, objectPath, out _) is JsonObject obj)
        {
            obj[name] = value;
        }

        return root;
    }

    private static JsonNode? FromJson(string json) => JsonNode.Parse(json, documentOptions: ReadOptions);

    /// <summary>The state of one document being mutated: its current tree, to choose the next edit's target.</summary>
    private sealed class MutationRun(ModelDocumentMutator owner, FuzzRandom random, JsonNode? root)
    {
        private readonly RawTokens _tokens = new();
        private JsonNode? _root = root;
        private List<Location>? _locations;
        private bool _longStringUsed;

        public byte[] Render() => Encoding.UTF8.GetBytes(ModelDocumentMutator.Render(_root, _tokens));

        public DocumentMutation Next()
        {
            for (var attempt = 0; attempt < 20; attempt++)
            {
                var mutation = Propose();
                if (mutation is not null)
                {
                    if (!mutation.IsRaw)
                    {
                        _root = mutation.ApplyTree(_tokens, _root);
                        _locations = null;
                    }

                    return mutation;
                }
            }

            return Truncate();
        }

        private DocumentMutation? Propose()
        {
            var locations = _locations ??= Locations(_root);
            var roll = random.Next(1000);
            return roll switch
            {
                < 90 => DeleteProperty(locations),
                < 170 => SetNull(locations),
                < 260 => ReplaceKind(locations),
                < 370 => EdgeNumber(locations),
                < 460 => EdgeString(locations),
                < 540 => BreakRule(locations),
                < 620 => RenameProperty(locations),
                < 660 => AddProperty(locations),
                < 710 => InsertNull(locations),
                < 760 => DuplicateElement(locations),
                < 810 => RemoveElement(locations),
                < 890 => EditScoring(locations),
                < 930 => UnknownKind(locations),
                < 940 => ExtremeScale(),
                < 955 => ExtremeWeights(),
                < 968 => Truncate(),
                < 980 => DeleteCharacter(),
                < 989 => InsertCharacter(),
                < 995 => InsertByte(),
                _ => CopySpan(),
            };
        }

        private Location? PickWhere(List<Location> locations, Func<Location, bool> predicate)
        {
            var candidates = locations.Where(predicate).ToList();
            return candidates.Count == 0 ? null : random.Pick(candidates);
        }

        private string NewKey() => "@@raw" + random.NextUInt64().ToString("x16", CultureInfo.InvariantCulture) + "@@";

        private DocumentMutation ReplaceRaw(Location target, string raw, string what)
        {
            var key = NewKey();
            var path = target.Path;
            return new DocumentMutation($"{what} {PathText(path)} = {Show(raw)}", (tokens, root) => Set(root, path, tokens.Placeholder(key, raw)));
        }

        private static DocumentMutation ReplaceJson(Location target, string json, string what)
        {
            var path = target.Path;
            return new DocumentMutation($"{what} {PathText(path)} = {Show(json)}", (_, root) => Set(root, path, FromJson(json)));
        }

        private static DocumentMutation ReplaceString(Location target, string value, string what)
        {
            var path = target.Path;
            return new DocumentMutation($"{what} {PathText(path)} = \"{Show(value)}\"", (_, root) => Set(root, path, JsonValue.Create(value)));
        }

        private DocumentMutation? DeleteProperty(List<Location> locations)
        {
            var target = PickWhere(locations, l => l.Key is not null);
            if (target is null)
            {
                return null;
            }

            var path = target.Path;
            return new DocumentMutation($"delete {PathText(path)}", (_, root) => Remove(root, path));
        }

        private DocumentMutation? SetNull(List<Location> locations)
        {
            var target = PickWhere(locations, l => l.Depth > 0 && l.Node is not null);
            return target is null ? null : ReplaceJson(target, "null", "null");
        }

        private DocumentMutation? ReplaceKind(List<Location> locations)
        {
            var target = random.Chance(0.01) ? locations[0] : PickWhere(locations, l => l.Depth > 0);
            if (target is null)
            {
                return null;
            }

            string[] kinds = ["\"fuzz\"", "0", "1", "true", "false", "{}", "[]", "null", "[null]", "[{}]", "[[]]", "{\"\":null}", "[1,2,3]", "\"\""];
            return random.Next(20) switch
            {
                0 => ReplaceRaw(target, new string('[', 70) + new string(']', 70), "nest"),
                1 => ReplaceRaw(target, string.Concat(Enumerable.Repeat("{\"a\":", 70)) + "1" + new string('}', 70), "nest"),
                _ => ReplaceJson(target, random.Pick(kinds), "kind"),
            };
        }

        private DocumentMutation? EdgeNumber(List<Location> locations)
        {
            var target = PickWhere(locations, l => l.Kind == JsonValueKind.Number)
                ?? PickWhere(locations, l => l.Depth > 0);
            return target is null ? null : ReplaceRaw(target, random.Pick(EdgeNumbers), "number");
        }

        private DocumentMutation? EdgeString(List<Location> locations)
        {
            var target = PickWhere(locations, l => l.Kind == JsonValueKind.String);
            if (target is null)
            {
                return null;
            }

            switch (random.Next(10))
            {
                case 0 when !_longStringUsed:
                    _longStringUsed = true;
                    return ReplaceString(target, owner._longString, "long string");
                case 1:
                    return ReplaceString(target, new string('x', 5000), "5000 chars");
                case 2:
                case 3:
                    // Another string of the document: duplicate ids, an id of one kind where another is expected.
                    var other = PickWhere(locations, l => l.StringValue is { Length: <= 200 });
                    return other is null ? null : ReplaceString(target, other.StringValue!, "copy string");
                case 4:
                    return ReplaceString(target, random.Pick(owner._names), "name");
                default:
                    return ReplaceRaw(target, random.Pick(OddStrings), "odd string");
            }
        }

        private DocumentMutation? BreakRule(List<Location> locations)
        {
            var target = PickWhere(locations, l => l.Kind == JsonValueKind.String && l.Key is "when" or "then" or "message" or "defaultPhase" or "consent" or "group" or "matrixX" or "matrixY");
            if (target is null)
            {
                return null;
            }

            return target.Key switch
            {
                "when" => ReplaceString(target, random.Pick(BrokenRules), "rule"),
                "message" => ReplaceString(target, random.Pick(BrokenTemplates), "template"),
                _ => ReplaceString(target, random.Chance(0.5) ? random.Pick(UnknownIds) : random.Pick(owner._names), "reference"),
            };
        }

        private DocumentMutation? RenameProperty(List<Location> locations)
        {
            var target = PickWhere(locations, l => l.Key is not null);
            if (target?.Key is not { } key)
            {
                return null;
            }

            string name;
            switch (random.Next(8))
            {
                case 0 when key.Length > 1:
                    var drop = random.Next(key.Length);
                    name = key.Remove(drop, 1);
                    break;
                case 1 when key.Length > 1:
                    var swap = random.Next(key.Length - 1);
                    name = string.Concat(key.AsSpan(0, swap), key.AsSpan(swap + 1, 1), key.AsSpan(swap, 1), key.AsSpan(swap + 2));
                    break;
                case 2:
                    name = key.Length > 0 ? char.ToUpperInvariant(key[0]) + key[1..] : "X";
                    break;
                case 3:
                    name = random.Chance(0.5) ? key.ToUpperInvariant() : key.ToLowerInvariant();
                    break;
                case 4:
                    name = random.Pick(["", " " + key, key + " ", key + "s", key + "_", "\u0000" + key]);
                    break;
                default:
                    name = random.Pick(owner._names);
                    break;
            }

            if (name == key)
            {
                name = key + "x";
            }

            var path = target.Path;
            return new DocumentMutation($"rename {PathText(path)} -> '{Show(name, 40)}'", (_, root) => Rename(root, path, name));
        }

        private DocumentMutation? AddProperty(List<Location> locations)
        {
            var target = PickWhere(locations, l => l.Node is JsonObject);
            if (target is null)
            {
                return null;
            }

            var name = random.Pick(owner._names);

            // Often the value is one the name has elsewhere, e.g. a group's metrics array at the top level.
            var sameName = PickWhere(locations, l => l.Key == name && l.Node is not null);
            var json = sameName is not null && random.Chance(0.7) ? sameName.Node!.ToJsonString() : random.Pick(["1", "\"x\"", "{}", "[]", "null", "true"]);
            if (json.Length > 20_000)
            {
                return null;
            }

            var path = target.Path;
            return new DocumentMutation($"add {PathText(path)}.{Show(name, 40)} = {Show(json)}", (_, root) => Add(root, path, name, FromJson(json)));
        }

        private DocumentMutation? InsertNull(List<Location> locations)
        {
            var target = PickWhere(locations, l => l.Node is JsonArray);
            if (target is null)
            {
                return null;
            }

            var index = random.Next(((JsonArray)target.Node!).Count + 1);
            var path = target.Path;
            return new DocumentMutation($"insert null at {PathText(path)}[{index}]", (_, root) => Insert(root, path, index, null));
        }

        private DocumentMutation? DuplicateElement(List<Location> locations)
        {
            var target = PickWhere(locations, l => l.Node is JsonArray { Count: > 0 });
            if (target is null)
            {
                return null;
            }

            var array = (JsonArray)target.Node!;
            var from = random.Next(array.Count);
            var json = array[from]?.ToJsonString() ?? "null";
            if (json.Length > 20_000)
            {
                return null;
            }

            var to = random.Next(array.Count + 1);
            var path = target.Path;
            return new DocumentMutation($"duplicate {PathText(path)}[{from}] at [{to}]", (_, root) => Insert(root, path, to, FromJson(json)));
        }

        private DocumentMutation? RemoveElement(List<Location> locations)
        {
            var target = PickWhere(locations, l => l.Node is JsonArray { Count: > 0 });
            if (target is null)
            {
                return null;
            }

            var path = target.Path;
            if (random.Chance(0.2))
            {
                return new DocumentMutation($"empty {PathText(path)}", (_, root) => Set(root, path, new JsonArray()));
            }

            var index = random.Next(((JsonArray)target.Node!).Count);
            object[] element = [.. path, index];
            return new DocumentMutation($"remove {PathText(element)}", (_, root) => Remove(root, element));
        }

        private static bool IsScoring(Location location) =>
            location.Node is JsonObject obj
            && ((obj.TryGetPropertyValue("type", out var type) && type is JsonValue value && value.GetValueKind() == JsonValueKind.String && ScoringTypes.Contains(value.GetValue<string>()))
                || location.Key == "scoring"
                || location.ParentKey == "scoring");

        private DocumentMutation? EditScoring(List<Location> locations)
        {
            var target = PickWhere(locations, IsScoring);
            if (target is null)
            {
                return null;
            }

            var obj = (JsonObject)target.Node!;
            var path = target.Path;
            var keys = obj.Select(p => p.Key).ToList();
            switch (random.Next(9))
            {
                case 0:
                case 1:
                    return ReplaceJson(target, "{}", "empty scoring");
                case 2 when obj.ContainsKey("type"):
                    object[] typePath = [.. path, "type"];
                    return new DocumentMutation($"delete {PathText(typePath)}", (_, root) => Remove(root, typePath));
                case 3 when keys.Count > 1:
                    var key = random.Pick(keys.Where(k => k != "type").ToList());
                    object[] keyPath = [.. path, key];
                    return new DocumentMutation($"delete {PathText(keyPath)}", (_, root) => Remove(root, keyPath));
                case 4 when obj.ContainsKey("type"):
                    object[] otherType = [.. path, "type"];
                    var type = random.Pick(ScoringTypes);
                    return new DocumentMutation($"retype {PathText(otherType)} = \"{type}\"", (_, root) => Set(root, otherType, JsonValue.Create(type)));
                case 5 when obj.ContainsKey("worst") && obj.ContainsKey("best"):
                    var worst = obj["worst"]?.ToJsonString() ?? "null";
                    object[] bestPath = [.. path, "best"];
                    return new DocumentMutation($"set {PathText(bestPath)} = worst ({Show(worst)})", (_, root) => Set(root, bestPath, FromJson(worst)));
                case 6 when (obj["points"] is JsonArray) || (obj["tiers"] is JsonArray):
                    var listKey = obj.ContainsKey("points") ? "points" : "tiers";
                    var list = (JsonArray)obj[listKey]!;
                    object[] listPath = [.. path, listKey];
                    var edited = random.Next(3) switch
                    {
                        0 => "[]",
                        1 => "[" + (list.Count > 0 ? list[0]?.ToJsonString() ?? "null" : "{}") + "]",
                        _ => "[" + string.Join(",", list.Reverse().Select(n => n?.ToJsonString() ?? "null")) + "]",
                    };
                    return new DocumentMutation($"set {PathText(listPath)} = {Show(edited)}", (_, root) => Set(root, listPath, FromJson(edited)));
                case 7:
                    var name = random.Pick(owner._names);
                    return new DocumentMutation($"add {PathText(path)}.{Show(name, 40)} = 1", (_, root) => Add(root, path, name, JsonValue.Create(1)));
                default:
                    return ReplaceJson(target, random.Pick(["{\"type\":\"linear\"}", "{\"type\":\"tiers\",\"tiers\":[]}", "{\"type\":\"piecewiseLinear\",\"points\":[]}", "{\"type\":null}", "{\"type\":{}}", "{\"worst\":0,\"best\":1}"]), "scoring");
            }
        }

        private DocumentMutation? UnknownKind(List<Location> locations)
        {
            var target = PickWhere(locations, l => l.Key is "type" or "aggregation" or "missing" or "direction" or "kind");
            if (target is null)
            {
                return null;
            }

            return random.Next(6) switch
            {
                0 => ReplaceJson(target, random.Pick(["5", "null", "true", "{}", "[]"]), "kind"),
                1 when target.StringValue is { } current => ReplaceString(target, current.ToUpperInvariant(), "kind"),
                _ => ReplaceString(target, random.Pick(UnknownKinds), "kind"),
            };
        }

        // ---- Coordinated edits: several values changed together, so that the model still compiles and its scoring is tested at the edges. ----

        private DocumentMutation ExtremeScale()
        {
            (double Min, double Max)[] scales =
            [
                (-1e308, 1e308), (-double.MaxValue, double.MaxValue), (0, 1e308), (0, double.MaxValue), (-1e308, 0), (0, 1e-300),
                (-1e-300, 1e-300), (0, 5e-324), (1e15, 1e15 + 1), (1e300, 1.0000001e300), (-1, 0), (0, 1),
            ];
            var (min, max) = random.Pick(scales);
            var decimals = random.Next(7);
            return new DocumentMutation(
                string.Create(CultureInfo.InvariantCulture, $"scale [{min:R}, {max:R}], {decimals} decimals, bands spread over it, phase band overrides removed"),
                (_, root) =>
                {
                    if (root is not JsonObject obj)
                    {
                        return root;
                    }

                    obj["scale"] = new JsonObject { ["min"] = min, ["max"] = max, ["decimals"] = decimals };
                    if (obj["bands"] is JsonArray bands)
                    {
                        for (var i = 0; i < bands.Count; i++)
                        {
                            if (bands[i] is JsonObject band)
                            {
                                var share = i / (double)bands.Count;
                                band["lowerBound"] = i == 0 ? min : (min * (1 - share)) + (max * share);
                            }
                        }
                    }

                    foreach (var phase in (obj["phases"] as JsonArray ?? []).OfType<JsonObject>())
                    {
                        phase.Remove("bands");
                    }

                    return root;
                });
        }

        private DocumentMutation ExtremeWeights()
        {
            var weight = random.Pick([1e308, double.MaxValue, 5e-324, 1e-300, 1e-320, 1e300]);
            var scope = random.Next(3);
            var what = scope switch
            {
                0 => "every group's weight",
                1 => "every metric's weight",
                _ => "every phase weight",
            };
            return new DocumentMutation(string.Create(CultureInfo.InvariantCulture, $"{what} = {weight:R}"), (_, root) =>
            {
                foreach (var location in Locations(root))
                {
                    if (location.Node is not JsonObject obj)
                    {
                        continue;
                    }

                    var parentKey = location.ParentKey;
                    if ((scope == 0 && parentKey == "groups" && obj.ContainsKey("metrics"))
                        || (scope == 1 && parentKey == "metrics" && obj.ContainsKey("scoring")))
                    {
                        obj["weight"] = weight;
                    }
                    else if (scope == 2 && location.Key == "weights")
                    {
                        foreach (var key in obj.Select(p => p.Key).ToList())
                        {
                            obj[key] = weight;
                        }
                    }
                }

                return root;
            });
        }

        // ---- Raw edits: positions are fractions of the length, so they replay on any document. ----

        private DocumentMutation Truncate()
        {
            var at = random.NextDouble();
            return new DocumentMutation(
                $"truncate at {at:P1}",
                bytes => bytes[..(int)(bytes.Length * at)]);
        }

        private DocumentMutation DeleteCharacter()
        {
            var at = random.NextDouble();
            return new DocumentMutation($"delete the character at {at:P1}", bytes =>
            {
                if (bytes.Length == 0)
                {
                    return bytes;
                }

                // Delete a whole UTF-8 sequence: back up to its lead byte, skip its continuation bytes.
                var start = (int)(bytes.Length * at);
                while (start > 0 && (bytes[start] & 0xC0) == 0x80)
                {
                    start--;
                }

                var end = start + 1;
                while (end < bytes.Length && (bytes[end] & 0xC0) == 0x80)
                {
                    end++;
                }

                return [.. bytes.AsSpan(0, start), .. bytes.AsSpan(end)];
            });
        }

        private DocumentMutation InsertCharacter()
        {
            var at = random.NextDouble();
            string[] characters = ["{", "}", "[", "]", "\"", ",", ":", "0", "1", "e", "-", ".", "\\", "/", "n", "t", " ", "\n", "あ", "🙂", "\u0000", "\u001f", "*", "/*", "//"];
            var character = random.Pick(characters);
            return new DocumentMutation($"insert '{Show(character)}' at {at:P1}", bytes =>
            {
                var position = (int)(bytes.Length * at);
                return [.. bytes.AsSpan(0, position), .. Encoding.UTF8.GetBytes(character), .. bytes.AsSpan(position)];
            });
        }

        private DocumentMutation InsertByte()
        {
            var at = random.NextDouble();
            byte[] values = [0xFF, 0xFE, 0xC3, 0x80, 0xE3, 0xED, 0xF4, 0x00, 0xEF];
            var value = random.Pick(values);
            return new DocumentMutation($"insert byte 0x{value:X2} at {at:P1}", bytes =>
            {
                var position = (int)(bytes.Length * at);
                return [.. bytes.AsSpan(0, position), value, .. bytes.AsSpan(position)];
            });
        }

        private DocumentMutation CopySpan()
        {
            var from = random.NextDouble();
            var to = random.NextDouble();
            var length = 1 + random.Next(64);
            return new DocumentMutation($"copy {length} bytes from {from:P1} to {to:P1}", bytes =>
            {
                var start = (int)(bytes.Length * from);
                var take = Math.Min(length, bytes.Length - start);
                var position = (int)(bytes.Length * to);
                return [.. bytes.AsSpan(0, position), .. bytes.AsSpan(start, take), .. bytes.AsSpan(position)];
            });
        }
    }
}
