using System.Globalization;
using HealthScore.Core.Model;
using HealthScore.Core.Rules;

namespace HealthScore.Core.Actions;

public sealed partial class ActionEngine
{
    /// <summary>Validates and compiles action rules against a model, reporting every problem at once.</summary>
    /// <param name="model">The model the conditions are checked against.</param>
    /// <param name="actions">The action definitions.</param>
    /// <param name="schema">The account fields and consents conditions and templates may read, or <see langword="null"/> for none.</param>
    /// <param name="customKinds">Kinds the model defines besides <see cref="ActionKinds.All"/>, or <see langword="null"/>.</param>
    /// <returns>The engine.</returns>
    /// <exception cref="HealthModelException">A definition is invalid; every problem is listed with the action's id (and line and column for conditions).</exception>
    internal static ActionEngine Compile(HealthModel model, IReadOnlyList<ActionDefinition> actions, AccountSchema? schema = null, IReadOnlyCollection<string>? customKinds = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(actions);
        var errors = new List<RuleError>();
        var engine = Bind(ModelSymbols.From(model), actions, schema, customKinds, errors);
        RuleError.ThrowIfAny(errors, "actions");
        return engine!;
    }

    /// <summary>Binds action rules against a model's symbols; returns null when a problem was added to <paramref name="errors"/>.</summary>
    internal static ActionEngine? Bind(ModelSymbols symbols, IReadOnlyList<ActionDefinition?> actions, AccountSchema? schema, IReadOnlyCollection<string>? customKinds, List<RuleError> errors)
    {
        var before = errors.Count;
        var compiler = new RuleCompiler(symbols, schema, RuleScope.Full);
        var kinds = new List<string>(ActionKinds.All);
        if (customKinds is not null)
        {
            kinds.AddRange(customKinds);
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var groups = new Dictionary<string, int>(StringComparer.Ordinal);
        var compiled = new ActionRule[actions.Count];
        for (var i = 0; i < actions.Count; i++)
        {
            var definition = actions[i];
            if (definition is null)
            {
                errors.Add(new RuleError(i, null, ModelErrorKind.Value, 0, 0, "must be an action, not null."));
                continue;
            }

            var item = i;
            void Fail(string? property, string message) => errors.Add(new RuleError(item, property, ModelErrorKind.Value, 0, 0, message));
            var id = definition.Id;
            if (string.IsNullOrEmpty(id))
            {
                Fail("id", "is required: name the action, so history and cooldowns can follow it.");
                id = "#" + i.ToString(CultureInfo.InvariantCulture);
            }
            else if (id.Length > HealthModelLimits.MaxIdLength)
            {
                Fail("id", HealthModelLimits.TooLong("an id", id.Length, HealthModelLimits.MaxIdLength));
            }
            else if (!seen.TryAdd(id, i))
            {
                Fail("id", string.Create(CultureInfo.InvariantCulture, $"'{ErrorText.Quote(id)}' is already used by action {seen[id]}: action ids must be unique."));
            }

            if (string.IsNullOrWhiteSpace(definition.Title))
            {
                Fail("title", "is required: the text a person reads.");
            }
            else if (definition.Title.Length > HealthModelLimits.MaxLabelLength)
            {
                Fail("title", HealthModelLimits.TooLong("a title", definition.Title.Length, HealthModelLimits.MaxLabelLength));
            }

            if (definition.OwnerRole is { Length: > HealthModelLimits.MaxLabelLength } ownerRole)
            {
                Fail("ownerRole", HealthModelLimits.TooLong("an owner role", ownerRole.Length, HealthModelLimits.MaxLabelLength));
            }

            if (!kinds.Contains(definition.Kind))
            {
                var kind = definition.Kind ?? string.Empty;
                var suggestion = kind.Length <= HealthModelLimits.MaxIdLength ? IdSuggestions.DidYouMean(kind, kinds) : string.Empty;
                Fail("kind", $"'{ErrorText.Quote(kind)}' is not a kind of action.{suggestion} The kinds are {string.Join(", ", kinds)}; declare others in actionKinds.");
            }

            var consentIndex = -1;
            if (definition.Consent is not null)
            {
                consentIndex = compiler.ConsentIndex(definition.Consent);
                if (consentIndex < 0)
                {
                    Fail("consent", $"'{ErrorText.Quote(definition.Consent)}' is not a declared consent.{compiler.SuggestConsent(definition.Consent)} Declare consents in account.consents.");
                }
            }

            if (definition.CooldownTimes < 0)
            {
                Fail("cooldownTimes", "must be 0 (no cooldown) or a positive number of times.");
            }
            else if (definition.CooldownTimes > 0 && !(definition.CooldownDays > 0 && definition.CooldownDays <= MaxCooldownDays))
            {
                Fail("cooldownDays", "must be a positive number of days up to 36,500 when cooldownTimes is set.");
            }

            if (definition.AfterConsecutiveMatches < 1)
            {
                Fail("afterConsecutiveMatches", "must be at least 1.");
            }

            var groupIndex = -1;
            if (definition.Group is { } group)
            {
                if (group.Length > HealthModelLimits.MaxIdLength)
                {
                    Fail("group", HealthModelLimits.TooLong("a group name", group.Length, HealthModelLimits.MaxIdLength));
                }
                else if (!groups.TryGetValue(group, out groupIndex))
                {
                    groupIndex = groups.Count;
                    groups.Add(group, groupIndex);
                }
            }

            var itemBefore = errors.Count;
            var template = definition.Message is null ? null : MessageTemplate.Parse(i, definition.Message, compiler, errors);
            var program = compiler.Compile(i, definition.When, errors);
            if (program is not null && errors.Count == itemBefore)
            {
                compiled[i] = new ActionRule(i, definition, new Rule(id, definition.When!, program), consentIndex, groupIndex, template);
            }
        }

        return errors.Count == before ? new ActionEngine(compiled, groups.Count, symbols.MissingText) : null;
    }
}
