using System.Globalization;
using HealthScore.Core.Actions;
using HealthScore.Core.Explanation;
using HealthScore.Core.Metrics;
using HealthScore.Core.Model;
using HealthScore.Core.Rules;
using HealthScore.Core.Scoring;
using HealthScore.Core.Trend;

namespace HealthScore.Cli.Scoring;

/// <summary>
/// Runs one account through the model as the library's sample pipeline does: phase rules, score, band exception,
/// actions and their messages; with records, also the score 30 days earlier for the trend.
/// </summary>
internal sealed class AccountScorer
{
    public const int TrendDays = 30;

    private readonly HealthModel _model;
    private readonly MetricProviderSet? _providers;

    public AccountScorer(HealthModel model, MetricProviderSet? providers)
    {
        _model = model;
        _providers = providers;
    }

    public static MetricProviderSet CreateProviders(HealthModel model, IReadOnlyList<string> features)
    {
        var usage = new UsageProviderOptions { AvailableFeatures = [.. features] };
        IMetricProvider[] providers =
        [
            new UsageProvider(usage), new SupportProvider(), new SatisfactionProvider(), new EngagementProvider(),
            new OnboardingProvider(), new ValueProvider(),
        ];
        try
        {
            return MetricProviderSet.Create(model, providers);
        }
        catch (HealthModelException e)
        {
            throw new CliException("The built-in providers cannot fill this model:" + Environment.NewLine
                + string.Join(Environment.NewLine, e.Errors.Select(static x => "  " + x.ToString())));
        }
    }

    public AccountOutcome Score(AccountInput input, DateTimeOffset asOf)
    {
        var model = _model;
        var values = model.CreateValues();
        if (input.Records is { } records && _providers is not null)
        {
            _providers.Fill(records, asOf, values);
        }

        if (input.Values is { } given)
        {
            for (var i = 0; i < values.Length; i++)
            {
                if (!double.IsNaN(given[i]))
                {
                    values[i] = given[i];
                }
            }
        }

        var numbers = model.Account.CreateNumbers();
        var texts = new string?[model.Account.TextCount];
        foreach (var field in model.Account.Fields)
        {
            var text = field.Name == "name" && input.Name is not null ? input.Name : input.Fields.GetValueOrDefault(field.Name);
            if (text is null)
            {
                continue;
            }

            if (field.Type == AccountFieldType.Text)
            {
                texts[field.Index] = text;
            }
            else if (field.Index < numbers.Length && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                numbers[field.Index] = number;
            }
        }

        var consents = new bool[model.Account.Consents.Count];
        for (var i = 0; i < consents.Length; i++)
        {
            consents[i] = input.Consents.Contains(model.Account.Consents[i], StringComparer.Ordinal);
        }

        var contributions = new MetricContribution[model.Metrics.Count];
        var groupScores = new GroupScore[model.Groups.Count];
        var facts = new RuleContext
        {
            MetricValues = values, TenureDays = input.TenureDays, DaysToRenewal = input.DaysToRenewal,
            Numbers = numbers, Texts = texts, Consents = consents,
        };

        HealthResult? previous = null;
        MetricContribution[]? previousContributions = null;
        if (input.Records is { } history && _providers is not null)
        {
            var before = model.CreateValues();
            _providers.Fill(history, asOf.AddDays(-TrendDays), before);
            previousContributions = new MetricContribution[model.Metrics.Count];
            var previousFacts = facts with
            {
                MetricValues = before,
                TenureDays = input.TenureDays - TrendDays,
                DaysToRenewal = input.DaysToRenewal + TrendDays,
            };
            var previousPhase = model.PhaseRules.Resolve(previousFacts);
            var previousScored = model.Score(before, previousPhase, previousContributions, []);
            previous = previousScored.WithBand(model.BandExceptions.Apply(previousFacts with { Result = previousScored }));
        }

        var phase = model.PhaseRules.Resolve(facts);
        var scored = model.Score(values, phase, contributions, groupScores);
        var context = facts with { Result = scored, Previous = previous };
        var result = scored.WithBand(model.BandExceptions.Apply(context));
        context = context with { Result = result };

        var fired = new MatchedAction[model.Actions.Rules.Count];
        var readings = new RuleReading[Math.Max(1, fired.Length * model.Actions.MaxReadingsPerAction)];
        var evaluation = model.Actions.Evaluate(context, new ActionHistory { AsOf = asOf }, fired, readings);
        var actions = new List<ActionOutcome>(evaluation.Count);
        for (var i = 0; i < evaluation.Count; i++)
        {
            var action = fired[i];
            var reasons = new List<string>(action.ReadingCount);
            for (var r = 0; r < action.ReadingCount; r++)
            {
                reasons.Add(readings[action.ReadingStart + r].ToString());
            }

            actions.Add(new ActionOutcome
            {
                Id = action.RuleId,
                Title = action.Action.Title,
                Kind = action.Action.Kind,
                Priority = action.Action.Priority,
                OwnerRole = action.Action.OwnerRole,
                Status = StatusName(action.Status),
                Fired = action.IsFired,
                Reasons = reasons,
                SuppressedBecause = action.IsFired ? null : SuppressionReason(action),
                Message = action.Action.Message is null ? null : model.Actions.Render(action, context, CultureInfo.InvariantCulture),
            });
        }

        TrendOutcome? trend = null;
        if (previous is { } before2 && previousContributions is not null)
        {
            var changes = new MetricChange[model.Metrics.Count];
            var t = model.Trend(before2, previousContributions, result, contributions, changes);
            trend = new TrendOutcome
            {
                PreviousScore = before2.Score,
                Delta = t.Delta,
                Direction = Camel(t.Direction.ToString()),
                PreviousBand = t.PreviousBand.Id,
                PreviousPhase = t.PreviousPhase.Id,
                Explanation = model.Explain(t, changes.AsSpan(0, t.ChangeCount)),
            };
        }

        var all = new List<ContributionOutcome>(contributions.Length);
        foreach (var c in contributions)
        {
            all.Add(Contribution(c));
        }

        var driverIndexes = new int[contributions.Length];
        var driverCount = Drivers.HurtsMost(contributions, driverIndexes);
        var drivers = new List<ContributionOutcome>(driverCount);
        for (var i = 0; i < driverCount; i++)
        {
            drivers.Add(all[driverIndexes[i]]);
        }

        var groups = new List<GroupOutcome>(groupScores.Length);
        foreach (var g in groupScores)
        {
            var group = model.Groups[g.GroupIndex];
            groups.Add(new GroupOutcome { Id = group.Id, Label = group.Label, Score = Round(g.Score), EffectiveWeight = Round(g.EffectiveWeight, 4) });
        }

        return new AccountOutcome
        {
            AccountId = input.Id,
            Name = input.Name,
            PhaseId = result.Phase.Id,
            PhaseLabel = result.Phase.Label,
            Score = result.Score,
            BandId = result.Band.Id,
            BandLabel = result.Band.Label,
            BandColor = result.Band.Color,
            BandForced = result.IsBandForced,
            Coverage = Round(result.Coverage, 4),
            InsufficientData = result.IsInsufficientData,
            Groups = groups,
            Contributions = all,
            Drivers = drivers,
            Trend = trend,
            Actions = actions,
            Explanation = model.Explain(result, contributions),
        };
    }

