using System.Collections.Frozen;
using HealthScore.Core.Metrics;

namespace HealthScore.Core.Tests.Metrics;

public sealed class InstanceIndexTests
{
    private static readonly FrozenDictionary<string, int> Catalogue =
        new Dictionary<string, int>(StringComparer.Ordinal) { ["reports"] = 0, ["export"] = 1, ["api"] = 2 }.ToFrozenDictionary(StringComparer.Ordinal);

    [Fact]
    public void Find_SameInstanceAgain_GivesTheSamePosition()
    {
        var index = new ProviderKit.InstanceIndex(Catalogue);
        var reports = "reports";

        Assert.Equal(0, index.Find(reports));
        Assert.Equal(0, index.Find(reports));
        Assert.Equal(-1, index.Find("login"));
        Assert.Equal(-1, index.Find("login"));
    }

    [Fact]
    public void Find_ManyDistinctInstancesOfEqualValues_FindsEveryOneByValue()
    {
        // Far more instances than the index remembers: those it cannot remember still go to the dictionary.
        var index = new ProviderKit.InstanceIndex(Catalogue);
        for (var i = 0; i < ProviderKit.InstanceIndex.MaxInstances * 8; i++)
        {
            Assert.Equal(i % 4 == 3 ? -1 : i % 4, index.Find(new string((i % 4) switch { 0 => "reports", 1 => "export", 2 => "api", _ => "login" })));
        }

        Assert.Equal(1, index.Find("export"));
    }
}
