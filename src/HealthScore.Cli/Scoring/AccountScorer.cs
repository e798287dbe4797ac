using System.Globalization;
using HealthScore.Core.Actions;
using HealthScore.Core.Explanation;
using HealthScore.Core.History;
using HealthScore.Core.Metrics;
using HealthScore.Core.Model;
using HealthScore.Core.Pipeline;
using HealthScore.Core.Rules;
using HealthScore.Core.Scoring;
using EngineInput = HealthScore.Core.Pipeline.AccountInput;

namespace HealthScore.Cli.Scoring;

/// <summary>
/// Evaluates accounts with the library's <see cref="HealthEngine"/> and maps each account's health to an
/// <see cref="AccountOutcome"/>. With a history store, the account's stored past gives the trend, history windows,
/// cooldowns, de-duplication, consecutive matches, overrides and manual inputs; without one but with records, the
/// account is first evaluated <see cref="TrendDays"/> days earlier, and that evaluation is the previous snapshot the
/// trend is taken against. Reuses one workspace: not thread-safe.
/// </summary>
internal sealed class AccountScorer
{
    public const int TrendDays = 30;

    /// <summary>The window of the measures outside the providers' defaults.</summary>
    public const int ExtraWindowDays = 90;

    private readonly HealthEngine _engine;
    private readonly HealthWorkspace _workspace;

    public AccountScorer(HealthModel model, MetricProviderSet? providers)
    {
        _engine = new HealthEngine(model, providers);
        _workspace = _engine.CreateWorkspace();
    }

    /// <summary>
    /// The built-in providers, feature breadth measured against <paramref name="features"/>, with their default metrics
    /// and, of the measures outside the defaults (usage streaks, features used, the event participation rate), those
    /// <paramref name="model"/> names by their command-line ids.
    /// </summary>
    public static List<IMetricProvider> BuiltInProviders(HealthModel model, IReadOnlyList<string> features)
    {
        var usage = new UsageProviderOptions { AvailableFeatures = [.. features] };
        var engagement = new EngagementProviderOptions();
        foreach (var (id, measure) in (ReadOnlySpan<(string, UsageMeasure)>)[("current_streak_days", UsageMeasure.CurrentStreakDays), ("longest_streak_days", UsageMeasure.LongestStreakDays)])
        {
            if (model.TryGetMetric(id, out _))
            {
                usage.Metrics.Add(new(id, measure, ExtraWindowDays));
            }
        }

        // Features used counts what feature breadth divides, over the same default window.
        if (model.TryGetMetric("features_used", out _))
        {
            usage.Metrics.Add(new("features_used", UsageMeasure.FeaturesUsed));
        }

        if (model.TryGetMetric("event_participation_rate", out _))
        {
            engagement.Metrics.Add(new("event_participation_rate", EngagementMeasure.EventParticipationRate, ExtraWindowDays));
        }

        return [new UsageProvider(usage), new SupportProvider(), new SatisfactionProvider(), new EngagementProvider(engagement), new OnboardingProvider(), new ValueProvider()];
    }

