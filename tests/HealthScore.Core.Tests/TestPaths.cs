namespace HealthScore.Core.Tests;

/// <summary>Locates the repository the tests run from (not the source paths compiled in, which CI builds map away).</summary>
internal static class TestPaths
{
    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "HealthScore.Core.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("HealthScore.Core.sln not found above " + AppContext.BaseDirectory);
    }
}
