using BenchmarkDotNet.Running;

namespace HealthScore.Benchmarks;

/// <summary>Runs the benchmarks chosen on the command line (for example <c>--filter '*Provider*'</c>).</summary>
public static class Program
{
    /// <summary>The entry point.</summary>
    /// <param name="args">BenchmarkDotNet switches.</param>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
