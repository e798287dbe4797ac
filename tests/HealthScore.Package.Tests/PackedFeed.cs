using System.Reflection;
using System.Xml.Linq;

namespace HealthScore.Package.Tests;

/// <summary>
/// The library and the command-line tool packed into a fresh local folder, with a NuGet configuration that takes
/// HealthScore packages only from that folder and everything else from the repository's own sources, and a
/// packages folder of its own, so no earlier copy of a HealthScore package in a cache can stand in for this one.
/// </summary>
public sealed class PackedFeed : IDisposable
{
    public PackedFeed()
    {
        RepositoryRoot = HealthScore.Core.Tests.TestPaths.RepositoryRoot();
        Root = Directory.CreateTempSubdirectory("healthscore-package-").FullName;
        Feed = Directory.CreateDirectory(Path.Combine(Root, "feed")).FullName;
        Packages = Directory.CreateDirectory(Path.Combine(Root, "packages")).FullName;
        NuGetConfig = Path.Combine(Root, "nuget.config");
        WriteNuGetConfig();

        var configuration = typeof(PackedFeed).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "Configuration").Value!;
        foreach (var project in new[] { "src/HealthScore.Core/HealthScore.Core.csproj", "src/HealthScore.Cli/HealthScore.Cli.csproj" })
        {
            DotnetCli.Dotnet(RepositoryRoot, Packages, "pack", project, "-c", configuration, "--no-build", "-o", Feed)
                .EnsureSuccess("dotnet pack " + project);
        }

        var package = Directory.GetFiles(Feed, "HealthScore.Core.*.nupkg").Single();
        Version = Path.GetFileNameWithoutExtension(package)["HealthScore.Core.".Length..];
        CorePackage = package;
    }

    public string RepositoryRoot { get; }

    /// <summary>The temporary folder that holds the feed, the packages folder, the configuration and the consumers.</summary>
    public string Root { get; }

    public string Feed { get; }

    public string Packages { get; }

    public string NuGetConfig { get; }

    public string CorePackage { get; }

    /// <summary>The version the packages were packed with (from the package's file name).</summary>
    public string Version { get; }

    /// <summary>A new empty folder for one consumer, with the feed's NuGet configuration in it.</summary>
    public string NewConsumer(string name)
    {
        var directory = Directory.CreateDirectory(Path.Combine(Root, name)).FullName;
        File.Copy(NuGetConfig, Path.Combine(directory, "nuget.config"));
        return directory;
    }

    public DotnetCli.Result Dotnet(string workingDirectory, params string[] arguments) =>
        DotnetCli.Dotnet(workingDirectory, Packages, arguments);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless; the next run makes a new one.
        }
    }

    private void WriteNuGetConfig()
    {
        var repositoryConfig = XDocument.Load(Path.Combine(RepositoryRoot, "nuget.config"));
        var repositorySources = repositoryConfig.Root!.Element("packageSources")!.Elements("add").ToList();

        var sources = new XElement("packageSources", new XElement("clear"), new XElement("add", new XAttribute("key", "local"), new XAttribute("value", Feed)));
        var mapping = new XElement("packageSourceMapping",
            new XElement("packageSource", new XAttribute("key", "local"), new XElement("package", new XAttribute("pattern", "HealthScore.*"))));

        // The machine's own packages folder, as a read-only source: third-party packages restore without the network
        // when they are there; HealthScore packages can never come from it (the mapping above sends them to the feed).
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var others = new List<string>();
        if (Directory.Exists(cache))
        {
            sources.Add(new XElement("add", new XAttribute("key", "machine-cache"), new XAttribute("value", cache)));
            others.Add("machine-cache");
        }

        foreach (var source in repositorySources)
        {
            sources.Add(new XElement(source));
            others.Add((string)source.Attribute("key")!);
        }

        foreach (var key in others)
        {
            mapping.Add(new XElement("packageSource", new XAttribute("key", key), new XElement("package", new XAttribute("pattern", "*"))));
        }

        new XDocument(new XElement("configuration",
            new XElement("config", new XElement("add", new XAttribute("key", "globalPackagesFolder"), new XAttribute("value", Packages))),
            sources,
            mapping)).Save(NuGetConfig);
    }
}
