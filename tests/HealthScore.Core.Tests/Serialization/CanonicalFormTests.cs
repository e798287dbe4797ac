using System.Collections;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using HealthScore.Core.Model;
using HealthScore.Core.Scoring;
using HealthScore.Core.Serialization;
using HealthScore.Core.Tests.Scoring;

namespace HealthScore.Core.Tests.Serialization;

/// <summary>
/// The canonical form read from the definition's objects is byte for byte the one written by serializing the
/// definition and rewriting the document, whatever the definition holds.
/// </summary>
public sealed class CanonicalFormTests
{
    private static readonly string Root = TestPaths.RepositoryRoot();

    public static TheoryData<string> Documents() =>
    [
        .. Directory.GetFiles(Path.Combine(Root, "docs", "models"), "*.json")
            .Concat(Directory.GetFiles(Path.Combine(Root, "tests", "HealthScore.Core.Tests", "Serialization", "FormatVersion1"), "*.json"))
            .Select(p => Path.GetRelativePath(Root, p))
            .Order(StringComparer.Ordinal),
    ];

    [Theory]
    [MemberData(nameof(Documents))]
    public void Write_Document_SameBytesAsTheSerializedForm(string path)
    {
        var definition = HealthModelDocument.Parse(File.ReadAllText(Path.Combine(Root, path)));

        AssertSame(definition, ScoringFunctionTypes.Default);
    }