    private ContributionOutcome Contribution(in MetricContribution c)
    {
        var metric = _model.Metrics[c.MetricIndex];
        return new ContributionOutcome
        {
            MetricId = metric.Id,
            Label = metric.Label,
            Group = metric.Group.Id,
            RawValue = double.IsFinite(c.RawValue) ? Round(c.RawValue, 4) : null,
            NormalizedValue = c.Status != MetricStatus.Excluded && double.IsFinite(c.NormalizedValue) ? Round(c.NormalizedValue, 4) : null,
            EffectiveWeight = Round(c.EffectiveWeight, 4),
            PointsEarned = Round(c.PointsEarned, 2),
            PointsLost = Round(c.PointsLost, 2),
            Status = Camel(c.Status.ToString()),
        };
    }

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    private static double Round(double value, int decimals) => double.IsFinite(value) ? Math.Round(value, decimals) : 0;

    private static double? Round(double? value) => value is { } v && double.IsFinite(v) ? Math.Round(v, 2) : null;

    private static string StatusName(ActionStatus status) => status switch
    {
        ActionStatus.Fired => "fired",
        ActionStatus.SuppressedByConsent => "suppressedByConsent",
        ActionStatus.SuppressedByCooldown => "suppressedByCooldown",
        ActionStatus.SuppressedAsDuplicate => "suppressedAsDuplicate",
        ActionStatus.WaitingForConsecutiveMatches => "waitingForConsecutiveMatches",
        _ => status.ToString(),
    };

    private static string SuppressionReason(in MatchedAction action) => action.Status switch
    {
        ActionStatus.SuppressedByConsent => $"no '{action.Action.Consent}' consent",
        ActionStatus.SuppressedByCooldown => "in cooldown",
        ActionStatus.SuppressedAsDuplicate => "already open",
        ActionStatus.WaitingForConsecutiveMatches => string.Create(CultureInfo.InvariantCulture, $"needs {action.Action.AfterConsecutiveMatches} consecutive matches"),
        _ => action.Status.ToString(),
    };
}
