namespace HealthScore.Cli.Tests;

public sealed class BadInputTests
{
    private const string Header = "account_id,logins_per_week,nps\n";

    [Fact]
    public void Score_MissingAccountsFile_Exit1WithMessage()
    {
        using var run = new CliRun();
        var missing = Path.Combine(run.Directory, "nope.csv");

        var (code, _, error) = run.Run("score", "--allow-missing-columns", "--model", run.SampleModel(), "--accounts", missing);

        Assert.Equal(1, code);
        Assert.Equal($"error: {missing}: file not found.\n", error);
    }

    [Fact]
    public void Score_MissingModelFile_Exit1WithMessage()
    {
        using var run = new CliRun();
        var (code, _, error) = run.Run("score", "--model", "no-such-model.json", "--accounts", run.File("a.csv", Header));

        Assert.Equal(1, code);
        Assert.Equal("error: no-such-model.json: file not found.\n", error);
    }

    [Fact]
    public void Score_TextInNumericColumn_LineNumberAndExit1()
    {
        using var run = new CliRun();
        var csv = run.File("accounts.csv", Header + "A-1,2,10\nA-2,3,abc\n");

        var (code, output, error) = run.Run("score", "--allow-missing-columns", "--model", run.SampleModel(), "--accounts", csv);

        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Equal("error: accounts.csv line 3: column 'nps' has 'abc', not a number.\n", error);
    }

    [Fact]
    public void Score_TextInAccountNumberField_FileRowAndFieldExit1()
    {
        using var run = new CliRun();
        var csv = run.File("accounts.csv", "account_id,seats,nps\nA-1,12,10\nA-2,ten,20\n");

        var (code, output, error) = run.Run("score", "--allow-missing-columns", "--model", run.SampleModel(), "--accounts", csv);

        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Equal("error: accounts.csv, row 3, field 'seats': 'ten' is not a number; write it with digits and '.' as the decimal point (1234.5), or leave it empty when unknown.\n", error);
    }

    [Fact]
    public void Score_BadFlagAndUnknownConsent_EveryProblemWithFileAndRow()
    {
        using var run = new CliRun();
        var csv = run.File("accounts.csv", "account_id,has_executive_sponsor,consents,nps\nA-1,yes,email,10\nA-2,maybe,email;emial,20\n");

        var (code, _, error) = run.Run("score", "--allow-missing-columns", "--model", run.SampleModel(), "--accounts", csv);

        Assert.Equal(1, code);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Equal("error: 2 problems with the account's data:", lines[0]);
        Assert.StartsWith("  accounts.csv, row 3, field 'has_executive_sponsor': 'maybe' is not a flag;", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("  accounts.csv, row 3, field 'consent.emial': is not a declared consent.", lines[2], StringComparison.Ordinal);
        Assert.Contains("'email'", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Score_BadAccountFieldWithSkip_WarnsAndScoresTheRest()
    {
        using var run = new CliRun();
        var csv = run.File("accounts.csv", "account_id,seats,nps\nA-1,12,10\nA-2,ten,20\nA-3,,30\n");

        var (code, output, error) = run.Run("score", "--allow-missing-columns", "--model", run.SampleModel(), "--accounts", csv, "--on-error", "skip", "--format", "csv");

        Assert.Equal(0, code);
        Assert.StartsWith("skipped: accounts.csv, row 3, field 'seats': 'ten' is not a number;", error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var rows = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, rows.Length);
        Assert.DoesNotContain(rows, static r => r.StartsWith("A-2,", StringComparison.Ordinal));
    }

    [Fact]
    public void Explain_TextInAccountNumberField_FileRowAndFieldExit1()
    {
        using var run = new CliRun();
        var csv = run.File("accounts.csv", "account_id,annual_value,nps\nA-1,12k,10\n");

        var (code, output, error) = run.Run("explain", "--allow-missing-columns", "--model", run.SampleModel(), "--accounts", csv, "--account", "A-1");

        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.StartsWith("error: accounts.csv, row 2, field 'annual_value': '12k' is not a number;", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_MalformedRowWithSkip_WarnsAndScoresTheRest()
    {
        using var run = new CliRun();
        var csv = run.File("accounts.csv", Header + "A-1,2,10\nA-2,3\nA-3,\"4,5\n");

        var (code, output, error) = run.Run("score", "--allow-missing-columns", "--model", run.SampleModel(), "--accounts", csv, "--on-error", "skip", "--format", "csv");

        Assert.Equal(0, code);
        Assert.Equal("skipped: accounts.csv line 3: 2 fields, the header has 3.\nskipped: accounts.csv line 4: a quoted field is not closed.\n", error);
        Assert.Equal(2, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void Score_MalformedRowByDefault_Exit1()
    {
        using var run = new CliRun();
        var (code, _, error) = run.Run("score", "--allow-missing-columns", "--model", run.SampleModel(), "--accounts", run.File("accounts.csv", Header + "A-1,2,10,7\n"));

        Assert.Equal(1, code);
        Assert.Equal("error: accounts.csv line 2: 4 fields, the header has 3.\n", error);
    }

    [Fact]
    public void Score_InvalidModel_Exit1ListsErrors()
    {
        using var run = new CliRun();
        var model = run.File("m.json", "{ \"formatVersion\": 1, \"id\": \"x\" ");

        var (code, _, error) = run.Run("score", "--allow-missing-columns", "--model", model, "--accounts", run.File("a.csv", Header));

        Assert.Equal(1, code);
        Assert.StartsWith("error: m.json: ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_MissingRequiredOption_UsageErrorExit2()
    {
        using var run = new CliRun();
        var (code, _, error) = run.Run("score", "--accounts", "a.csv");

        Assert.Equal(2, code);
        Assert.Contains("--model", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_BadFormatValue_UsageErrorExit2()
    {
        using var run = new CliRun();
        var (code, _, _) = run.Run("score", "--model", "m.json", "--accounts", "a.csv", "--format", "xml");

        Assert.Equal(2, code);
    }

    [Fact]
    public void Help_ListsCommands()
    {
        using var run = new CliRun();
        var (code, output, _) = run.Run("--help");

        Assert.Equal(0, code);
        foreach (var command in (string[])["demo", "score", "explain", "validate"])
        {
            Assert.Contains(command, output, StringComparison.Ordinal);
        }
    }
}
