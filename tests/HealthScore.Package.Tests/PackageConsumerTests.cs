using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace HealthScore.Package.Tests;

/// <summary>
/// The packages as a .NET team would meet them: packed, restored from a local folder by fresh applications, the
/// README's example built and run from the package, published trimmed, built for .NET 8 next to the 8.0 packages an
/// application pins, and the command-line tool installed. One class, so its steps run one after another.
/// </summary>
public sealed partial class PackageConsumerTests : IClassFixture<PackedFeed>
{
    private readonly PackedFeed feed;

    public PackageConsumerTests(PackedFeed feed) => this.feed = feed;

    [Fact]
    public void Package_Metadata_ForAGallery()
    {
        using var package = ZipFile.OpenRead(feed.CorePackage);
        var nuspec = XDocument.Load(package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
        var ns = nuspec.Root!.GetDefaultNamespace();
        var metadata = nuspec.Root.Element(ns + "metadata")!;

        Assert.Matches(@"^\d+\.\d+\.\d+-preview\.\d+$", feed.Version);
        Assert.Equal("MIT", metadata.Element(ns + "license")?.Value);
        Assert.Equal("icon.png", metadata.Element(ns + "icon")?.Value);
        Assert.Equal("README.md", metadata.Element(ns + "readme")?.Value);
        Assert.StartsWith("https://", metadata.Element(ns + "projectUrl")?.Value, StringComparison.Ordinal);
        var repository = metadata.Element(ns + "repository")!;
        Assert.StartsWith("https://", (string?)repository.Attribute("url"), StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{40}$", (string?)repository.Attribute("commit"));
        Assert.NotNull(package.GetEntry("icon.png"));
        Assert.True(File.Exists(Path.ChangeExtension(feed.CorePackage, ".snupkg")), "the symbols package is missing beside " + feed.CorePackage);

        // The dependency lines: 8.0.x for net8.0 (with System.Text.Json 9.0.x), 10.0.x for net10.0.
        var groups = metadata.Element(ns + "dependencies")!.Elements(ns + "group")
            .ToDictionary(g => (string)g.Attribute("targetFramework")!, g => g.Elements(ns + "dependency").ToDictionary(d => (string)d.Attribute("id")!, d => (string)d.Attribute("version")!));
        Assert.Equal(["net10.0", "net8.0"], groups.Keys.Order(StringComparer.Ordinal));
        foreach (var (id, version) in groups["net8.0"])
        {
            Assert.StartsWith(id == "System.Text.Json" ? "9.0." : "8.0.", version, StringComparison.Ordinal);
        }

        Assert.All(groups["net10.0"].Values, v => Assert.StartsWith("10.0.", v, StringComparison.Ordinal));

        // A gallery shows the README without the repository around it: every link must be absolute.
        var readme = ReadEntry(package, "README.md");
        Assert.Contains("dotnet add package HealthScore.Core", readme, StringComparison.Ordinal);
        Assert.Empty(RelativeLink().Matches(readme).Select(m => m.Value));
    }

    [Fact]
    public void ReadmeExample_FromThePackage_PrintsTheLineInTheReadme()
    {
        var (source, expected) = ReadmeExample();
        var app = NewConsoleApp("readme-example", "net10.0", source, trimmed: false);

        var run = feed.Dotnet(app, "run", "-c", "Release").EnsureSuccess("dotnet run of the README example");

        Assert.Equal(expected, LastLine(run.Output));
    }

    [Fact]
    public void TrimmedPublish_ReadmeExample_NoTrimWarningsAndTheSameOutput()
    {
        var (source, expected) = ReadmeExample();
        var app = NewConsoleApp("readme-trimmed", "net10.0", source, trimmed: true);
        var output = Path.Combine(app, "out");

        var publish = feed.Dotnet(app, "publish", "-c", "Release", "-r", "linux-x64", "--self-contained", "-o", output)
            .EnsureSuccess("dotnet publish -p:PublishTrimmed=true");

        var trimWarnings = publish.Output.Split('\n').Where(l => TrimWarning().IsMatch(l)).Distinct().ToList();
        Assert.True(trimWarnings.Count == 0, "trim warnings:\n" + string.Join('\n', trimWarnings));
        var run = DotnetCli.Run(app, feed.Packages, Path.Combine(output, "consumer")).EnsureSuccess("the trimmed README example");
        Assert.Equal(expected, LastLine(run.Output));
    }

    [Fact]
    public void Net8Consumer_PinningThe8Packages_BuildsWithoutADowngrade()
    {
        // Only the .NET 10 runtime is installed here, so building (restore without NU1605, compile against the
        // net8.0 assembly) is the check; running it needs a .NET 8 runtime.
        var (source, _) = ReadmeExample();
        var app = NewConsoleApp("net8-consumer", "net8.0", source, trimmed: false,
            ("Microsoft.Extensions.Options", "8.0.2"),
            ("Microsoft.Extensions.DependencyInjection.Abstractions", "8.0.2"),
            ("Microsoft.Extensions.Logging.Abstractions", "8.0.2"),
            ("Microsoft.Extensions.Hosting.Abstractions", "8.0.1"));

        var build = feed.Dotnet(app, "build", "-c", "Release").EnsureSuccess("dotnet build of the net8.0 consumer");

        Assert.DoesNotContain("NU1605", build.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(app, "bin", "Release", "net8.0", "HealthScore.Core.dll")), build.Output);
    }

    [Fact]
    public void Tool_InstalledFromThePackage_PrintsItsVersion()
    {
        var tools = Path.Combine(feed.Root, "tools");
        var directory = feed.NewConsumer("tool-install");

        feed.Dotnet(directory, "tool", "install", "HealthScore.Cli", "--version", feed.Version, "--tool-path", tools, "--configfile", Path.Combine(directory, "nuget.config"))
            .EnsureSuccess("dotnet tool install HealthScore.Cli");
        var version = DotnetCli.Run(directory, feed.Packages, Path.Combine(tools, "healthscore"), "--version").EnsureSuccess("healthscore --version");

        Assert.StartsWith(feed.Version, version.Output.Trim(), StringComparison.Ordinal);
        using var package = ZipFile.OpenRead(Directory.GetFiles(feed.Feed, "HealthScore.Cli.*.nupkg").Single());
        Assert.Contains("dotnet tool install", ReadEntry(package, "README.md"), StringComparison.Ordinal);
    }

    /// <summary>The package README's example and the line it says it prints; the repository README shows the same code.</summary>
    private (string Source, string Expected) ReadmeExample()
    {
        using var package = ZipFile.OpenRead(feed.CorePackage);
        var code = CSharpBlock().Match(ReadEntry(package, "README.md")).Groups[1].Value;
        var repositoryReadme = File.ReadAllText(Path.Combine(feed.RepositoryRoot, "README.md")).ReplaceLineEndings("\n");
        Assert.Equal(CSharpBlock().Match(repositoryReadme).Groups[1].Value, code);
        var lines = code.TrimEnd().Split('\n');
        Assert.StartsWith("// ", lines[^1], StringComparison.Ordinal);
        return (code, lines[^1]["// ".Length..]);
    }

    private string NewConsoleApp(string name, string targetFramework, string source, bool trimmed, params (string Id, string Version)[] pins)
    {
        var directory = feed.NewConsumer(name);
        var references = string.Concat(pins.Select(p => $"\n    <PackageReference Include=\"{p.Id}\" Version=\"{p.Version}\" />"));
        var trimming = trimmed ? "\n    <PublishTrimmed>true</PublishTrimmed>\n    <TrimmerSingleWarn>false</TrimmerSingleWarn>" : string.Empty;
        File.WriteAllText(Path.Combine(directory, "consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>{targetFramework}</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <InvariantGlobalization>true</InvariantGlobalization>{trimming}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="HealthScore.Core" Version="{feed.Version}" />{references}
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "Program.cs"), source);
        return directory;
    }

    private static string LastLine(string output) =>
        output.ReplaceLineEndings("\n").TrimEnd().Split('\n')[^1];

    private static string ReadEntry(ZipArchive package, string name)
    {
        using var reader = new StreamReader(package.GetEntry(name)!.Open());
        return reader.ReadToEnd().ReplaceLineEndings("\n");
    }

    [GeneratedRegex(@"```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();

    [GeneratedRegex(@"\]\((?!https?://)[^)]*\)")]
    private static partial Regex RelativeLink();

    [GeneratedRegex(@"warning IL\d{4}")]
    private static partial Regex TrimWarning();
}
