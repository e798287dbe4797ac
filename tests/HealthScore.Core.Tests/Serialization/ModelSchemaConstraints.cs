using System.Text.Json.Nodes;
using HealthScore.Core.Actions;
using HealthScore.Core.Model;
using HealthScore.Core.Rules;
using HealthScore.Core.Scoring;

namespace HealthScore.Core.Tests.Serialization;

/// <summary>
/// The checks of the model compiler (src/HealthScore.Core/Model/Compiler, the scoring functions' <c>Validate</c>, the
/// rule and action binders) that a JSON Schema can state, so an editor flags them as the document is written.
/// Checks across items or against other parts of the document (unique ids, references by id, ascending bounds, rule
/// syntax) stay with the compiler; <see cref="ModelSchemaInvalidDocumentTests"/> pins both sides.
/// </summary>
internal static class ModelSchemaConstraints
{
    /// <summary>The compiler's id rule (<c>ModelCompiler.IdPattern</c>, <c>AccountSchemaBuilder</c>, categories).</summary>
    public const string IdPattern = "^[A-Za-z_][A-Za-z0-9_]*$";

    /// <summary>The compiler's colour rule: <c>#RRGGBB</c>.</summary>
    public const string ColorPattern = "^#[0-9A-Fa-f]{6}$";

    /// <summary>Text that is not only white space (the compiler's <c>string.IsNullOrWhiteSpace</c>).</summary>
    private const string NotBlankPattern = "\\S";

    /// <summary>A host's own text key: camelCase words joined by at least one dot.</summary>
    private const string PrefixedTextKeyPattern = "^[a-z][A-Za-z0-9]*(\\.[a-z][A-Za-z0-9]*)+$";

    private const int MaxDecimals = 6;
    private const double MaxCooldownDays = 36_500;

