using System.Text.Json;

namespace HealthScore.Cli.Tests;

/// <summary>History files as CRMs export them: text outcome labels, categories by name, missing words, other delimiters.</summary>
public sealed class HistoryInputTests
{
    private static string Churners(string churned, string retained, string delimiter = ",") =>
        string.Join('\n', ["Seconds of Use,Complains,Attrition_Flag", .. Enumerable.Range(0, 40).Select(i => $"{(i % 2 == 0 ? 100 + i : 4000 + i)},{(i % 2 == 0 ? 1 : 0)},{(i % 2 == 0 ? churned : retained)}")]).Replace(",", delimiter, StringComparison.Ordinal) + "\n";

    [Fact]
    public void Evaluate_ChurnedValue_TextLabelsRead()
    {
        using var run = new CliRun();
        var labels = run.File("labels.csv", Churners("Attrited Customer", "Existing Customer"));
        var numbers = run.File("numbers.csv", Churners("1", "0"));

        var text = run.Run("evaluate", "--allow-missing-columns", "--model", TelecomFiles.Model, "--history", labels, "--outcome", "Attrition_Flag", "--churned-value", "attrited customer", "--format", "json", "--bootstrap", "0");
        var digits = run.Run("evaluate", "--allow-missing-columns", "--model", TelecomFiles.Model, "--history", numbers, "--outcome", "Attrition_Flag", "--format", "json", "--bootstrap", "0");

        Assert.True(text.ExitCode == 0, text.Error);
        Assert.Equal(digits.Output.Replace("numbers.csv", "labels.csv", StringComparison.Ordinal), text.Output);
        Assert.Equal(20, JsonDocument.Parse(text.Output).RootElement.GetProperty("churned").GetInt32());
    }

    [Fact]
    public void Evaluate_TextLabelsWithoutChurnedValue_ErrorNamesTheOption()
    {
        using var run = new CliRun();

        var (code, _, error) = run.Run("evaluate", "--allow-missing-columns", "--model", TelecomFiles.Model, "--history", run.File("h.csv", Churners("Attrited Customer", "Existing Customer")), "--outcome", "Attrition_Flag");

        Assert.Equal(1, code);
        Assert.Equal("error: h.csv line 2: column 'Attrition_Flag' has 'Attrited Customer'; expected 1/0, true/false, yes/no or churned/retained, or name the label that means churned with --churned-value.\n", error);
    }

    [Fact]
    public void Evaluate_ChurnedValueMatchesNoRow_ListsTheLabels()
    {
        using var run = new CliRun();

        var (code, _, error) = run.Run("evaluate", "--allow-missing-columns", "--model", TelecomFiles.Model, "--history", run.File("h.csv", Churners("Attrited Customer", "Existing Customer")), "--outcome", "Attrition_Flag", "--churned-value", "Churned");

        Assert.Equal(1, code);
        Assert.Equal("error: h.csv: no row of column 'Attrition_Flag' has 'Churned' (--churned-value); the column holds 'Attrited Customer', 'Existing Customer'.\n", error);
    }

    [Fact]
    public void Tune_ChurnedValueAndSemicolons_ProposesAModel()
    {
        using var run = new CliRun();
        var tuned = Path.Combine(run.Directory, "tuned.json");

        var (code, output, error) = run.Run("tune", "--allow-missing-columns", "--model", TelecomFiles.Model, "--history", run.File("h.csv", Churners("Attrited Customer", "Existing Customer", ";")), "--outcome", "Attrition_Flag", "--churned-value", "Attrited Customer", "--out", tuned);

        Assert.True(code == 0, error);
        Assert.True(File.Exists(tuned));
        Assert.Contains("40 accounts", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_MetricWithoutColumn_ErrorUnlessAllowed()
    {
        using var run = new CliRun();

        var (code, _, error) = run.Run("evaluate", "--model", TelecomFiles.Model, "--history", run.File("h.csv", Churners("1", "0")), "--outcome", "Attrition_Flag");

        Assert.Equal(1, code);
        Assert.StartsWith("error: h.csv line 1: no column for 7 metric(s) of model 'telecom_churn': 'frequency_of_use',", error, StringComparison.Ordinal);
        Assert.EndsWith("or pass --allow-missing-columns to evaluate with their values all missing.\n", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_CategoricalByNameAndMissingWords_Read()
    {
        using var run = new CliRun();
        var rows = Enumerable.Range(0, 20).Select(static i => $"A{i},{(i % 2 == 0 ? "Red" : "green")},{(i % 3 == 0 ? "N/A" : (i % 2 == 0 ? "-40" : "50"))},{(i % 2 == 0 ? 1 : 0)}");
        var csv = run.File("h.csv", "account_id,CSM Sentiment,NPS,churned\n" + string.Join('\n', rows) + "\n");

        var (code, output, error) = run.Run("evaluate", "--allow-missing-columns", "--model", run.SampleModel(), "--history", csv, "--missing-values", "N/A", "--format", "json", "--bootstrap", "0");

        Assert.True(code == 0, error);
        var metrics = JsonDocument.Parse(output).RootElement.GetProperty("metrics").EnumerateArray().ToDictionary(static m => m.GetProperty("id").GetString()!);
        Assert.Equal(0.5, Math.Abs(metrics["csm_sentiment"].GetProperty("auc").GetDouble() - 0.5), 6); // Red and green read: they separate perfectly
        Assert.Equal(7.0 / 20, metrics["nps"].GetProperty("missingRate").GetDouble(), 6);
    }
}
