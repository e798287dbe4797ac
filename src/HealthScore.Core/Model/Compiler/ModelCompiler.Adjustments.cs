using HealthScore.Core.Rules;

namespace HealthScore.Core.Model;

/// <summary>The adjustments (conditional points) and the override policy of a definition.</summary>
internal sealed partial class ModelCompiler
{
    private Adjustment[] BindAdjustments(ModelSymbols symbols, AccountSchema account, List<RuleError> errors)
    {
        var definitions = _definition.Adjustments;
        if (definitions is null)
        {
            Error("adjustments", "must be a list, not null; leave it out when the model has none.");
            return [];
        }

        var scale = _definition.Scale;
        var range = scale is null ? double.NaN : scale.Max - scale.Min;
        var phaseCount = (_definition.Phases?.Count ?? 0) + 1;
        var compiler = new RuleCompiler(symbols, account, RuleScope.Phase);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var adjustments = new List<Adjustment>();
        for (var i = 0; i < definitions.Count; i++)
        {
            var path = Index(string.Empty, "adjustments", i);
            var definition = definitions[i];
            if (definition is null)
            {
                Error(path, "must be an adjustment, not null.");
                continue;
            }

            var before = _errors.Count;
            var id = ValidateId(definition.Id, path, unique: false);
            if (id is not null && !seen.TryAdd(id, i))
            {
                Error(path + ".id", Format($"'{id}' is already used by adjustments[{seen[id]}]: adjustment ids must be unique."));
            }

            ValidateText(definition.Label, path + ".label", HealthModelLimits.MaxLabelLength, required: false);
            if (!double.IsFinite(definition.Points) || definition.Points == 0)
            {
                Error(path + ".points", "must be a number of points other than 0, e.g. -3 to subtract three points.");
            }
            else if (double.IsFinite(range) && Math.Abs(definition.Points) > range)
            {
                Error(path + ".points", Format($"is {definition.Points}, more than the whole scale ({range} points)."));
            }

            var phases = PhaseMask(definition.Phases, path, phaseCount);
            var ruleErrors = errors.Count;
            var program = compiler.Compile(i, definition.When, errors);
            for (var e = ruleErrors; e < errors.Count; e++)
            {
                _errors.Add(errors[e].ToModelError("adjustments"));
            }

            if (program is not null && phases is not null && _errors.Count == before)
            {
                var label = string.IsNullOrEmpty(definition.Label) ? id! : definition.Label;
                adjustments.Add(new Adjustment(adjustments.Count, id!, label, definition.Points, new Rule(id!, definition.When, program), phases));
            }
        }

        return [.. adjustments];
    }

    private bool[]? PhaseMask(List<string>? ids, string path, int phaseCount)
    {
        var mask = new bool[phaseCount];
        if (ids is null || ids.Count == 0)
        {
            Array.Fill(mask, true);
            return ids is null ? Invalid(path + ".phases", "must be a list of phase ids, not null; leave it out to apply in every phase.") : mask;
        }

        var valid = true;
        for (var i = 0; i < ids.Count; i++)
        {
            if (ids[i] is { } id && _phaseIds.TryGetValue(id, out var index))
            {
                mask[index] = true;
                continue;
            }

            valid = false;
            var name = ids[i] ?? "null";
            Error(Format($"{path}.phases[{i}]"), Format($"'{ErrorText.Quote(name)}' is not a phase of this model.{(ids[i] is null ? string.Empty : Suggest(name, _phaseIds.Keys))}"));
        }

        return valid ? mask : null;
    }

    private bool[]? Invalid(string path, string message)
    {
        Error(path, message);
        return null;
    }

    private OverridePolicy ValidateOverrides()
    {
        var policy = _definition.Overrides;
        if (policy is null)
        {
            Error("overrides", "must be an object, not null; leave it out to allow overrides without limits.");
            return OverridePolicy.Default;
        }

        if (policy.MaxValidityDays is { } days && (days < 1 || days > HealthModelLimits.MaxAgeDays))
        {
            Error("overrides.maxValidityDays", Format($"must be a whole number of days from 1 to {HealthModelLimits.MaxAgeDays}, e.g. 90."));
        }

        return new OverridePolicy(policy.Allowed, policy.MaxValidityDays, policy.RequireComment);
    }
}
