using HealthScore.Core.Actions;
using HealthScore.Core.Rules;

namespace HealthScore.Core.Model;

/// <summary>
/// The account schema, phase rules, band exceptions and actions of a definition, bound against the model's symbols
/// in the same pass as the rest, so rule errors come with every other error.
/// </summary>
internal sealed partial class ModelCompiler
{
    private BoundRules BindRules(Dictionary<string, int> bandIds)
    {
        var d = _definition;
        var account = ValidateAccount(d.Account);
        var symbols = ModelSymbols.Create(d.Texts?.GetValueOrDefault(TextKeys.Missing) ?? TextKeys.Defaults[TextKeys.Missing]);
        // Only ids that passed their own checks are names rules may use; the rest were reported already.
        for (var i = 0; i < _metrics.Count; i++)
        {
            if (_metrics[i].Definition.Id is { } id && _idPaths.GetValueOrDefault(id) == _metrics[i].Path)
            {
                symbols.AddMetric(id, i);
                if (_metrics[i].Function is Scoring.CategoryFunction categories)
                {
                    symbols.AddCategories(i, categories.Ids);
                }
            }
        }

        foreach (var group in _groups)
        {
            if (group.Definition.Id is { } id && _idPaths.GetValueOrDefault(id) == group.Path)
            {
                symbols.AddGroup(id, group.PostIndex);
            }
        }

        foreach (var (id, index) in bandIds)
        {
            symbols.AddBand(id, index);
        }

        if (d.InsufficientData?.Id is { Length: > 0 and <= HealthModelLimits.MaxIdLength } insufficient)
        {
            symbols.AddBand(insufficient, -1);
        }

        var phaseTargets = new List<string>();
        var phases = d.Phases ?? [];
        foreach (var (id, index) in _phaseIds)
        {
            symbols.AddPhase(id, index);
            phaseTargets.Add(id);
        }

        if (phases.Count == 0)
        {
            symbols.AddPhase(ImplicitPhaseId, 0);
            phaseTargets.Add(ImplicitPhaseId);
        }
        else if (d.DefaultPhase is null)
        {
            symbols.AddPhase(ImplicitPhaseId, phases.Count);
        }

        var errors = new List<RuleError>();
        var phaseRules = BindList("phaseRules", d.PhaseRules, list => OrderedRules.Bind(list, symbols, account, RuleScope.Phase, "phase", phaseTargets, errors), errors);
        var bandRules = BindList("bandExceptions", d.BandExceptions, list => OrderedRules.Bind(list, symbols, account, RuleScope.Full, "band", [.. bandIds.Keys], errors), errors);
        var kinds = ValidateActionKinds(d.ActionKinds);
        var engine = BindList("actions", d.Actions, list => ActionEngine.Bind(symbols, list, account, kinds, errors), errors);
        var adjustments = BindAdjustments(symbols, account, errors);
        return new BoundRules(account, phaseRules ?? [], bandRules ?? [], engine, adjustments);
    }

    private T? BindList<TItem, T>(string list, List<TItem>? items, Func<List<TItem>, T?> bind, List<RuleError> errors)
        where T : class
    {
        if (items is null)
        {
            Error(list, "must be a list, not null; leave it out when the model has none.");
            return null;
        }

        var before = errors.Count;
        var bound = bind(items);
        for (var i = before; i < errors.Count; i++)
        {
            _errors.Add(errors[i].ToModelError(list));
        }

        return bound;
    }

    private AccountSchema ValidateAccount(AccountDefinition? definition)
    {
        var builder = new AccountSchemaBuilder();
        if (definition is null)
        {
            Error("account", "must be an object listing the account's numbers, flags, texts and consents, not null; leave it out when rules read none.");
            return builder.Build();
        }

        Declare(definition.Numbers, "numbers", AccountFieldType.Number);
        Declare(definition.Flags, "flags", AccountFieldType.Flag);
        Declare(definition.Texts, "texts", AccountFieldType.Text);
        Declare(definition.Consents, "consents", null);
        return builder.Build();

        void Declare(List<string>? names, string list, AccountFieldType? type)
        {
            if (names is null)
            {
                Error("account." + list, "must be a list of names, not null; leave it out when there are none.");
                return;
            }

            for (var i = 0; i < names.Count; i++)
            {
                var problem = builder.Check(names[i], isConsent: type is null);
                if (problem is not null)
                {
                    Error(Format($"account.{list}[{i}]"), problem);
                }
                else if (type is { } fieldType)
                {
                    builder.Add(names[i], fieldType);
                }
                else
                {
                    builder.AddConsent(names[i]);
                }
            }
        }
    }

    private List<string> ValidateActionKinds(List<string>? kinds)
    {
        var valid = new List<string>();
        if (kinds is null)
        {
            Error("actionKinds", "must be a list of kind names, not null; leave it out to use the built-in kinds.");
            return valid;
        }

        for (var i = 0; i < kinds.Count; i++)
        {
            var path = Format($"actionKinds[{i}]");
            var kind = kinds[i];
            if (string.IsNullOrWhiteSpace(kind))
            {
                Error(path, "must be a kind name, not empty.");
            }
            else if (kind.Length > HealthModelLimits.MaxIdLength)
            {
                Error(path, HealthModelLimits.TooLong("a kind name", kind.Length, HealthModelLimits.MaxIdLength));
            }
            else
            {
                valid.Add(kind);
            }
        }

        return valid;
    }

    private sealed record BoundRules(AccountSchema Account, Rule?[] PhaseRules, Rule?[] BandRules, ActionEngine? Actions, Adjustment[] Adjustments);
}
