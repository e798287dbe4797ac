using System.Text.RegularExpressions;
using HealthScore.Core.Serialization;

namespace HealthScore.Core.Tests.Serialization;

public sealed partial class ModelFormatDocumentTests
{
    [GeneratedRegex("## Example\\s+```json\\n(?<json>.*?)```", RegexOptions.Singleline)]
    private static partial Regex ExampleBlock();

    [Fact]
    public void ModelFormatExample_Compiles()
    {
        var markdown = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot(), "docs", "model-format.md"));
        var json = ExampleBlock().Match(markdown).Groups["json"].Value;

        var model = HealthModelDocument.Compile(json);

        Assert.Equal("adoption", model.DefaultPhase.Id);
        Assert.Equal(60, model.GetPhase("onboarding").GetLowerBound(model.GetBand("healthy")));
    }
}