    public static void ApplyProperty(Type type, string name, JsonObject node)
    {
        switch ((type.Name, name))
        {
            case (nameof(HealthModelDefinition), nameof(HealthModelDefinition.FormatVersion)):
                node["enum"] = new JsonArray(1, 2);
                break;
            case (nameof(HealthModelDefinition), nameof(HealthModelDefinition.Id)):
            case (nameof(ActionDefinition), nameof(ActionDefinition.Group)):
                node["maxLength"] = HealthModelLimits.MaxIdLength;
                break;
            case (nameof(HealthModelDefinition), nameof(HealthModelDefinition.Label)):
            case (nameof(HealthModelDefinition), nameof(HealthModelDefinition.Version)):
            case (nameof(HealthModelDefinition), nameof(HealthModelDefinition.DefaultPhaseLabel)):
            case (nameof(MetricDefinition), nameof(MetricDefinition.Unit)):
            case (nameof(AdjustmentDefinition), nameof(AdjustmentDefinition.Label)):
            case (nameof(ActionDefinition), nameof(ActionDefinition.OwnerRole)):
            case (nameof(MetricCategory), nameof(MetricCategory.Label)):
                node["maxLength"] = HealthModelLimits.MaxLabelLength;
                break;
            case (nameof(HealthModelDefinition), nameof(HealthModelDefinition.MinimumCoverage)):
            case (nameof(MetricDefinition), nameof(MetricDefinition.MissingValue)):
            case (nameof(ScoringPoint), nameof(ScoringPoint.Score)):
            case (nameof(ScoringTier), nameof(ScoringTier.Score)):
            case (nameof(MetricCategory), nameof(MetricCategory.Score)):
            case (nameof(CalibrationBin), nameof(CalibrationBin.ChurnRate)):
            case (nameof(CalibrationBin), nameof(CalibrationBin.Lower)):
            case (nameof(CalibrationBin), nameof(CalibrationBin.Upper)):
                Range(node, 0, 1);
                break;
            case (nameof(HealthModelDefinition), nameof(HealthModelDefinition.Groups)):
            case (nameof(ProfileDefinition), nameof(ProfileDefinition.Groups)):
            case (nameof(CalibrationDefinition), nameof(CalibrationDefinition.Bins)):
                node["minItems"] = 1;
                break;
            case (nameof(HealthModelDefinition), nameof(HealthModelDefinition.DefaultPhase)):
            case (nameof(HealthModelDefinition), nameof(HealthModelDefinition.DefaultProfile)):
            case (nameof(GroupDefinition), nameof(GroupDefinition.Id)):
            case (nameof(MetricDefinition), nameof(MetricDefinition.Id)):
            case (nameof(BandDefinition), nameof(BandDefinition.Id)):
            case (nameof(PhaseDefinition), nameof(PhaseDefinition.Id)):
            case (nameof(ProfileDefinition), nameof(ProfileDefinition.Id)):
            case (nameof(ProfileGroupDefinition), nameof(ProfileGroupDefinition.Id)):
            case (nameof(ProfileMetricDefinition), nameof(ProfileMetricDefinition.Id)):
            case (nameof(AdjustmentDefinition), nameof(AdjustmentDefinition.Id)):
            case (nameof(MetricCategory), nameof(MetricCategory.Id)):
            case (nameof(ReportDefinition), nameof(ReportDefinition.MatrixX)):
            case (nameof(ReportDefinition), nameof(ReportDefinition.MatrixY)):
            case (nameof(RollupDefinition), nameof(RollupDefinition.WeightField)):
            case (nameof(RollupDefinition), nameof(RollupDefinition.Band)):
            case (nameof(RuleDefinition), nameof(RuleDefinition.Then)):
            case (nameof(ActionDefinition), nameof(ActionDefinition.Consent)):
                Id(node);
                break;
            case (nameof(GroupDefinition), nameof(GroupDefinition.Label)):
            case (nameof(MetricDefinition), nameof(MetricDefinition.Label)):
            case (nameof(BandDefinition), nameof(BandDefinition.Label)):
            case (nameof(PhaseDefinition), nameof(PhaseDefinition.Label)):
            case (nameof(ProfileDefinition), nameof(ProfileDefinition.Label)):
            case (nameof(ProfileGroupDefinition), nameof(ProfileGroupDefinition.Label)):
            case (nameof(ActionDefinition), nameof(ActionDefinition.Title)):
                node["pattern"] = NotBlankPattern;
                node["maxLength"] = HealthModelLimits.MaxLabelLength;
                break;
            case (nameof(RuleDefinition), nameof(RuleDefinition.Id)):
            case (nameof(ActionDefinition), nameof(ActionDefinition.Id)):
                node["minLength"] = 1;
                node["maxLength"] = HealthModelLimits.MaxIdLength;
                break;
            case (nameof(RuleDefinition), nameof(RuleDefinition.When)):
            case (nameof(ActionDefinition), nameof(ActionDefinition.When)):
            case (nameof(AdjustmentDefinition), nameof(AdjustmentDefinition.When)):
                node["minLength"] = 1;
                node["maxLength"] = HealthModelLimits.MaxRuleLength;
                break;
            case (nameof(ActionDefinition), nameof(ActionDefinition.Message)):
                node["maxLength"] = HealthModelLimits.MaxTemplateLength;
                break;
            case (nameof(HealthModelDefinition), nameof(HealthModelDefinition.InsufficientData)):
                // Read into the default band, so a document may give only what it changes.
                node.Remove("required");
                break;
            case (nameof(MetricDefinition), nameof(MetricDefinition.Scoring)):
                node["type"] = "object";
                break;
            case (nameof(BandDefinition), nameof(BandDefinition.Color)):
                node["pattern"] = ColorPattern;
                break;
            case (nameof(ScaleDefinition), nameof(ScaleDefinition.Min)):
            case (nameof(ScaleDefinition), nameof(ScaleDefinition.Max)):
                Range(node, -HealthModelLimits.MaxScaleMagnitude, HealthModelLimits.MaxScaleMagnitude);
                break;
            case (nameof(ScaleDefinition), nameof(ScaleDefinition.Decimals)):
                Range(node, 0, MaxDecimals);
                break;
            case (nameof(GroupDefinition), nameof(GroupDefinition.Weight)):
            case (nameof(MetricDefinition), nameof(MetricDefinition.Weight)):
            case (nameof(ProfileGroupDefinition), nameof(ProfileGroupDefinition.Weight)):
            case (nameof(ProfileMetricDefinition), nameof(ProfileMetricDefinition.Weight)):
                Weight(node);
                break;
            case (nameof(PhaseDefinition), nameof(PhaseDefinition.Weights)):
                Keys(node, IdPattern);
                if (node["additionalProperties"] is JsonObject weight)
                {
                    Weight(weight);
                }

                break;
            case (nameof(PhaseDefinition), nameof(PhaseDefinition.Scoring)):
                Keys(node, IdPattern);
                break;
            case (nameof(PhaseDefinition), nameof(PhaseDefinition.Bands)):
            case (nameof(CalibrationDefinition), nameof(CalibrationDefinition.Phases)):
                Keys(node, IdPattern);
                if (node["additionalProperties"] is JsonObject { } bins && bins.ContainsKey("items"))
                {
                    bins["minItems"] = 1;
                }

                break;
            case (nameof(MetricDefinition), nameof(MetricDefinition.MaxAgeDays)):
                Range(node, 0, HealthModelLimits.MaxAgeDays);
                break;
            case (nameof(OverridePolicyDefinition), nameof(OverridePolicyDefinition.MaxValidityDays)):
                Range(node, 1, HealthModelLimits.MaxAgeDays);
                break;
            case (nameof(TrendDefinition), nameof(TrendDefinition.DeadBand)):
            case (nameof(ActionDefinition), nameof(ActionDefinition.CooldownTimes)):
            case (nameof(CalibrationBin), nameof(CalibrationBin.Accounts)):
            case (nameof(CalibrationBin), nameof(CalibrationBin.Churned)):
                node["minimum"] = 0;
                break;
            case (nameof(ActionDefinition), nameof(ActionDefinition.AfterConsecutiveMatches)):
            case (nameof(RollupDefinition), nameof(RollupDefinition.MinimumChildren)):
            case (nameof(CalibrationDefinition), nameof(CalibrationDefinition.HorizonDays)):
                node["minimum"] = 1;
                break;
            case (nameof(CalibrationDefinition), nameof(CalibrationDefinition.ConfidenceLevel)):
                node["exclusiveMinimum"] = 0;
                node["exclusiveMaximum"] = 1;
                break;
            case (nameof(AdjustmentDefinition), nameof(AdjustmentDefinition.Points)):
            case (nameof(LogisticScoring), nameof(LogisticScoring.Steepness)):
                node["not"] = new JsonObject { ["const"] = 0 };
                break;
            case (nameof(AdjustmentDefinition), nameof(AdjustmentDefinition.Phases)):
                if (node["items"] is JsonObject phase)
                {
                    Id(phase);
                }

                break;
            case (nameof(TargetRatioScoring), nameof(TargetRatioScoring.Target)):
                node["exclusiveMinimum"] = 0;
                break;
            case (nameof(PiecewiseLinearScoring), nameof(PiecewiseLinearScoring.Points)):
            case (nameof(TierScoring), nameof(TierScoring.Tiers)):
                node["minItems"] = 2;
                break;
            case (nameof(PeakedScoring), nameof(PeakedScoring.Points)):
                node["minItems"] = 3;
                break;
            case (nameof(CategoryScoring), nameof(CategoryScoring.Categories)):
                node["minItems"] = 2;
                node["maxItems"] = HealthModelLimits.MaxCategories;
                break;
            case (nameof(AccountDefinition), _):
                if (node["items"] is JsonObject field)
                {
                    Id(field);
                    node["uniqueItems"] = true;
                }

                break;
            case (nameof(HealthModelDefinition), nameof(HealthModelDefinition.ActionKinds)):
                if (node["items"] is JsonObject kind)
                {
                    kind["pattern"] = NotBlankPattern;
                    kind["maxLength"] = HealthModelLimits.MaxIdLength;
                }

                break;
            case (nameof(HealthModelDefinition), nameof(HealthModelDefinition.Texts)):
                node["propertyNames"] = new JsonObject
                {
                    ["maxLength"] = HealthModelLimits.MaxIdLength,
                    ["anyOf"] = new JsonArray(
                        new JsonObject { ["enum"] = new JsonArray([.. TextKeys.Defaults.Keys.Order(StringComparer.Ordinal).Select(k => JsonValue.Create(k))]) },
                        new JsonObject { ["pattern"] = PrefixedTextKeyPattern }),
                };
                if (node["additionalProperties"] is JsonObject text)
                {
                    text["maxLength"] = HealthModelLimits.MaxLabelLength;
                }

                break;
        }
    }

