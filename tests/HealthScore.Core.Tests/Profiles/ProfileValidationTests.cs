using HealthScore.Core.Model;
using HealthScore.Core.Serialization;

namespace HealthScore.Core.Tests.Profiles;

/// <summary>Every mistake in profiles is reported with its path, all in one go.</summary>
public sealed class ProfileValidationTests
{
    private static IReadOnlyList<ModelError> Errors(Func<string, string> edit)
    {
        var json = edit(ProfileModels.TwoProfiles);
        var exception = Assert.Throws<HealthModelException>(() => HealthModelDocument.Compile(json));
        return exception.Errors;
    }

    private static string Message(IReadOnlyList<ModelError> errors, string path)
    {
        var error = Assert.Single(errors, e => e.Path.TrimStart('$', '.') == path);
        return error.Message;
    }

    [Fact]
    public void UnknownMetric_IsLocatedWithASuggestion()
    {
        var errors = Errors(json => json.Replace("{ \"id\": \"tickets\" } ]", "{ \"id\": \"tickets\" }, { \"id\": \"nps_score\" } ]", StringComparison.Ordinal));
        Assert.Contains("'nps_score' is not a metric of this model. Did you mean 'nps'?", Message(errors, "profiles[1].groups[1].metrics[1].id"), StringComparison.Ordinal);
    }

    [Fact]
    public void SeveralMistakes_AreAllCollected()
    {
        var errors = Errors(json => json
            .Replace("\"id\": \"smb\"", "\"id\": \"enterprise\"", StringComparison.Ordinal)
            .Replace("\"defaultProfile\": \"smb\"", "\"defaultProfile\": \"smbb\"", StringComparison.Ordinal)
            .Replace("\"then\": \"enterprise\"", "\"then\": \"enterprize\"", StringComparison.Ordinal)
            .Replace("{ \"id\": \"logins\" } ]", "{ \"id\": \"logins\" }, { \"id\": \"seats\" } ]", StringComparison.Ordinal)
            .Replace("{ \"id\": \"renewal\", \"weights\"", "{ \"id\": \"renewl\", \"weights\"", StringComparison.Ordinal)
            .Replace("\"lowerBound\": 70 }", "\"lowerBound\": 40 }", StringComparison.Ordinal));

        Assert.Contains("already used at profiles[0]", Message(errors, "profiles[1].id"), StringComparison.Ordinal);
        Assert.Contains("'smbb' is not a profile of this model.", Message(errors, "defaultProfile"), StringComparison.Ordinal);
        Assert.Contains("'enterprize' is not a profile of this model. Did you mean 'enterprise'?", Message(errors, "profileRules[0].then"), StringComparison.Ordinal);
        Assert.Contains("already used at profiles[0].groups[0].metrics[0]", Message(errors, "profiles[0].groups[0].metrics[2].id"), StringComparison.Ordinal);
        Assert.Contains("'renewl' is not a phase of this model. Did you mean 'renewal'?", Message(errors, "profiles[0].phases[0].id"), StringComparison.Ordinal);
        Assert.Contains("not above the previous band's lower bound", Message(errors, "profiles[0].bands[2].lowerBound"), StringComparison.Ordinal);
    }

    [Fact]
    public void ProfileBands_MustBeTheModelsBandsInOrder()
    {
        // The enterprise profile lists two bands, the second under another id.
        const string Own = "{ \"id\": \"at_risk\", \"label\": \"At risk\", \"color\": \"#C62828\", \"lowerBound\": 0 },";
        var errors = Errors(json =>
        {
            var start = json.IndexOf(Own, json.IndexOf("\"profiles\"", StringComparison.Ordinal), StringComparison.Ordinal) + Own.Length;
            var end = json.IndexOf("],", start, StringComparison.Ordinal);
            return json[..start] + "{ \"id\": \"fine\", \"label\": \"Fine\", \"color\": \"#F9A825\", \"lowerBound\": 50 } " + json[end..];
        });
        Assert.Contains("the model has 3", Message(errors, "profiles[0].bands"), StringComparison.Ordinal);
        Assert.Contains("is 'fine' but the model's bands[1] is 'watch'", Message(errors, "profiles[0].bands[1].id"), StringComparison.Ordinal);
    }

    [Fact]
    public void ProfileMetric_CannotRedefineScoring()
    {
        var errors = Errors(json => json.Replace("{ \"id\": \"tickets\" } ]", "{ \"id\": \"tickets\", \"scoring\": { \"type\": \"linear\", \"worst\": 5, \"best\": 0 } } ]", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Path.Contains("profiles[1].groups[1].metrics[0]", StringComparison.Ordinal) && e.Message.Contains("scoring", StringComparison.Ordinal));
    }

    [Fact]
    public void ProfileRules_ReadAccountFactsOnly()
    {
        var errors = Errors(json => json.Replace("account.seats_licensed >= 100", "metrics.logins > 3", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Path.Contains("profileRules[0]", StringComparison.Ordinal));
    }

    [Fact]
    public void ProfileGroupId_ThatIsAMetricId_IsRejected()
    {
        var errors = Errors(json => json.Replace("\"id\": \"relationship\"", "\"id\": \"nps\"", StringComparison.Ordinal));
        Assert.Contains("is a metric of this model", Message(errors, "profiles[0].groups[1].id"), StringComparison.Ordinal);
    }

    [Fact]
    public void ModelWithoutProfiles_KeepsItsHash()
    {
        var definition = HealthModelDocument.Parse(HealthModelDocument.Write(TestModels.SaasBuilder().Definition));
        var hash = HealthModel.Compile(definition).Hash;
        definition.Profiles = [];
        definition.ProfileRules = [];
        Assert.Equal(hash, HealthModel.Compile(definition).Hash);
        Assert.Empty(HealthModel.Compile(definition).Profiles);
        Assert.Null(HealthModel.Compile(definition).ProfileRules);
    }
}
