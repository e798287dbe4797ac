using HealthScore.Core.Model;

namespace HealthScore.Core.Rules;

/// <summary>Compiles an ordered list of "when → then" rules, collecting every error, for the first-match-wins resolvers.</summary>
internal static class OrderedRules
{
    public static Rule[] Compile(
        IReadOnlyList<RuleDefinition> definitions,
        HealthModel? model,
        AccountSchema? schema,
        RuleScope scope,
        string kind,
        IReadOnlyCollection<string> targets,
        List<RuleError> errors)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        var compiler = new RuleCompiler(model, schema, scope);
        var rules = new Rule[definitions.Count];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < definitions.Count; i++)
        {
            var definition = definitions[i];
            if (definition is null)
            {
                errors.Add(new RuleError($"#{i}", 0, 0, $"{kind} rule {i} is null."));
                continue;
            }

            var id = string.IsNullOrEmpty(definition.Id) ? $"#{i}" : definition.Id;
            if (string.IsNullOrEmpty(definition.Id))
            {
                errors.Add(new RuleError(id, 0, 0, $"{kind} rule {i} has no id."));
            }
            else if (!seen.Add(definition.Id))
            {
                errors.Add(new RuleError(id, 0, 0, $"the id '{definition.Id}' is used by more than one {kind} rule."));
            }

            var known = false;
            foreach (var target in targets)
            {
                known |= target == definition.Then;
            }

            if (!known)
            {
                errors.Add(new RuleError(id, 0, 0, $"unknown {kind} '{definition.Then}'.{IdSuggestions.DidYouMean(definition.Then ?? string.Empty, targets)} The {kind}s are {string.Join(", ", targets)}."));
            }

            var program = compiler.Compile(id, definition.When, errors);
            if (program is not null)
            {
                rules[i] = new Rule(id, definition.When, program);
            }
        }

        return rules;
    }
}