    public static MetricProviderSet CreateProviders(HealthModel model, IReadOnlyList<string> features)
    {
        if (features.Count == 0)
        {
            throw new CliException("The records name no product features, so feature breadth cannot be measured: add features.csv (a 'feature' column) to the records directory, or events.csv with a 'feature' column.");
        }

        var providers = BuiltInProviders(model, features);
        if (EnteredMetricsProvider.For(model, providers) is { } entered)
        {
            providers.Add(entered);
        }

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

    /// <summary>Evaluates one account as of a date; with <paramref name="stored"/>, on its stored past (read for that date).</summary>
    /// <exception cref="CliException">The account's fields or consents do not fit the model's account schema; the message names the file, row and field.</exception>
    public AccountOutcome Score(AccountInput input, DateTimeOffset asOf, AccountHistory? stored = null)
    {
        var facts = ReadFacts(input);
        var (values, observedAt) = Values(input, stored, asOf);
        HealthSnapshot? previous = null;
        if (stored is null && input.Records is { } records)
        {
            facts.TenureDays = input.TenureDays - TrendDays;
            facts.DaysToRenewal = input.DaysToRenewal + TrendDays;
            var earlierAsOf = asOf.AddDays(-TrendDays);
            var (earlierValues, earlierObserved) = Values(input, null, earlierAsOf);
            var earlier = _engine.Evaluate(
                new EngineInput { AccountId = input.Id, AsOf = earlierAsOf, Facts = facts, Records = records, MetricValues = earlierValues, ObservedAt = earlierObserved, Overrides = input.Overrides },
                _workspace);

            // The earlier evaluation is rebuilt from the records for the trend: its actions never reached anyone,
            // so they must not start cooldowns or count as consecutive matches.
            previous = earlier.ToSnapshot() with { Actions = [], Fired = [] };
            facts.TenureDays = input.TenureDays;
            facts.DaysToRenewal = input.DaysToRenewal;
        }

        var engineInput = new EngineInput
        {
            AccountId = input.Id, AsOf = asOf, Facts = facts, MetricValues = values, ObservedAt = observedAt, Records = input.Records,
            Overrides = input.Overrides, Previous = previous,
        };
        var health = _engine.Evaluate(stored is null ? engineInput : stored.ApplyTo(engineInput), _workspace);
        return Outcome(input, health);
    }

    /// <summary>
    /// The account's metric values by model index as known on <paramref name="date"/>, with the entered values written in,
    /// and when each was observed. Of several values entered for one metric, the one observed last on or before the date
    /// counts; one observed after it was not known yet (an undated value always counts).
    /// </summary>
    /// <exception cref="CliException">An entered value names no metric of the model, is not one of a categorical metric's categories, or is not a number.</exception>
    /// <remarks>With <paramref name="stored"/>, its manual inputs (read for the same date) count as values entered with the account.</remarks>
    private (double[]? Values, DateTimeOffset[]? ObservedAt) Values(AccountInput input, AccountHistory? stored, DateTimeOffset date)
    {
        if (input.Entered.Count == 0 && stored is not { ManualInputs.Count: > 0 })
        {
            return (input.Values, null);
        }

        var model = _engine.Model;
        var values = input.Values is { } given ? (double[])given.Clone() : model.CreateValues();
        var observed = new DateTimeOffset[model.Metrics.Count];
        if (stored is not null)
        {
            var manual = model.CreateValues();
            var manualAt = new DateTimeOffset[manual.Length];
            stored.WriteManualInputs(model, manual, manualAt);
            for (var i = 0; i < manual.Length; i++)
            {
                if (!double.IsNaN(manual[i]) && double.IsNaN(values[i]))
                {
                    values[i] = manual[i];
                    observed[i] = manualAt[i];
                }
            }
        }
        var day = DateOnly.FromDateTime(date.UtcDateTime);
        foreach (var entered in input.Entered)
        {
            var where = entered.Source is { } source ? $"{source} line {entered.Line}" : $"account '{input.Id}'";
            if (!model.TryGetMetric(entered.MetricId, out var metric))
            {
                var hint = model.Metrics.Select(static m => m.Id).OrderBy(m => Input.CsvReading.Distance(m, entered.MetricId)).ThenBy(static m => m, StringComparer.Ordinal).First();
                throw new CliException($"{where}: '{entered.MetricId}' is not a metric of model '{model.Id}' (did you mean '{hint}'?).");
            }

            double value;
            if (metric.IsCategorical)
            {
                value = Input.Categories.Find(metric, entered.Value) is { } category
                    ? metric.CategoryValue(category.Id)
                    : throw new CliException($"{where}: '{entered.Value}' is not a category of '{metric.Id}' ({string.Join(", ", metric.Categories.Select(static c => c.Id))}).");
            }
            else
            {
                value = double.TryParse(entered.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
                    ? number
                    : throw new CliException($"{where}: the value of '{metric.Id}' is '{entered.Value}', not a number.");
            }

            var dated = entered.ObservedAt != default;
            if (dated && (DateOnly.FromDateTime(entered.ObservedAt.UtcDateTime) > day || entered.ObservedAt < observed[metric.Index]))
            {
                continue;
            }

            values[metric.Index] = value;
            observed[metric.Index] = entered.ObservedAt;
        }

        return (values, observed);
    }

    /// <summary>Fills the workspace's facts from the account's fields, name, consents and contract dates, collecting every problem with its place.</summary>
    private AccountFacts ReadFacts(AccountInput input)
    {
        var facts = _workspace.Facts;
        facts.Clear();
        var errors = new List<AccountDataError>();
        try
        {
            facts.Read(input.Fields, input.Source, input.Row);
        }
        catch (AccountDataException e)
        {
            errors.AddRange(e.Errors);
        }

        if (input.Name is { } name && !input.Fields.ContainsKey("name")
            && facts.Schema.TryGetField("name", out var nameField) && nameField.Type == AccountFieldType.Text)
        {
            facts.SetText("name", name);
        }

        try
        {
            facts.ReadConsents(input.Consents, input.Source, input.Row);
        }
        catch (AccountDataException e)
        {
            errors.AddRange(e.Errors);
        }

        if (errors.Count > 0)
        {
            var problem = new AccountDataException(errors);
            throw new CliException(problem.Message, problem);
        }

        facts.ContractStart = input.ContractStart;
        facts.RenewalDate = input.RenewalDate;
        facts.TenureDays = input.TenureDays;
        facts.DaysToRenewal = input.DaysToRenewal;
        return facts;
    }

    private AccountOutcome Outcome(AccountInput input, AccountHealth health)
    {
        var model = _engine.Model;
        var result = health.Result;
        var matched = health.Actions;
        var actions = new List<ActionOutcome>(matched.Length);
        foreach (ref readonly var action in matched)
        {
            var readings = health.GetReadings(action);
            var reasons = new List<string>(readings.Length);
            foreach (ref readonly var reading in readings)
            {
                reasons.Add(reading.ToString());
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
                Message = action.Action.Message is null ? null : health.Render(action, CultureInfo.InvariantCulture),
            });
        }

        TrendOutcome? trend = null;
        if (health.Trend is { } t)
        {
            trend = new TrendOutcome
            {
                PreviousScore = health.Previous?.Score,
                Delta = t.Delta,
                Direction = Camel(t.Direction.ToString()),
                PreviousBand = t.PreviousBand.Id,
                PreviousPhase = t.PreviousPhase.Id,
                Explanation = health.ExplainTrend()!,
            };
        }

        var contributions = health.Contributions;
        var all = new List<ContributionOutcome>(contributions.Length);
        foreach (ref readonly var c in contributions)
        {
            all.Add(Contribution(c, health));
        }

        var driverIndexes = new int[contributions.Length];
        var driverCount = Drivers.HurtsMost(contributions, driverIndexes);
        var drivers = new List<ContributionOutcome>(driverCount);
        for (var i = 0; i < driverCount; i++)
        {
            drivers.Add(all[driverIndexes[i]]);
        }

        var groupScores = health.GroupScores;
        var groups = new List<GroupOutcome>(groupScores.Length);
        foreach (ref readonly var g in groupScores)
        {
            var group = model.Groups[g.GroupIndex];
            groups.Add(new GroupOutcome { Id = group.Id, Label = group.Label, Score = Round(g.Score), EffectiveWeight = Round(g.EffectiveWeight, 4) });
        }

        var computed = health.ComputedResult;
        var adjustments = new List<AdjustmentOutcome>(health.Adjustments.Length);
        foreach (ref readonly var a in health.Adjustments)
        {
            adjustments.Add(new AdjustmentOutcome { Id = a.Adjustment.Id, Label = a.Adjustment.Label, Points = Round(a.Points, 2) });
        }

        var overrides = new List<OverrideView>(health.Overrides.Length);
        foreach (ref readonly var o in health.Overrides)
        {
            overrides.Add(Override(o));
        }

        var weightField = model.Rollup?.WeightField;
        return new AccountOutcome
        {
            AccountId = input.Id,
            Name = input.Name,
            PhaseId = result.Phase.Id,
            PhaseLabel = result.Phase.Label,
            ProfileId = health.Profile?.Id,
            ProfileLabel = health.Profile?.Label,
            Score = result.Score,
            BandId = result.Band.Id,
            BandLabel = result.Band.Label,
            BandColor = result.Band.Color,
            BandForced = result.IsBandForced && health.BandOverride is null, // forced by a band exception, not a person
            Coverage = Round(result.Coverage, 4),
            InsufficientData = result.IsInsufficientData,
            Groups = groups,
            Contributions = all,
            Drivers = drivers,
            Trend = trend,
            Actions = actions,
            Explanation = health.Explain(),
            Overridden = health.IsOverridden,
            Computed = health.IsOverridden
                ? new ComputedOutcome { Score = computed.Score, Band = computed.Band.Id, BandLabel = computed.Band.Label, BandColor = computed.Band.Color }
                : null,
            Overrides = overrides,
            Adjustments = adjustments,
            ParentId = input.ParentId,
            Snapshot = health.ToSnapshot(),
            RollupWeight = weightField is not null && input.Fields.TryGetValue(weightField, out var weight)
                && double.TryParse(weight, NumberStyles.Float, CultureInfo.InvariantCulture, out var w) ? w : double.NaN,
        };
    }

    private OverrideView Override(in OverrideOutcome outcome)
    {
        var model = _engine.Model;
        var o = outcome.Override;
        var metric = o.Metric is { } id && model.TryGetMetric(id, out var m) ? m : null;
        var shows = o.Target switch
        {
            OverrideTarget.Score => o.Value is { } score ? score.ToString("0.##", CultureInfo.InvariantCulture) : "",
            OverrideTarget.Band => o.Band is { } band && model.TryGetBand(band, out var b) ? b.Label : o.Band ?? "",
            _ => (metric?.Label ?? o.Metric) + " " + (metric is not null && o.Value is { } v ? ValueText(metric, v) : ""),
        };
        return new OverrideView
        {
            Target = Camel(o.Target.ToString()),
            Metric = o.Metric,
            Value = o.Value,
            Band = o.Band,
            Shows = shows,
            Author = o.Author,
            Comment = o.Comment,
            SetAt = Day(o.SetAt),
            ValidUntil = o.ValidUntil is { } until ? Day(until) : null,
            LastValidDay = outcome.LastValidDay?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Status = Camel(outcome.Status.ToString()),
        };
    }

    private static string ValueText(Metric metric, double value) =>
        metric.TryGetCategory(value, out var category) ? category.Label : value.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Day(DateTimeOffset date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private ContributionOutcome Contribution(in MetricContribution c, AccountHealth health)
    {
        var metric = _engine.Model.Metrics[c.MetricIndex];
        return new ContributionOutcome
        {
            Category = metric.IsCategorical && double.IsFinite(c.RawValue) && metric.TryGetCategory(c.RawValue, out var category) ? category.Label : null,
            StaleSince = health.GetStaleSince(metric)?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
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
