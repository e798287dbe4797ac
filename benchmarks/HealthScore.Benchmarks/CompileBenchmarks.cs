using BenchmarkDotNet.Attributes;
using HealthScore.Core.Model;
using HealthScore.Core.Serialization;

namespace HealthScore.Benchmarks;

/// <summary>Compiling the realistic model from its JSON document (parse, validate, compile to flat arrays).</summary>
/// <remarks>
/// Compiling runs many methods once per operation, so tiered compilation takes thousands of operations to finish
/// optimising them; 20 warm-up iterations (whatever the job) let the figure be the steady state, not the tier-up.
/// </remarks>
[MemoryDiagnoser]
[WarmupCount(20)]
public class CompileBenchmarks
{
    private string _json = null!;

    /// <summary>Writes the realistic model's document.</summary>
    [GlobalSetup]
    public void Setup() => _json = HealthModelDocument.Write(BenchmarkModels.RealisticBuilder().Definition);

    /// <summary><c>HealthModelDocument.Compile(json)</c>.</summary>
    /// <returns>The model.</returns>
    [Benchmark]
    public HealthModel Compile() => HealthModelDocument.Compile(_json);
}