    /// <summary>What an object needs, beyond its properties' own constraints.</summary>
    public static void ApplyType(Type type, JsonObject node)
    {
        if (node["properties"]?["type"] is JsonObject { } discriminator && discriminator["const"] is { } name && !discriminator.ContainsKey("description"))
        {
            discriminator.Insert(0, "description", "The scoring function's type: " + name.GetValue<string>() + ".");
        }

        switch (type.Name)
        {
            case nameof(GroupDefinition):
                Required(node, "id", "label");
                // A group holds at least one metric or one group.
                node["anyOf"] = new JsonArray(NonEmpty("metrics"), NonEmpty("groups"));
                break;
            case nameof(ProfileGroupDefinition):
                Required(node, "id", "label");
                node["anyOf"] = new JsonArray(NonEmpty("metrics"), NonEmpty("groups"));
                break;
            case nameof(MetricDefinition):
                Required(node, "id", "label", "scoring");
                MetricRules(node);
                break;
            case nameof(BandDefinition):
            case nameof(PhaseDefinition):
                Required(node, "id", "label");
                break;
            case nameof(ProfileDefinition):
                Required(node, "id", "label", "groups");
                break;
            case nameof(ProfileMetricDefinition):
            case nameof(MetricCategory):
                Required(node, "id");
                break;
            case nameof(RuleDefinition):
                Required(node, "id", "when", "then");
                break;
            case nameof(ActionDefinition):
                Required(node, "id", "title", "when");
                // A cooldown of some times needs the days it lasts.
                node["if"] = new JsonObject { ["required"] = new JsonArray("cooldownTimes"), ["properties"] = new JsonObject { ["cooldownTimes"] = new JsonObject { ["minimum"] = 1 } } };
                node["then"] = new JsonObject
                {
                    ["required"] = new JsonArray("cooldownDays"),
                    ["properties"] = new JsonObject { ["cooldownDays"] = new JsonObject { ["exclusiveMinimum"] = 0, ["maximum"] = MaxCooldownDays } },
                };
                break;
            case nameof(AdjustmentDefinition):
                Required(node, "id", "when", "points");
                break;
            case nameof(RollupDefinition):
                RollupRules(node);
                break;
            case nameof(LinearScoring):
            case nameof(BoundedLinearScoring):
                // Both default to 0, and a function whose worst equals its best cannot tell accounts apart.
                node["anyOf"] = new JsonArray(new JsonObject { ["required"] = new JsonArray("worst") }, new JsonObject { ["required"] = new JsonArray("best") });
                break;
            case nameof(PiecewiseLinearScoring):
            case nameof(PeakedScoring):
                Required(node, "points");
                break;
            case nameof(TierScoring):
                Required(node, "tiers");
                break;
            case nameof(CategoryScoring):
                Required(node, "categories");
                break;
        }
    }

