using HealthScore.Core.Tests;

namespace HealthScore.Cli.Tests;

/// <summary>The real telecom churn data (CC BY 4.0) and its hand-written model, as the CLI tests pass them.</summary>
internal static class TelecomFiles
{
    public static readonly string Model = Path.Combine(TestPaths.RepositoryRoot(), "docs", "models", "telecom-churn.json");

    public static readonly string History = Path.Combine(TestPaths.RepositoryRoot(), "tests", "HealthScore.Core.Tests", "Data", "iranian-churn.csv");

    /// <summary>Runs <paramref name="command"/> on the telecom model and history, outcome <c>Churn</c>, values from <c>Customer Value</c>.</summary>
    public static (int ExitCode, string Output, string Error) Run(CliRun run, string command, params string[] extra) =>
        run.Run([command, "--model", Model, "--history", History, "--outcome", "Churn", "--value-column", "Customer Value", .. extra]);
}
