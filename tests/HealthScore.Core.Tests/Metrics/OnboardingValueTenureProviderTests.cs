using HealthScore.Core.Metrics;

namespace HealthScore.Core.Tests.Metrics;

public sealed class OnboardingValueTenureProviderTests
{
    [Fact]
    public void CompletionRatio_SampleMilestones_DividesCompletedByAll()
        // completed by as-of: kick-off, first report -> 2 / 5 = 0.4 (sso completes only after as-of)
        => Assert.Equal(0.4, Sample.Value(new OnboardingProvider(), new AccountRecords { Milestones = Sample.Milestones() }, "onboarding_completion"), 12);

    [Fact]
    public void OverdueMilestones_SampleMilestones_CountsDueAndNotCompleted()
        // integration (due 1 day back) and sso (due 20 days back, completed after as-of); training is not due yet
        => Assert.Equal(2, Sample.Value(new OnboardingProvider(), new AccountRecords { Milestones = Sample.Milestones() }, "overdue_milestones"));

    [Fact]
    public void CompletionRatio_NoMilestones_IsMissing()
        => Assert.True(double.IsNaN(Sample.Value(new OnboardingProvider(), new AccountRecords { Sources = RecordSources.OnboardingMilestones }, "onboarding_completion")));

    [Fact]
    public void GoalAttainment_SampleGoals_AveragesAchievedOverTarget()
        // (50 / 100 + 12 / 10) / 2 = (0.5 + 1.2) / 2 = 0.85; the others are ignored
        => Assert.Equal(0.85, Sample.Value(new ValueProvider(), new AccountRecords { Goals = Sample.Goals() }, "goal_attainment"), 12);

    [Fact]
    public void GoalsMet_SampleGoals_CountsReachedTargets()
        // only "reports automated" (12 >= 10); "measured later" is after as-of
        => Assert.Equal(1, Sample.Value(new ValueProvider(new ValueProviderOptions { Metrics = [new("goals_met", ValueMeasure.GoalsMet)] }), new AccountRecords { Goals = Sample.Goals() }, "goals_met"));

    [Fact]
    public void DaysSinceContractStart_OneYearContract_Is365()
        // 2025-06-30 12:00 to 2026-06-30 12:00 = 365 days
        => Assert.Equal(365, Sample.Value(new TenureProvider(), new AccountRecords { Account = Sample.Account() }, "days_since_contract_start"));

    [Fact]
    public void DaysToRenewal_RenewalIn90Days_Is90()
        // 2026-06-30 12:00 to 2026-09-28 12:00 = 90 days
        => Assert.Equal(90, Sample.Value(new TenureProvider(), new AccountRecords { Account = Sample.Account() }, "days_to_renewal"));

    [Fact]
    public void DaysToRenewal_RenewalPassed36HoursAgo_RoundsDownToMinusTwo()
        // floor(-1.5 days) = -2
        => Assert.Equal(-2, Sample.Value(new TenureProvider(), new AccountRecords { Account = new Account { Id = "x", RenewalDate = Sample.AsOf.AddHours(-36) } }, "days_to_renewal"));

    [Fact]
    public void DaysSinceContractStart_ContractStartsAfterAsOf_IsMissing()
        => Assert.True(double.IsNaN(Sample.Value(new TenureProvider(), new AccountRecords { Account = new Account { Id = "x", ContractStart = Sample.AsOf.AddDays(1) } }, "days_since_contract_start")));
}
