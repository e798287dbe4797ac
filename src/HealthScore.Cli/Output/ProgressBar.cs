using System.Globalization;

namespace HealthScore.Cli.Output;

/// <summary>
/// A progress bar on standard error for long runs: shown only when there are many accounts, standard error is a
/// terminal, and the user did not ask for quiet. It redraws one line in place.
/// </summary>
internal sealed class ProgressBar(TextWriter error, int total)
{
    public const int MinimumAccounts = 1000;
    private const int Width = 30;
    private const int Every = 500;

    public static bool ShouldShow(bool quiet, bool errorIsTerminal, int total) =>
        !quiet && errorIsTerminal && total >= MinimumAccounts;

    /// <summary>Redraws the bar after <paramref name="done"/> accounts, every 500 accounts and at the end.</summary>
    public void Report(int done)
    {
        if (done % Every != 0 && done != total)
        {
            return;
        }

        var filled = total == 0 ? Width : done * Width / total;
        error.Write(string.Create(CultureInfo.InvariantCulture, $"\r[{new string('#', filled)}{new string(' ', Width - filled)}] {done}/{total}"));
    }

    public void Finish() => error.WriteLine();
}
