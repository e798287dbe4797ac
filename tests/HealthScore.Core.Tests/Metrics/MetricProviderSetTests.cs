using HealthScore.Core.Metrics;
using HealthScore.Core.Model;
using HealthScore.Core.Scoring;

namespace HealthScore.Core.Tests.Metrics;

public sealed class MetricProviderSetTests
{
    internal static HealthModel Model(params string[] ids) => new HealthModelBuilder()
        .AddBand("at_risk", "At risk", "#C62828", 0)
        .AddBand("healthy", "Healthy", "#2E7D32", 70)
        .AddGroup("all", "All", 1, g =>
        {
            foreach (var id in ids)
            {
                g.AddMetric(id, id, new LinearScoring(worst: 0, best: 10));
            }
        })
        .Build();

    [Fact]
    public void Fill_ModelUsingSomeMetrics_WritesEachAtItsModelIndex()
    {
        var model = Model("days_to_renewal", "tickets", "nps", "active_days");
        var set = MetricProviderSet.Create(model, LargeAccount.Providers());
        var values = model.CreateValues();

        set.Fill(Sample.All(), Sample.AsOf, values);

        // hand-worked in the provider tests: 90 days to renewal, 3 tickets, NPS 40, 3 active days
        Assert.Equal(90, values[model.GetMetric("days_to_renewal").Index]);
        Assert.Equal(3, values[model.GetMetric("tickets").Index]);
        Assert.Equal(40, values[model.GetMetric("nps").Index], 9);
        Assert.Equal(3, values[model.GetMetric("active_days").Index]);
    }

    [Fact]
    public void Create_ProvidersProducingNothingTheModelUses_AreLeftOut()
    {
        var set = MetricProviderSet.Create(Model("nps"), LargeAccount.Providers());

        Assert.IsType<SatisfactionProvider>(Assert.Single(set.Providers));
    }

    [Fact]
    public void Create_MissingAndDuplicateMetrics_NamesEveryOneWithSuggestion()
    {
        var model = Model("nps", "loginz_per_week", "churn_risk");
        IMetricProvider[] providers =
        [
            new SatisfactionProvider(),
            new SatisfactionProvider(new SatisfactionProviderOptions { Metrics = [new("nps", SatisfactionMeasure.Nps, 90)] }),
            new UsageProvider(),
        ];

        var error = Assert.Throws<HealthModelException>(() => MetricProviderSet.Create(model, providers));

        Assert.Equal(
            "The metric providers are invalid (3 errors):\n"
            + "  metrics.nps: The metric 'nps' is produced by 2 providers (SatisfactionProvider, SatisfactionProvider); exactly one must produce it.\n"
            + "  metrics.loginz_per_week: No provider produces the metric 'loginz_per_week'. Did you mean 'logins_per_week'?\n"
            + "  metrics.churn_risk: No provider produces the metric 'churn_risk'.",
            error.Message);
        Assert.Equal(3, error.Errors.Count);
    }

    [Fact]
    public void Fill_ShortValues_ThrowsArgumentException()
    {
        var model = Model("nps", "tickets");
        var set = MetricProviderSet.Create(model, LargeAccount.Providers());

        Assert.Throws<ArgumentException>(() => set.Fill(Sample.All(), Sample.AsOf, new double[1]));
    }

    [Fact]
    public void Fill_AllBuiltInMetricsForThousandRecords_AllocatesNothingAfterWarmUp()
    {
        var providers = LargeAccount.Providers();
        var ids = providers.SelectMany(p => p.Metrics).Select(m => m.Id).ToArray();
        var model = Model(ids);
        var set = MetricProviderSet.Create(model, providers);
        var records = LargeAccount.Create();
        var count = records.Events.Length + records.Tickets.Length + records.Surveys.Length + records.Touches.Length + records.Milestones.Length + records.Goals.Length;
        var values = model.CreateValues();
        var asOf = Sample.AsOf;
        for (var i = 0; i < 3; i++)
        {
            set.Fill(records, asOf, values);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 50; i++)
        {
            set.Fill(records, asOf, values);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.InRange(count, 950, 1050);
        Assert.Equal(ids.Length, model.Metrics.Count);
        Assert.All(values, v => Assert.False(double.IsInfinity(v)));
        Assert.Equal(0, allocated);
    }
}
