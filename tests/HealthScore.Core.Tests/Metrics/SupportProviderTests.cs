using HealthScore.Core.Metrics;

namespace HealthScore.Core.Tests.Metrics;

public sealed class SupportProviderTests
{
    private static readonly SupportProvider Provider = new();
    private static readonly AccountRecords Records = new() { Tickets = Sample.Tickets() };

    [Fact]
    public void Tickets_SampleTickets_CountsOpenedInWindow()
        // opened 10, 20 and 5 days back; 90 days back is on the edge (out), 100 and 200 are older, +1 h is after as-of
        => Assert.Equal(3, Sample.Value(Provider, Records, "tickets"));

    [Fact]
    public void OpenHighSeverityTickets_SampleTickets_CountsHighOpenAtAsOf()
        // the urgent one opened 5 days back, and the high one closed only after as-of
        => Assert.Equal(2, Sample.Value(Provider, Records, "open_high_severity_tickets"));

    [Fact]
    public void MedianResolutionHours_SampleTickets_TakesMedianOfClosedInWindow()
        // closed in the window after 24 h, 48 h and 240 h -> median 48
        => Assert.Equal(48, Sample.Value(Provider, Records, "median_resolution_hours"), 9);

    [Fact]
    public void MedianResolutionHours_EvenCount_AveragesMiddleTwo()
        // 24 h and 48 h -> (24 + 48) / 2 = 36
        => Assert.Equal(36, Sample.Value(Provider, new AccountRecords { Tickets = Sample.Tickets().AsMemory(0, 2) }, "median_resolution_hours"), 9);

    [Fact]
    public void Escalations_SampleTickets_CountsEscalatedOpenedInWindow()
        // the high one 10 days back; the escalated one after as-of is ignored
        => Assert.Equal(1, Sample.Value(Provider, Records, "escalations"));

    [Fact]
    public void Tickets_NoTicketsButSourceDeclared_IsZero()
        => Assert.Equal(0, Sample.Value(Provider, new AccountRecords { Sources = RecordSources.SupportTickets }, "tickets"));

    [Fact]
    public void Tickets_NoTicketSource_IsMissing()
        => Assert.True(double.IsNaN(Sample.Value(Provider, default, "tickets")));

    [Fact]
    public void MedianResolutionHours_NoTicketClosedInWindow_IsMissing()
        => Assert.True(double.IsNaN(Sample.Value(Provider, new AccountRecords { Tickets = new[] { new SupportTicket(Sample.DaysAgo(1), null) } }, "median_resolution_hours")));

    [Fact]
    public void Tickets_PeriodOverPeriod_RatioMissingWhenPreviousWindowEmptyDifferenceIsCount()
    {
        var provider = new SupportProvider(new SupportProviderOptions
        {
            Metrics = [new("tickets_ratio", SupportMeasure.Tickets, 30, PeriodChange.Ratio), new("tickets_delta", SupportMeasure.Tickets, 30, PeriodChange.Difference)],
        });
        SupportTicket[] tickets = [new(Sample.DaysAgo(1), null), new(Sample.DaysAgo(29), null)];

        var values = Sample.Compute(provider, new AccountRecords { Tickets = tickets }, Sample.AsOf);

        // current window 2 tickets, previous window (60..30 days back) 0: ratio 2 / 0 is missing, difference 2 - 0 = 2
        Assert.True(double.IsNaN(values[0]));
        Assert.Equal(2, values[1]);
    }
}
