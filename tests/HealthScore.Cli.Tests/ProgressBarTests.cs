using HealthScore.Cli.Output;

namespace HealthScore.Cli.Tests;

public sealed class ProgressBarTests
{
    [Theory]
    [InlineData(false, true, 1000, true)]
    [InlineData(true, true, 5000, false)]
    [InlineData(false, false, 5000, false)]
    [InlineData(false, true, 999, false)]
    public void ShouldShow_QuietRedirectedOrShortRun_Hidden(bool quiet, bool terminal, int total, bool expected) =>
        Assert.Equal(expected, ProgressBar.ShouldShow(quiet, terminal, total));

    [Fact]
    public void Report_EveryFiveHundredAndAtTheEnd_RedrawsOneLine()
    {
        var error = new StringWriter();
        var bar = new ProgressBar(error, 1200);

        for (var done = 1; done <= 1200; done++)
        {
            bar.Report(done);
        }

        bar.Finish();

        Assert.Equal(
            "\r[############                  ] 500/1200\r[#########################     ] 1000/1200\r[##############################] 1200/1200" + Environment.NewLine,
            error.ToString());
    }
}
