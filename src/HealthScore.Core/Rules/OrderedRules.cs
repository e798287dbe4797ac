using HealthScore.Core.Model;

namespace HealthScore.Core.Rules;

/// <summary>Binds a list of first-match-wins rules (phase rules, band exceptions, profile rules): ids, targets and conditions.</summary>
internal static class OrderedRules
{
    /// <summary>
    /// Binds every rule, adding each problem to <paramref name="errors"/>; a rule with a problem is left null in the
    /// result, so the list is complete only when no error was added.
    /// </summary>
    public static Rule?[] Bind(
        IReadOnlyList<RuleDefinition?> definitions,
        ModelSymbols? symbols,
        AccountSchema? schema,
        RuleScope scope,
        string kind,
        IReadOnlyCollection<string> targets,
        List<RuleError> errors)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        var compiler = new RuleCompiler(symbols, schema, scope);
        var rules = new Rule?[definitions.Count];
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < definitions.Count; i++)
        {
            var definition = definitions[i];
            if (definition is null)
            {
                errors.Add(new RuleError(i, null, ModelErrorKind.Value, 0, 0, $"must be a {kind} rule, not null."));
                continue;
            }

            var before = errors.Count;
            var id = definition.Id;
            if (string.IsNullOrEmpty(id))
            {
                errors.Add(new RuleError(i, "id", ModelErrorKind.Value, 0, 0, "is required: name the rule, so results can say which rule decided."));
                id = FormattableString.Invariant($"#{i}");
            }
            else if (id.Length > HealthModelLimits.MaxIdLength)
            {
                errors.Add(new RuleError(i, "id", ModelErrorKind.Value, 0, 0, HealthModelLimits.TooLong("an id", id.Length, HealthModelLimits.MaxIdLength)));
            }
            else if (!seen.TryAdd(id, i))
            {
                errors.Add(new RuleError(i, "id", ModelErrorKind.Value, 0, 0, FormattableString.Invariant($"'{ErrorText.Quote(id)}' is already used by rule {seen[id]}: {kind} rule ids must be unique.")));
            }

            var known = false;
            foreach (var target in targets)
            {
                known |= target == definition.Then;
            }

            if (!known)
            {
                var then = definition.Then ?? string.Empty;
                var suggestion = then.Length <= HealthModelLimits.MaxIdLength ? IdSuggestions.DidYouMean(then, targets) : string.Empty;
                errors.Add(new RuleError(i, "then", ModelErrorKind.Value, 0, 0, $"'{ErrorText.Quote(then)}' is not a {kind} of this model.{suggestion} The {kind}s are {string.Join(", ", targets)}."));
            }

            var program = compiler.Compile(i, definition.When, errors);
            if (program is not null && errors.Count == before)
            {
                rules[i] = new Rule(id, definition.When!, program);
            }
        }

        return rules;
    }

    /// <summary>Returns the index of the first rule whose condition holds, or -1. Allocates nothing.</summary>
    public static int FirstMatch(Rule[] rules, in RuleContext context)
    {
        for (var i = 0; i < rules.Length; i++)
        {
            if (rules[i].Program.Evaluate(context))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Returns the rules of a list bound without error.</summary>
    public static Rule[] Complete(Rule?[] rules)
    {
        var complete = new Rule[rules.Length];
        for (var i = 0; i < rules.Length; i++)
        {
            complete[i] = rules[i] ?? throw new InvalidOperationException("A rule list with errors cannot be completed.");
        }

        return complete;
    }
}
