using System.Text.Json;
using HealthScore.Cli.Input;

namespace HealthScore.Cli.Tests;

/// <summary>CRM exports as they come: delimiters, missing words, percentages, amounts, labels, extra and missing columns, duplicates.</summary>
public sealed class CsvInputTests
{
    private const string Metrics = "logins_per_week,active_days,feature_breadth,active_seat_ratio,days_since_last_activity,open_high_severity_tickets,median_resolution_hours,escalations,nps,csat,ces,survey_response_rate,csm_sentiment,touches,event_attendance,help_page_views,stakeholders_reached,days_since_executive_contact,onboarding_completion,overdue_milestones,goal_attainment";
    private const string Row = "3,12,0.4,0.7,2,0,10,0,30,4,3,0.3,green,6,1,4,3,30,1,0,0.9";

    private static string Accounts(string delimiter = ",", params string[] rows) =>
        string.Join('\n', ["account_id," + Metrics, .. rows]).Replace(",", delimiter, StringComparison.Ordinal) + "\n";

    private static Dictionary<string, JsonElement> Contributions(string json, string account) =>
        JsonDocument.Parse(json).RootElement.EnumerateArray().Single(a => a.GetProperty("accountId").GetString() == account)
            .GetProperty("contributions").EnumerateArray().ToDictionary(static c => c.GetProperty("metricId").GetString()!);

