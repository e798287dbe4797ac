using HealthScore.Core.Metrics;
using HealthScore.Core.Rollups;

namespace HealthScore.Core.Tests.Rollups;

/// <summary>The hierarchy of a portfolio: built from (account, parent) pairs, checked as a whole, in the order given.</summary>
public sealed class AccountHierarchyTests
{
    [Fact]
    public void Create_ThreeLevels_ParentsChildrenAndRootsInTheOrderGiven()
    {
        var hierarchy = RollupPortfolio.Hierarchy;

        Assert.Equal(["group", "emea", "de", "fr", "uk", "apac", "jp", "au", "us"], hierarchy.Accounts);
        Assert.Equal(["group"], hierarchy.Roots);
        Assert.Equal(["group", "emea", "apac"], hierarchy.Parents);
        Assert.Equal(["emea", "apac", "us"], hierarchy.GetChildren("group"));
        Assert.Equal(["de", "fr", "uk"], hierarchy.GetChildren("emea"));
        Assert.Empty(hierarchy.GetChildren("us"));
        Assert.Equal("emea", hierarchy.GetParent("de"));
        Assert.Null(hierarchy.GetParent("group"));
        Assert.True(hierarchy.Contains("au"));
        Assert.False(hierarchy.Contains("nz"));
    }

    [Fact]
    public void Create_ChildListedBeforeItsParent_IsAccepted()
    {
        var hierarchy = new AccountHierarchy([("b", "a"), ("c", "a"), ("a", null)]);

        Assert.Equal(["a"], hierarchy.Roots);
        Assert.Equal(["b", "c"], hierarchy.GetChildren("a"));
    }

    [Fact]
    public void Create_FromAccounts_ReadsParentId()
    {
        var hierarchy = new AccountHierarchy(
        [
            new Account { Id = "acme" },
            new Account { Id = "acme_de", ParentId = "acme" },
            new Account { Id = "acme_fr", ParentId = string.Empty },
        ]);

        Assert.Equal(["acme_de"], hierarchy.GetChildren("acme"));
        Assert.Equal(["acme", "acme_fr"], hierarchy.Roots);
    }

    [Fact]
    public void Create_UnknownParent_IsRejectedNamingBothAccounts()
    {
        var exception = Assert.Throws<AccountHierarchyException>(() => new AccountHierarchy([("a", null), ("b", "x")]));

        Assert.Equal(["account 'b' names parent 'x', which is not in the portfolio"], exception.Problems);
        Assert.Equal("The account hierarchy is invalid: account 'b' names parent 'x', which is not in the portfolio.", exception.Message);
    }

    [Fact]
    public void Create_TwoAccountCycle_IsRejectedWithTheCycle()
    {
        var exception = Assert.Throws<AccountHierarchyException>(() => new AccountHierarchy([("root", null), ("a", "b"), ("b", "a")]));

        Assert.Equal(["accounts 'a' → 'b' → 'a' form a cycle"], exception.Problems);
    }

    [Fact]
    public void Create_LongerCycleReachedFromOutside_IsReportedOnceFromItsFirstListedAccount()
    {
        // d hangs below the cycle c → a → b → c; the walk from d enters it at c, the report starts at a.
        var exception = Assert.Throws<AccountHierarchyException>(() => new AccountHierarchy([("d", "c"), ("a", "b"), ("b", "c"), ("c", "a")]));

        Assert.Equal(["accounts 'a' → 'b' → 'c' → 'a' form a cycle"], exception.Problems);
    }

    [Fact]
    public void Create_SelfParent_IsRejected()
    {
        var exception = Assert.Throws<AccountHierarchyException>(() => new AccountHierarchy([("a", "a")]));

        Assert.Equal(["account 'a' names itself as its parent"], exception.Problems);
    }

    [Fact]
    public void Create_EveryProblem_IsCollected()
    {
        var exception = Assert.Throws<AccountHierarchyException>(() => new AccountHierarchy(
        [
            ("a", null), ("b", "x"), ("a", "b"), ("c", "d"), ("d", "c"), (string.Empty, "a"), ("e", "y"),
        ]));

        Assert.Equal(
        [
            "the account at position 6 has no id",
            "account 'a' is listed 2 times; list each account once",
            "account 'b' names parent 'x', which is not in the portfolio",
            "account 'e' names parent 'y', which is not in the portfolio",
            "accounts 'c' → 'd' → 'c' form a cycle",
        ],
            exception.Problems);
        Assert.StartsWith("The account hierarchy is invalid (5 problems):", exception.Message, StringComparison.Ordinal);
        Assert.Contains("  accounts 'c' → 'd' → 'c' form a cycle.", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetChildren_UnknownAccount_SuggestsTheClosestId()
    {
        var exception = Assert.Throws<KeyNotFoundException>(() => RollupPortfolio.Hierarchy.GetChildren("emae"));

        Assert.Contains("Did you mean 'emea'?", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Collections_HandedOut_CannotBeChanged()
    {
        var hierarchy = RollupPortfolio.Hierarchy;

        Assert.True(((ICollection<string>)hierarchy.Accounts).IsReadOnly);
        Assert.True(((ICollection<string>)hierarchy.Roots).IsReadOnly);
        Assert.True(((ICollection<string>)hierarchy.Parents).IsReadOnly);
        Assert.True(((ICollection<string>)hierarchy.GetChildren("group")).IsReadOnly);
    }
}