    /// <summary>Rules over the whole document: its groups, and its bands or band scheme.</summary>
    public static void ApplyDocumentRules(JsonObject schema)
    {
        Required(schema, "groups");
        // Either the document lists its bands, or a band scheme stands for them and bands stay empty.
        schema["if"] = new JsonObject
        {
            ["required"] = new JsonArray("bandScheme"),
            ["properties"] = new JsonObject { ["bandScheme"] = new JsonObject { ["type"] = "string" } },
        };
        schema["then"] = new JsonObject { ["properties"] = new JsonObject { ["bands"] = new JsonObject { ["maxItems"] = 0 } } };
        schema["else"] = new JsonObject
        {
            ["required"] = new JsonArray("bands"),
            ["properties"] = new JsonObject { ["bands"] = new JsonObject { ["minItems"] = 1 } },
        };

        // Without kinds of its own, an action's kind is one of the built-in kinds.
        schema["anyOf"] = new JsonArray(
            new JsonObject { ["required"] = new JsonArray("actionKinds"), ["properties"] = new JsonObject { ["actionKinds"] = new JsonObject { ["minItems"] = 1 } } },
            new JsonObject
            {
                ["properties"] = new JsonObject
                {
                    ["actions"] = new JsonObject
                    {
                        ["items"] = new JsonObject
                        {
                            ["properties"] = new JsonObject { ["kind"] = new JsonObject { ["enum"] = new JsonArray([.. ActionKinds.All.Select(k => JsonValue.Create(k))]) } },
                        },
                    },
                },
            });
    }