    [Theory]
    [InlineData("docs/models/saas.en.json")]
    [InlineData("docs/models/members.ja.json")]
    [InlineData("docs/models/telecom-churn.tuned.json")]
    public void Write_EachValueOfADocumentChanged_SameBytesAsTheSerializedForm(string path)
    {
        var original = JsonNode.Parse(File.ReadAllText(Path.Combine(Root, path)), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!;
        var leaves = new List<string>();
        Collect(original, "$", leaves);
        var checkedCount = 0;
        foreach (var leaf in leaves)
        {
            foreach (var change in new Func<JsonValue, JsonValue?>[] { Changed, ToZero })
            {
                var copy = original.DeepClone();
                var target = Find(copy, leaf);
                if (change(target) is not { } replacement)
                {
                    continue;
                }

                target.ReplaceWith(replacement);
                HealthModelDefinition definition;
                try
                {
                    definition = HealthModelDocument.Parse(copy.ToJsonString());
                }
                catch (HealthModelException)
                {
                    continue;
                }

                AssertSame(definition, ScoringFunctionTypes.Default, leaf);
                checkedCount++;
            }
        }

        Assert.True(checkedCount > leaves.Count, $"{checkedCount} changed documents read, of {leaves.Count} values");
    }

    [Fact]
    public void Write_EveryPropertyOfEveryTypeSet_SameBytesAsTheSerializedForm()
    {
        var types = ScoringFunctionTypes.Default;
        for (var seed = 0; seed < 40; seed++)
        {
            var random = new Random(seed);
            var definition = (HealthModelDefinition)Populate(types.Options.GetTypeInfo(typeof(HealthModelDefinition)), random, depth: 0)!;

            AssertSame(definition, types, $"seed {seed}");
        }
    }

    [Fact]
    public void Write_DefaultsWrittenOut_SameBytesAsANewDefinition()
    {
        var written = new HealthModelDefinition
        {
            SchemaUri = "../model.schema.json",
            FormatVersion = 2,
            Thresholds = ThresholdBoundary.IncludeLower,
            Scale = new ScaleDefinition(),
            Texts = new Dictionary<string, string>(StringComparer.Ordinal),
        };

        Assert.Equal(CanonicalForm.Write(new HealthModelDefinition(), ScoringFunctionTypes.Default), CanonicalForm.Write(written, ScoringFunctionTypes.Default));
        AssertSame(written, ScoringFunctionTypes.Default);
    }

    [Fact]
    public void Write_RegisteredScoringFunction_SameBytesAsTheSerializedForm()
    {
        var definition = HealthModelDocument.Parse(File.ReadAllText(Path.Combine(Root, "docs", "models", "saas.en.json")));
        var metric = definition.Groups.SelectMany(g => g.Metrics).First();
        metric.Scoring = new ThresholdScoring { Threshold = 3.5 };

        var direct = CanonicalForm.Write(definition, CustomScoring.Types);

        AssertSame(definition, CustomScoring.Types);
        Assert.Contains("{\"threshold\":3.5,\"type\":\"threshold\"}", Encoding.UTF8.GetString(direct), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_LoneSurrogateAndNegativeZero_SameBytesAsTheSerializedForm()
    {
        var definition = HealthModelDocument.Parse(File.ReadAllText(Path.Combine(Root, "docs", "models", "saas.en.json")));
        definition.Label = "broken \uD800 text";
        definition.Groups[0].Weight = -0.0;
        definition.Texts["score"] = "\uDC00";

        AssertSame(definition, ScoringFunctionTypes.Default);
    }

    private static void AssertSame(HealthModelDefinition definition, ScoringFunctionTypes types, string? where = null)
    {
        var expected = CanonicalForm.WriteFromDocument(definition, types);
        var actual = CanonicalForm.Write(definition, types);
        if (!expected.AsSpan().SequenceEqual(actual))
        {
            var a = Encoding.UTF8.GetString(expected);
            var b = Encoding.UTF8.GetString(actual);
            var at = 0;
            while (at < Math.Min(a.Length, b.Length) && a[at] == b[at])
            {
                at++;
            }

            var from = Math.Max(0, at - 80);
            Assert.Fail($"{where}: the forms differ at {at}:\nserialized …{a[from..Math.Min(a.Length, at + 80)]}\ndirect     …{b[from..Math.Min(b.Length, at + 80)]}");
        }
    }

    private static void Collect(JsonNode? node, string path, List<string> leaves)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, child) in o)
                {
                    Collect(child, path + "['" + name + "']", leaves);
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    Collect(a[i], path + "[" + i + "]", leaves);
                }

                break;
            case JsonValue:
                leaves.Add(path);
                break;
        }
    }

    private static JsonValue Find(JsonNode root, string path)
    {
        var node = root;
        foreach (var part in path[1..].Split(']', StringSplitOptions.RemoveEmptyEntries))
        {
            var key = part[1..];
            node = key.StartsWith('\'') ? node![key[1..^1]] : node![int.Parse(key, System.Globalization.CultureInfo.InvariantCulture)];
        }

        return (JsonValue)node!;
    }

    private static JsonValue? Changed(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.Number => JsonValue.Create(value.GetValue<double>() + 1),
        JsonValueKind.String => JsonValue.Create(value.GetValue<string>() + "é"),
        JsonValueKind.True => JsonValue.Create(false),
        JsonValueKind.False => JsonValue.Create(true),
        _ => null,
    };

    private static JsonValue? ToZero(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.Number => JsonValue.Create(0),
        JsonValueKind.String => JsonValue.Create(string.Empty),
        _ => null,
    };

    /// <summary>A value of <paramref name="info"/>'s type with every property set, to values drawn from <paramref name="random"/>, defaults among them.</summary>
    private static object? Populate(JsonTypeInfo info, Random random, int depth)
    {
        var type = Nullable.GetUnderlyingType(info.Type) ?? info.Type;
        if (type == typeof(string))
        {
            return random.Next(5) switch { 0 => string.Empty, 1 => "health", 2 => "ラベル \"quoted\" \\ <b>", 3 => "1", _ => "x" + random.Next(100) };
        }

        if (type == typeof(double))
        {
            return random.Next(6) switch { 0 => 0.0, 1 => -0.0, 2 => 1.0, 3 => 0.1 + 0.2, 4 => 1e21, _ => random.NextDouble() * 100 };
        }

        if (type == typeof(int))
        {
            return random.Next(4) == 0 ? 0 : random.Next(-5, 200);
        }

        if (type == typeof(long))
        {
            return random.Next(3) == 0 ? 0L : random.NextInt64(long.MinValue, long.MaxValue);
        }

        if (type == typeof(bool))
        {
            return random.Next(2) == 0;
        }

        if (type.IsEnum)
        {
            var values = Enum.GetValuesAsUnderlyingType(type);
            return Enum.ToObject(type, values.GetValue(random.Next(values.Length))!);
        }

        if (type == typeof(DateTimeOffset))
        {
            return new DateTimeOffset(2026, 1 + random.Next(12), 1 + random.Next(28), random.Next(24), 0, 0, TimeSpan.FromHours(random.Next(-12, 13)));
        }

        if (type == typeof(DateOnly))
        {
            return new DateOnly(2026, 1 + random.Next(12), 1 + random.Next(28));
        }

        if (type == typeof(TimeSpan))
        {
            return TimeSpan.FromMinutes(random.Next(0, 10_000));
        }

        if (info.Kind == JsonTypeInfoKind.None)
        {
            throw new InvalidOperationException($"The test does not know how to make a {type}: add it.");
        }

        if (depth > 6 || random.Next(8) == 0)
        {
            return info.CreateObject?.Invoke();
        }

        var element = info.ElementType is { } e ? info.Options.GetTypeInfo(e) : null;
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Enumerable:
            {
                var list = (IList)info.CreateObject!();
                for (var count = random.Next(3); count > 0; count--)
                {
                    if (Populate(element!, random, depth + 1) is { } item)
                    {
                        list.Add(item);
                    }
                }

                return list;
            }

            case JsonTypeInfoKind.Dictionary:
            {
                var dictionary = (IDictionary)info.CreateObject!();
                for (var count = random.Next(4); count > 0; count--)
                {
                    dictionary[random.Next(3) == 0 ? "Zed" + count : "key" + random.Next(20)] = Populate(element!, random, depth + 1);
                }

                return dictionary;
            }
        }

        if (info.PolymorphismOptions is { } polymorphism)
        {
            var derived = polymorphism.DerivedTypes[random.Next(polymorphism.DerivedTypes.Count)];
            return Populate(info.Options.GetTypeInfo(derived.DerivedType), random, depth + 1);
        }

        var instance = info.CreateObject!();
        foreach (var property in info.Properties)
        {
            if (property.Set is null || random.Next(4) == 0)
            {
                continue;
            }

            var propertyInfo = info.Options.GetTypeInfo(property.PropertyType);
            var value = random.Next(10) == 0 && (!property.PropertyType.IsValueType || Nullable.GetUnderlyingType(property.PropertyType) is not null)
                ? null
                : Populate(propertyInfo, random, depth + 1);
            property.Set(instance, value);
        }

        return instance;
    }
}
