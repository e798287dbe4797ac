using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(HealthScore.Benchmarks.ScoringBenchmarks).Assembly).Run(args);