    private static void MetricRules(JsonObject node)
    {
        node["allOf"] = new JsonArray(
            // missingValue belongs to the fixed policy, which needs it.
            new JsonObject
            {
                ["if"] = new JsonObject { ["required"] = new JsonArray("missing"), ["properties"] = new JsonObject { ["missing"] = new JsonObject { ["const"] = "fixed" } } },
                ["then"] = new JsonObject { ["required"] = new JsonArray("missingValue"), ["properties"] = new JsonObject { ["missingValue"] = new JsonObject { ["type"] = "number" } } },
                ["else"] = new JsonObject { ["properties"] = new JsonObject { ["missingValue"] = new JsonObject { ["type"] = "null" } } },
            },
            // A categorical metric has no direction: each category has its own score.
            new JsonObject
            {
                ["if"] = new JsonObject
                {
                    ["required"] = new JsonArray("scoring"),
                    ["properties"] = new JsonObject { ["scoring"] = new JsonObject { ["required"] = new JsonArray("type"), ["properties"] = new JsonObject { ["type"] = new JsonObject { ["const"] = "categories" } } } },
                },
                ["then"] = new JsonObject { ["properties"] = new JsonObject { ["direction"] = new JsonObject { ["type"] = "null" } } },
            });
    }

    private static void RollupRules(JsonObject node)
    {
        node["allOf"] = new JsonArray(
            Only("valueWeighted", "weightField"),
            Only("shareInBand", "band"));

        // The property is required by its method and read by no other.
        static JsonObject Only(string method, string property) => new()
        {
            ["if"] = new JsonObject { ["required"] = new JsonArray("method"), ["properties"] = new JsonObject { ["method"] = new JsonObject { ["const"] = method } } },
            ["then"] = new JsonObject { ["required"] = new JsonArray(property), ["properties"] = new JsonObject { [property] = new JsonObject { ["type"] = "string" } } },
            ["else"] = new JsonObject { ["properties"] = new JsonObject { [property] = new JsonObject { ["type"] = "null" } } },
        };
    }

    private static JsonObject NonEmpty(string property) => new()
    {
        ["required"] = new JsonArray(property),
        ["properties"] = new JsonObject { [property] = new JsonObject { ["minItems"] = 1 } },
    };

    private static void Required(JsonObject node, params string[] names)
    {
        var required = node["required"] as JsonArray ?? [];
        foreach (var name in names)
        {
            if (!required.Any(r => r?.GetValue<string>() == name))
            {
                required.Add(name);
            }
        }

        node["required"] = required;
    }

    private static void Id(JsonObject node)
    {
        node["pattern"] = IdPattern;
        node["maxLength"] = HealthModelLimits.MaxIdLength;
    }

    private static void Keys(JsonObject node, string pattern) =>
        node["propertyNames"] = new JsonObject { ["pattern"] = pattern, ["maxLength"] = HealthModelLimits.MaxIdLength };

    private static void Weight(JsonObject node) => Range(node, HealthModelLimits.MinimumWeight, HealthModelLimits.MaximumWeight);

    private static void Range(JsonObject node, double minimum, double maximum)
    {
        node["minimum"] = minimum;
        node["maximum"] = maximum;
    }
}
