using System.Globalization;
using System.Text.RegularExpressions;
using HealthScore.Core.Scoring;

namespace HealthScore.Core.Model;

/// <summary>
/// Validates a definition completely — structure, values, rules and message templates in one pass, every problem
/// collected — and, only when it is valid, constructs the immutable <see cref="HealthModel"/> once.
/// </summary>
internal sealed partial class ModelCompiler
{
    private const int MaxDecimals = 6;

    private readonly HealthModelDefinition _definition;
    private readonly List<ModelError> _errors = [];
    private readonly List<MetricNode> _metrics = [];
    private readonly List<GroupNode> _groups = [];
    private readonly Dictionary<string, string> _idPaths = new(StringComparer.Ordinal);

    private readonly Serialization.ScoringFunctionTypes _types;

    private ModelCompiler(HealthModelDefinition definition, Serialization.ScoringFunctionTypes types)
    {
        _definition = definition;
        _types = types;
    }

    public static HealthModel Compile(HealthModelDefinition definition, Serialization.ScoringFunctionTypes types)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return new ModelCompiler(definition, types).Run();
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    [GeneratedRegex("^#[0-9A-Fa-f]{6}$", RegexOptions.CultureInvariant)]
    private static partial Regex ColorPattern();

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Index(string path, string list, int index) => Format($"{(path.Length == 0 ? string.Empty : path + ".")}{list}[{index}]");

    private HealthModel Run()
    {
        var d = _definition;
        ValidateScale(d.Scale);
        if (!double.IsFinite(d.MinimumCoverage) || d.MinimumCoverage < 0 || d.MinimumCoverage > 1)
        {
            Error("minimumCoverage", "must be a number between 0 and 1 (a share of the total weight), for example 0.5.");
        }

        if (!Enum.IsDefined(d.Aggregation))
        {
            Error("aggregation", "must be weightedMean, minimum or maximum.");
        }

        ValidateText(d.Id, "id", HealthModelLimits.MaxIdLength, required: false);
        ValidateText(d.Label, "label", HealthModelLimits.MaxLabelLength, required: false);
        ValidateText(d.Version, "version", HealthModelLimits.MaxLabelLength, required: false);
        ValidateGroups();
        var bandIds = ValidateBands();
        ValidateTrendAndTexts();
        var phases = ValidatePhases(bandIds);
        ValidateShares(phases);
        var matrix = ValidateReport();
        var rules = BindRules(bandIds);
        ValidateProfiles(bandIds, phases, rules.Account);
        var overrides = ValidateOverrides();
        ValidateRollup(bandIds);
        ValidateCalibration();

        if (_errors.Count > 0)
        {
            throw new HealthModelException(_errors.ToArray());
        }

        return Build(phases, matrix, rules, overrides);
    }

    private void Error(string path, string message) => _errors.Add(new ModelError(path, message));

    private void ValidateScale(ScaleDefinition? scale)
    {
        if (scale is null)
        {
            Error("scale", "is required, for example { \"min\": 0, \"max\": 100 }.");
            return;
        }

        var finite = true;
        if (!double.IsFinite(scale.Min))
        {
            Error("scale.min", "must be a finite number.");
            finite = false;
        }

        if (!double.IsFinite(scale.Max))
        {
            Error("scale.max", "must be a finite number.");
            finite = false;
        }

        foreach (var (bound, name) in new[] { (scale.Min, "min"), (scale.Max, "max") })
        {
            if (double.IsFinite(bound) && Math.Abs(bound) > HealthModelLimits.MaxScaleMagnitude)
            {
                Error("scale." + name, Format($"is {bound:G6}; a scale runs between -1e9 and 1e9, for example 0 to 100."));
                finite = false;
            }
        }

        if (finite && scale.Max <= scale.Min)
        {
            Error("scale.max", Format($"must be greater than scale.min ({scale.Min})."));
        }

        if (scale.Decimals < 0 || scale.Decimals > MaxDecimals)
        {
            Error("scale.decimals", Format($"must be a whole number from 0 to {MaxDecimals}."));
        }
    }

