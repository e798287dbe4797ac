using HealthScore.Core.History;
using HealthScore.Core.Pipeline;

namespace HealthScore.Orleans.Tests;

/// <summary>What the single-machine pipeline gives for the same batches: the reference every grain result is compared with.</summary>
internal static class Expected
{
    public static HealthSnapshot Evaluate(HealthEngine engine, AccountBatch batch, DateTimeOffset asOf, HealthSnapshot? previous = null)
    {
        var id = batch.Account!.Id;
        var history = new AccountHistory(id, previous is null ? [] : [previous], previous is null ? [] : ActionRecord.FromSnapshot(previous), batch.Overrides ?? [], batch.ManualInputs, asOf);
        var model = engine.Model;
        var values = new double[model.Metrics.Count];
        var observed = new DateTimeOffset[values.Length];
        Array.Fill(values, double.NaN);
        history.WriteManualInputs(model, values, observed);
        var input = history.ApplyTo(new AccountInput
        {
            AccountId = id,
            AsOf = asOf,
            Records = new Core.Metrics.AccountRecords
            {
                Account = batch.Account,
                Events = batch.Events.ToArray(),
                Tickets = batch.Tickets.ToArray(),
                Surveys = batch.Surveys.ToArray(),
                Touches = batch.Touches.ToArray(),
                Milestones = batch.Milestones.ToArray(),
                Goals = batch.Goals.ToArray(),
                Sources = batch.Sources,
            },
            MetricValues = values,
            ObservedAt = observed,
        });
        return engine.Evaluate(input).ToSnapshot();
    }
}