    [Theory]
    [InlineData(";")]
    [InlineData("\t")]
    [InlineData("|")]
    public void Score_OtherDelimiter_DetectedFromTheHeader(string delimiter)
    {
        using var run = new CliRun();
        var model = run.SampleModel();
        var comma = run.Run("score", "--model", model, "--accounts", run.File("a.csv", Accounts(",", "A-1," + Row, "A-2," + Row.Replace("green", "red", StringComparison.Ordinal))), "--format", "csv");

        var other = run.Run("score", "--model", model, "--accounts", run.File("b.csv", Accounts(delimiter, "A-1," + Row, "A-2," + Row.Replace("green", "red", StringComparison.Ordinal))), "--format", "csv");

        Assert.Equal("", other.Error);
        Assert.Equal(0, other.ExitCode);
        Assert.Equal(comma.Output, other.Output);
        Assert.Equal(3, other.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void Score_DelimiterGiven_UsedInsteadOfDetection()
    {
        using var run = new CliRun();
        var csv = run.File("a.csv", Accounts(";", "A-1;" + Row.Replace(",", ";", StringComparison.Ordinal)));

        var given = run.Run("score", "--model", run.SampleModel(), "--accounts", csv, "--delimiter", ";", "--format", "csv");
        var wrong = run.Run("score", "--model", run.SampleModel(), "--accounts", csv, "--delimiter", ",");

        Assert.Equal(0, given.ExitCode);
        Assert.Equal("", given.Error);
        Assert.Equal(1, wrong.ExitCode);
        Assert.StartsWith("error: a.csv line 1: no 'account_id' column; the header has 'account_id;logins_per_week;", wrong.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_OneColumnHeaderWithOtherDelimiter_HintsAtTheOption()
    {
        using var run = new CliRun();

        var (code, _, error) = run.Run("score", "--model", run.SampleModel(), "--accounts", run.File("a.csv", "account id:nps\nA-1:3\n"));

        Assert.Equal(1, code);
        Assert.Equal("error: a.csv line 1: no 'account_id' column; the header has 'account id:nps' (is the delimiter ','? pass --delimiter).\n", error);
    }

    [Fact]
    public void Score_BadDelimiterOption_UsageError()
    {
        using var run = new CliRun();

        var (code, _, error) = run.Run("score", "--model", run.SampleModel(), "--accounts", run.File("a.csv", Accounts(",", "A-1," + Row)), "--delimiter", "x");

        Assert.Equal(2, code);
        Assert.Equal("error: --delimiter 'x': expected one of , ; | tab (or leave it out to detect it from the header).\n", error);
    }

    [Fact]
    public void Score_DuplicateAccountId_ErrorNamingBothLines()
    {
        using var run = new CliRun();
        var csv = run.File("accounts.csv", Accounts(",", "A-1," + Row, "A-2," + Row, "A-1," + Row));

        var (code, output, error) = run.Run("score", "--model", run.SampleModel(), "--accounts", csv);

        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Equal("error: accounts.csv line 4: account 'A-1' is also on line 2; each account needs one row.\n", error);
    }

    [Fact]
    public void Score_DuplicateAccountIdWithSkip_WarnsAndScoresTheFirst()
    {
        using var run = new CliRun();
        var csv = run.File("accounts.csv", Accounts(",", "A-1," + Row, "A-1," + Row.Replace("green", "red", StringComparison.Ordinal)));

        var (code, output, error) = run.Run("score", "--model", run.SampleModel(), "--accounts", csv, "--on-error", "skip", "--format", "json");

        Assert.Equal(0, code);
        Assert.Equal("skipped: accounts.csv line 3: account 'A-1' is also on line 2; each account needs one row.\n", error);
        Assert.Equal("green", Contributions(output, "A-1")["csm_sentiment"].GetProperty("category").GetString()!.ToLowerInvariant());
    }

    [Fact]
    public void Score_MissingWordsPercentAndCurrency_ReadWithTheOptions()
    {
        using var run = new CliRun();
        var row = Row.Replace("0,30,4", "0,NA,4", StringComparison.Ordinal).Replace("0.4,0.7", "11%,$0.70", StringComparison.Ordinal);
        var csv = run.File("a.csv", Accounts(",", "A-1," + row));

        var (code, output, error) = run.Run("score", "--model", run.SampleModel(), "--accounts", csv, "--format", "json", "--missing-values", "NA,N/A", "--percent", "fraction", "--currency");

        Assert.Equal("", error);
        Assert.Equal(0, code);
        var contributions = Contributions(output, "A-1");
        Assert.False(contributions["nps"].TryGetProperty("rawValue", out _));
        Assert.Equal(0.11, contributions["feature_breadth"].GetProperty("rawValue").GetDouble(), 10);
        Assert.Equal(0.7, contributions["active_seat_ratio"].GetProperty("rawValue").GetDouble(), 10);
    }

    [Theory]
    [InlineData("0,30,4", "0,NA,4", "accounts.csv line 2: column 'nps' has 'NA', not a number; if it means no value, pass --missing-values NA.")]
    [InlineData("0.4,0.7", "11%,0.7", "accounts.csv line 2: column 'feature_breadth' has '11%', not a number; for percentages pass --percent number ('11%' is 11) or --percent fraction (it is 11/100).")]
    [InlineData("0.4,0.7", "0.4,$0.70", "accounts.csv line 2: column 'active_seat_ratio' has '$0.70', not a number; for amounts with a currency sign pass --currency.")]
    public void Score_MissingWordPercentOrAmountWithoutTheOption_ErrorNamesTheOption(string find, string replace, string message)
    {
        using var run = new CliRun();
        var csv = run.File("accounts.csv", Accounts(",", "A-1," + Row.Replace(find, replace, StringComparison.Ordinal)));

        var (code, _, error) = run.Run("score", "--model", run.SampleModel(), "--accounts", csv);

        Assert.Equal(1, code);
        Assert.Equal("error: " + message + "\n", error);
    }

    [Fact]
    public void Score_PercentAsNumber_KeepsTheNumber()
    {
        var reading = new CsvReading { Percent = PercentReading.Number, Currency = true };

        Assert.Equal(11, reading.Number("11%", "c", "f", 2));
        Assert.Equal(1159.93, reading.Number("$1,159.93", "c", "f", 2));
        Assert.Equal(1200, reading.Number("¥1,200", "c", "f", 2));
        Assert.Equal(-5, reading.Number("-5 €", "c", "f", 2));
    }

    [Fact]
    public void Score_UnknownColumns_IgnoredWithOneWarning()
    {
        using var run = new CliRun();
        var csv = run.File("accounts.csv", "account_id,Owner,npss,Region," + Metrics + "\nA-1,kim,3,emea," + Row + "\n");

        var (code, output, error) = run.Run("score", "--model", run.SampleModel(), "--accounts", csv, "--format", "csv");

        Assert.Equal(0, code);
        Assert.Equal("accounts.csv: ignored columns: Owner, npss (did you mean 'nps'?), Region\n", error);
        Assert.StartsWith("account_id,", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_HeadersAsACrmWritesThem_MatchByLabelAndLooseId()
    {
        using var run = new CliRun();
        var header = "Account ID," + Metrics.Replace("logins_per_week", "Logins per week", StringComparison.Ordinal).Replace("nps", "NPS", StringComparison.Ordinal).Replace("csm_sentiment", "CSM-Sentiment", StringComparison.Ordinal);

        var (code, output, error) = run.Run("score", "--model", run.SampleModel(), "--accounts", run.File("a.csv", header + "\nA-1," + Row + "\n"), "--format", "json");

        Assert.Equal("", error);
        Assert.Equal(0, code);
        Assert.Equal(3, Contributions(output, "A-1")["logins_per_week"].GetProperty("rawValue").GetDouble());
    }

    [Fact]
    public void Score_MetricWithoutColumn_ErrorUnlessAllowed()
    {
        using var run = new CliRun();
        var csv = run.File("accounts.csv", "account_id,nps,csat\nA-1,30,4\n");

        var refused = run.RunRaw("score", "--model", run.SampleModel(), "--accounts", csv);
        var allowed = run.RunRaw("score", "--model", run.SampleModel(), "--accounts", csv, "--allow-missing-columns", "--format", "csv");

        Assert.Equal(1, refused.ExitCode);
        Assert.Equal("", refused.Output);
        Assert.StartsWith("error: accounts.csv line 1: no column for 19 metric(s) of model 'saas_health': 'logins_per_week', 'active_days',", refused.Error, StringComparison.Ordinal);
        Assert.EndsWith(", or pass --allow-missing-columns to score them as missing.\n", refused.Error, StringComparison.Ordinal);
        Assert.Equal(0, allowed.ExitCode);
        Assert.StartsWith("warning: accounts.csv has no column for metric(s) 'logins_per_week', 'active_days',", allowed.Error, StringComparison.Ordinal);
        Assert.Single(allowed.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("A-1,", allowed.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_NoAccountScored_Exit1()
    {
        using var run = new CliRun();
        var empty = run.Run("score", "--model", run.SampleModel(), "--accounts", run.File("empty.csv", Accounts(",")));
        var allSkipped = run.Run("score", "--model", run.SampleModel(), "--accounts", run.File("bad.csv", Accounts(",", "A-1,1", "A-2,x")), "--on-error", "skip");

        Assert.Equal(1, empty.ExitCode);
        Assert.Equal("", empty.Output);
        Assert.Equal("error: empty.csv: no account could be scored; the file has no rows after the header.\n", empty.Error);
        Assert.Equal(1, allSkipped.ExitCode);
        Assert.Equal("", allSkipped.Output);
        Assert.EndsWith("error: bad.csv: no account could be scored; every row was skipped (2).\n", allSkipped.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_CategoricalByLabelOrId_IgnoringCase()
    {
        using var run = new CliRun();
        var csv = run.File("accounts.csv", Accounts(",", "A-1," + Row.Replace("green", "Red", StringComparison.Ordinal), "A-2," + Row.Replace("green", "YELLOW", StringComparison.Ordinal), "A-3," + Row.Replace("green", "Green", StringComparison.Ordinal)));

        var (code, output, error) = run.Run("score", "--model", run.SampleModel(), "--accounts", csv, "--format", "json");

        Assert.Equal("", error);
        Assert.Equal(0, code);
        Assert.Equal("Red", Contributions(output, "A-1")["csm_sentiment"].GetProperty("category").GetString());
        Assert.Equal("Yellow", Contributions(output, "A-2")["csm_sentiment"].GetProperty("category").GetString());
        Assert.Equal("Green", Contributions(output, "A-3")["csm_sentiment"].GetProperty("category").GetString());
    }

    [Fact]
    public void Score_UnknownCategory_LineAndTheCategories()
    {
        using var run = new CliRun();
        var csv = run.File("accounts.csv", Accounts(",", "A-1," + Row.Replace("green", "amber", StringComparison.Ordinal)));

        var (code, _, error) = run.Run("score", "--model", run.SampleModel(), "--accounts", csv);

        Assert.Equal(1, code);
        Assert.Equal("error: accounts.csv line 2: column 'csm_sentiment' has 'amber', not a category of 'csm_sentiment' (expected green or Green, yellow or Yellow, red or Red).\n", error);
    }

    [Fact]
    public void Score_OverridesFile_AppliedWithAuthorAndComment()
    {
        using var run = new CliRun();
        var accounts = run.File("accounts.csv", Accounts(",", "A-1," + Row, "A-2," + Row));
        var overrides = run.File("overrides.csv",
            "account_id,target,metric,value,author,set_at,valid_until,comment\n" +
            "A-1,band,,At risk,aiko.sato,2026-11-20,2026-12-20,Champion left\n" +
            "A-2,metric,csm_sentiment,red,ben.okafor,2026-11-20,,Escalation call went badly\n");

        var (code, output, error) = run.Run("score", "--model", run.SampleModel(), "--accounts", accounts, "--overrides", overrides, "--as-of", "2026-11-24", "--format", "json");

        Assert.Equal("", error);
        Assert.Equal(0, code);
        var json = JsonDocument.Parse(output).RootElement.EnumerateArray().ToDictionary(static a => a.GetProperty("accountId").GetString()!);
        Assert.Equal("at_risk", json["A-1"].GetProperty("band").GetString());
        Assert.True(json["A-1"].GetProperty("overridden").GetBoolean());
        Assert.Equal("aiko.sato", json["A-1"].GetProperty("overrides")[0].GetProperty("author").GetString());
        Assert.Equal("applied", json["A-2"].GetProperty("overrides")[0].GetProperty("status").GetString());
        Assert.Equal("Red", Contributions(output, "A-2")["csm_sentiment"].GetProperty("category").GetString());
    }

    [Theory]
    [InlineData("A-1,colour,,red,aiko,2026-11-20,,x\n", "overrides.csv line 2: column 'target' has 'colour'; expected score, band or metric.")]
    [InlineData("A-1,band,,amber,aiko,2026-11-20,,x\n", "overrides.csv line 2: column 'value' has 'amber', not a band of model 'saas_health' (expected at_risk, watch, healthy).")]
    [InlineData("A-1,score,,62,,2026-11-20,,x\n", "overrides.csv line 2: column 'author' is blank; say who set the override.")]
    [InlineData("A-1,metric,npx,3,aiko,2026-11-20,,x\n", "overrides.csv line 2: column 'metric' has 'npx', not a metric of model 'saas_health'.")]
    public void Score_BadOverride_FileLineAndColumn(string row, string message)
    {
        using var run = new CliRun();
        var overrides = run.File("overrides.csv", "account_id,target,metric,value,author,set_at,valid_until,comment\n" + row);

        var (code, _, error) = run.Run("score", "--model", run.SampleModel(), "--accounts", run.File("a.csv", Accounts(",", "A-1," + Row)), "--overrides", overrides);

        Assert.Equal(1, code);
        Assert.Equal("error: " + message + "\n", error);
    }

    [Fact]
    public void Score_InputsFile_TheLatestObservedOnOrBeforeTheAsOfDateCounts()
    {
        using var run = new CliRun();
        var header = "account_id," + Metrics.Replace("csm_sentiment,", "", StringComparison.Ordinal);
        var row = Row.Replace("green,", "", StringComparison.Ordinal);
        var accounts = run.File("accounts.csv", header + "\nA-1," + row + "\nA-2," + row + "\n");
        var inputs = run.File("inputs.csv",
            "account_id,metric,value,observed_at\n" +
            "A-1,csm_sentiment,green,2026-10-01\n" +
            "A-1,csm_sentiment,Red,2026-11-20\n" +
            "A-1,csm_sentiment,yellow,2026-12-01\n" +
            "A-2,csm_sentiment,green,2026-08-01\n");

        var (code, output, error) = run.Run("score", "--model", run.SampleModel(), "--accounts", accounts, "--inputs", inputs, "--as-of", "2026-11-24", "--format", "json");

        Assert.Equal("", error);
        Assert.Equal(0, code);
        Assert.Equal("Red", Contributions(output, "A-1")["csm_sentiment"].GetProperty("category").GetString());
        var stale = Contributions(output, "A-2")["csm_sentiment"];
        Assert.Equal("2026-09-16", stale.GetProperty("staleSince").GetString()); // observed 2026-08-01, 45 days at most
    }

    [Fact]
    public void Score_InputsFileNamesUnknownMetric_LineAndSuggestion()
    {
        using var run = new CliRun();
        var inputs = run.File("inputs.csv", "account_id,metric,value,observed_at\nA-1,csm_sentimnt,red,2026-11-20\n");

        var (code, _, error) = run.Run("score", "--model", run.SampleModel(), "--accounts", run.File("a.csv", Accounts(",", "A-1," + Row)), "--inputs", inputs);

        Assert.Equal(1, code);
        Assert.Equal("error: inputs.csv line 2: 'csm_sentimnt' is not a metric of model 'saas_health' (did you mean 'csm_sentiment'?).\n", error);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    public void Demo_CountBelowOne_UsageError(string count)
    {
        using var run = new CliRun();

        var (code, output, error) = run.Run("demo", "--count", count, "--report", Path.Combine(run.Directory, "r.html"));

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.StartsWith("--count must be 1 or more.\n", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(run.Directory, "r.html")));
    }

    [Fact]
    public void Read_EndlessInput_RowsComeBeforeTheEnd()
    {
        // A reader that buffered the whole input would never return from an endless one.
        using var endless = new EndlessRows();
        using var csv = CsvFile.From(endless, "endless.csv", null);
        var rows = 0;
        while (rows < 200_000 && csv.Read())
        {
            Assert.Equal("A-" + rows, csv[0].ToString());
            rows++;
        }

        Assert.Equal(200_000, rows);
        Assert.InRange(endless.Served, 200_000 * 10, (200_000 * 20) + (4 << 20));
    }

    /// <summary>An endless CSV text: a header, then rows, … that never end; counts the characters it served.</summary>
    private sealed class EndlessRows : TextReader
    {
        private string _pending = "account_id,nps\n";
        private int _next;

        public long Served { get; private set; }

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override int Read(Span<char> buffer)
        {
            var written = 0;
            while (written < buffer.Length)
            {
                if (_pending.Length == 0)
                {
                    _pending = "A-" + _next++ + ",50\n";
                }

                var n = Math.Min(_pending.Length, buffer.Length - written);
                _pending.AsSpan(0, n).CopyTo(buffer[written..]);
                _pending = _pending[n..];
                written += n;
            }

            Served += written;
            return written;
        }

        public override int Peek() => -1;
    }
}
