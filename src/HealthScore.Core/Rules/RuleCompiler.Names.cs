using System.Globalization;
using System.Runtime.CompilerServices;
using HealthScore.Core.Model;

namespace HealthScore.Core.Rules;

/// <summary>Name resolution: what an identifier or a band or phase literal refers to, in the model's symbols and the account schema, and where it may be read.</summary>
internal sealed partial class RuleCompiler
{
    /// <summary>The longest history window a rule may read, in days: 3,660, about ten years.</summary>
    internal const int MaxHistoryDays = 3_660;

    /// <summary>Checks that an identifier such as <c>account.name</c> or <c>metric:logins</c> exists; returns its slot or null with a message.</summary>
    public RuleSlot? ResolvePlaceholder(string name, out string? message)
    {
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        var node = dot < 0 ? new IdentifierNode(0, name, null, 0) : new IdentifierNode(0, name[..dot], name[(dot + 1)..], 0);
        var slot = Resolve(node, out _, out message);
        return slot;
    }

    /// <summary>Gets the index of a declared consent, or -1.</summary>
    public int ConsentIndex(string name)
    {
        for (var i = 0; i < _schema.Consents.Count; i++)
        {
            if (_schema.Consents[i] == name)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Formats a "did you mean" suffix for an unknown consent.</summary>
    public string SuggestConsent(string name) => IdSuggestions.DidYouMean(name, _schema.Consents);

    private double ResolveNamed(RuleType type, StringNode literal)
    {
        if (_symbols is null || type is not (RuleType.Band or RuleType.Phase))
        {
            return double.NaN;
        }

        var band = type == RuleType.Band;
        if (band ? _symbols.TryGetBand(literal.Value, out var index) : _symbols.TryGetPhase(literal.Value, out index))
        {
            return index;
        }

        var ids = new List<string>();
        foreach (var (id, _) in band ? _symbols.Bands : _symbols.Phases)
        {
            ids.Add(id);
        }

        var kind = band ? "band" : "phase";
        Error(literal.Position, $"unknown {kind} '{ErrorText.Quote(literal.Value)}'.{IdSuggestions.DidYouMean(literal.Value, ids)} The {kind}s are {string.Join(", ", ids)}.");
        return double.NaN;
    }

    private RuleSlot? Resolve(IdentifierNode node, out RuleType type, out string? message)
    {
        type = RuleType.Error;
        message = null;
        var name = node.Name;
        var unavailable = Availability(node.Member is null ? name : node.Root + ".");
        if (unavailable is not null && (node.Member is null ? Array.IndexOf(PlainNames, name) >= 0 : KnownRoot(node.Root)))
        {
            message = $"'{name}' {unavailable}";
            return null;
        }

        (SlotKind Kind, int Index, RuleType Type)? found = null;
        if (node.Member is null)
        {
            found = name switch
            {
                "score" => (SlotKind.Score, 0, RuleType.Number),
                "band" => (SlotKind.Band, 0, RuleType.Band),
                "phase" => (SlotKind.Phase, 0, RuleType.Phase),
                "coverage" => (SlotKind.Coverage, 0, RuleType.Number),
                "previous_score" => (SlotKind.PreviousScore, 0, RuleType.Number),
                "previous_band" => (SlotKind.PreviousBand, 0, RuleType.Band),
                "delta" => (SlotKind.Delta, 0, RuleType.Number),
                "band_changed" => (SlotKind.BandChanged, 0, RuleType.Boolean),
                "phase_changed" => (SlotKind.PhaseChanged, 0, RuleType.Boolean),
                "days_in_phase" => (SlotKind.DaysInPhase, 0, RuleType.Number),
                "tenure_days" => (SlotKind.TenureDays, 0, RuleType.Number),
                "days_to_renewal" => (SlotKind.DaysToRenewal, 0, RuleType.Number),
                "days_in_band" => (SlotKind.DaysInBand, 0, RuleType.Number),
                "consecutive_declines" => (SlotKind.ConsecutiveDeclines, 0, RuleType.Number),
                "overridden" => (SlotKind.Overridden, 0, RuleType.Boolean),
                _ => null,
            };
        }
        else
        {
            var member = node.Member;
            switch (node.Root)
            {
                case "metrics" when _symbols is not null && _symbols.TryGetMetric(member, out var metric):
                    found = (SlotKind.Metric, metric, RuleType.Number);
                    break;
                case "groups" when _symbols is not null && _symbols.TryGetGroup(member, out var group):
                    found = (SlotKind.Group, group, RuleType.Number);
                    break;
                case "account" when _schema.TryGetField(member, out var field):
                    found = field.Type switch
                    {
                        AccountFieldType.Number => (SlotKind.Number, field.Index, RuleType.Number),
                        AccountFieldType.Flag => (SlotKind.Flag, field.Index, RuleType.Boolean),
                        _ => (SlotKind.Text, field.Index, RuleType.Text),
                    };
                    break;
                case "consent" when ConsentIndex(member) is var consent and >= 0:
                    found = (SlotKind.Consent, consent, RuleType.Boolean);
                    break;
                case "history" when HistoryWindow(member, out var kind, out var days):
                    found = (kind, days, RuleType.Number);
                    break;
            }
        }

        if (found is null)
        {
            message = $"unknown identifier '{ErrorText.Quote(name)}'.{IdSuggestions.DidYouMean(name, KnownNames())}";
            if (node.Member is not null && node.Root is "account" or "consent" && (node.Root == "account" ? _schema.Fields.Count : _schema.Consents.Count) == 0)
            {
                message += $" Declare {node.Root} names in the AccountSchema passed when compiling.";
            }

            return null;
        }

        type = found.Value.Type;
        var slot = new RuleSlot(name, found.Value.Kind, found.Value.Index);
        if (!_reads.Contains(slot))
        {
            _reads.Add(slot);
        }

        return slot;
    }

    /// <summary>Reads <c>change_30d</c>, <c>lowest_7d</c> or <c>highest_90d</c>: a history window of 1 to 3,660 days.</summary>
    private static bool HistoryWindow(string member, out SlotKind kind, out int days)
    {
        days = 0;
        var underscore = member.IndexOf('_', StringComparison.Ordinal);
        kind = underscore < 0 ? SlotKind.Score : member[..underscore] switch
        {
            "change" => SlotKind.HistoryChange,
            "lowest" => SlotKind.HistoryLowest,
            "highest" => SlotKind.HistoryHighest,
            _ => SlotKind.Score,
        };
        return kind != SlotKind.Score
            && member.EndsWith('d')
            && int.TryParse(member.AsSpan(underscore + 1, member.Length - underscore - 2), NumberStyles.None, CultureInfo.InvariantCulture, out days)
            && days is >= 1 and <= MaxHistoryDays;
    }

    private string? Availability(string name)
    {
        var scoreDependent = name is "score" or "band" or "phase" or "coverage" or "previous_score" or "previous_band" or "delta"
            or "band_changed" or "phase_changed" or "groups." or "history." or "days_in_band" or "consecutive_declines";
        return _scope switch
        {
            RuleScope.Phase when scoreDependent =>
                "is not available in phase rules: the phase is resolved before scoring, so phase rules can read metrics.*, account.*, consent.*, tenure_days, days_to_renewal and days_in_phase.",
            RuleScope.Profile when scoreDependent || name is "metrics." or "days_in_phase" or "overridden" =>
                "is not available in profile rules: the profile is chosen before a model is, so profile rules can read account.*, consent.*, tenure_days and days_to_renewal.",
            _ => null,
        };
    }

    private static bool KnownRoot(string root) => root is "metrics" or "groups" or "account" or "consent" or "history";
}
