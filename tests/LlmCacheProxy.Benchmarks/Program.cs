using BenchmarkDotNet.Running;

// scripts/bench.sh --micro runs these in Release with BenchmarkDotNet's short job.
BenchmarkSwitcher.FromAssembly(typeof(LlmCacheProxy.Benchmarks.KeyBenchmarks).Assembly).Run(args);
