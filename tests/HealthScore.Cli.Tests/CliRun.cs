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

    public (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        ObjectDisposedException.ThrowIf(!System.IO.Directory.Exists(Directory), this);
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var code = CliApp.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
