namespace HealthScore.Cli.Tests;

/// <summary>Runs the CLI in-process in a temporary directory, capturing what it prints.</summary>
internal sealed class CliRun : IDisposable
{
    public CliRun()
    {
        Directory = Path.Combine(Path.GetTempPath(), "healthscore-cli-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    public string File(string name, string content)
    {
        var path = Path.Combine(Directory, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    public string SampleModel(string lang = "en") => File($"saas.{lang}.json", CliApp.SampleModel(lang));

    /// <summary>
    /// Runs the CLI. With <c>--allow-missing-columns</c>, the one warning it asks for (which metrics have no column) is
    /// dropped from the error output, so a test of something else can assert that output exactly; <see cref="RunRaw"/> keeps it.
    /// </summary>
    public (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var (code, output, error) = RunRaw(args);
        if (args.Contains("--allow-missing-columns"))
        {
            error = string.Concat(error.Split('\n').Where(static l => l.Length > 0 && !(l.StartsWith("warning: ", StringComparison.Ordinal) && l.Contains(" has no column for metric", StringComparison.Ordinal))).Select(static l => l + "\n"));
        }

        return (code, output, error);
    }

    public (int ExitCode, string Output, string Error) RunRaw(params string[] args)
    {
        ObjectDisposedException.ThrowIf(!System.IO.Directory.Exists(Directory), this);
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var code = CliApp.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
