using BenchmarkDotNet.Running;

namespace HealthScore.Benchmarks;

/// <summary>Runs the benchmarks chosen on the command line, for example <c>--filter '*Rules*'</c>.</summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    /// <param name="args">BenchmarkDotNet's arguments.</param>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