    /// <summary>Checks an id; returns it when it can be used in rules and lookups, or null.</summary>
    private string? ValidateId(string? id, string path, bool unique)
    {
        if (string.IsNullOrEmpty(id))
        {
            Error(path + ".id", "is required: letters, digits and underscores, starting with a letter or underscore.");
            return null;
        }

        if (id.Length > HealthModelLimits.MaxIdLength)
        {
            Error(path + ".id", HealthModelLimits.TooLong("an id", id.Length, HealthModelLimits.MaxIdLength));
            return null;
        }

        if (!IdPattern().IsMatch(id))
        {
            Error(path + ".id", Format($"'{ErrorText.Quote(id)}' is not a valid id: use letters, digits and underscores, starting with a letter or underscore (ids are used in rules, e.g. metrics.{ErrorText.Quote(id.Replace('-', '_').Replace(' ', '_'))})."));
            return null;
        }

        if (unique)
        {
            if (_idPaths.TryGetValue(id, out var firstPath))
            {
                Error(path + ".id", Format($"'{id}' is already used at {firstPath}: metric and group ids must be unique."));
                return null;
            }

            _idPaths.Add(id, path);
        }

        return id;
    }

    private void ValidateLabel(string? label, string path)
    {
        if (string.IsNullOrWhiteSpace(label))
        {
            Error(path + ".label", "is required: it is the name a person reads.");
            return;
        }

        ValidateText(label, path + ".label", HealthModelLimits.MaxLabelLength, required: true);
    }

    private void ValidateText(string? text, string path, int limit, bool required)
    {
        if (text is null)
        {
            if (required)
            {
                Error(path, "must be a string.");
            }

            return;
        }

        if (text.Length > limit)
        {
            Error(path, HealthModelLimits.TooLong("it", text.Length, limit));
        }
    }

    private bool ValidateWeight(double weight, string path)
    {
        if (!double.IsFinite(weight) || weight <= 0)
        {
            Error(path, Format($"must be a positive number; got {weight}. Weights are relative: any positive numbers, converted to shares."));
            return false;
        }

        if (weight < HealthModelLimits.MinimumWeight || weight > HealthModelLimits.MaximumWeight)
        {
            Error(path, Format($"is {weight:G6}; a weight must be from 1e-12 to 1e12. Weights are relative: scale them all by the same factor."));
            return false;
        }

        return true;
    }

    private static string Name(MetricDirection direction) =>
        direction == MetricDirection.HigherIsBetter ? "higherIsBetter" : "lowerIsBetter";

    private ScoringFunction? CompileFunction(ScoringFunctionDefinition definition, string path)
    {
        if (!_types.IsRegistered(definition.GetType()))
        {
            Error(path, Format($"is a '{ErrorText.Quote(definition.Type)}' function ({definition.GetType().Name}), a type that is not registered: compile with ScoringFunctionTypes.Default.With<T>(…), so documents can hold it and the model's hash covers it."));
            return null;
        }

        var before = _errors.Count;
        definition.Validate(path, _errors);
        return _errors.Count == before ? definition.Compile(_definition.Thresholds) : null;
    }

    private sealed class GroupNode(GroupDefinition definition, string path, int depth, GroupNode? parent)
    {
        public GroupDefinition Definition { get; } = definition;

        public string Path { get; } = path;

        public int Depth { get; } = depth;

        public GroupNode? Parent { get; } = parent;

        public int PostIndex { get; set; }
    }

    private sealed record MetricNode(MetricDefinition Definition, string Path, GroupNode Group, ScoringFunction? Function, MetricDirection Direction, double MissingValue);

    private sealed class PhaseOverrides(PhaseDefinition definition, string path)
    {
        public PhaseDefinition Definition { get; } = definition;

        public string Path { get; } = path;

        public Dictionary<string, double> Weights { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, ScoringFunction> Functions { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, double> Bands { get; } = new(StringComparer.Ordinal);
    }
}
