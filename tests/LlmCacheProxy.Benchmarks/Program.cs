using BenchmarkDotNet.Running;

// scripts/bench.sh --micro runs these in Release with BenchmarkDotNet's short job;
// scripts/bench.sh --scale runs "--scale <sqlite-path> <entries>" (fill + SQLite-tier lookup timing);
// scripts/bench.sh --ratios runs "--ratios" (stored size of realistic entries per form).
if (args.Length == 3 && args[0] == "--scale")
{
    return LlmCacheProxy.Benchmarks.ScaleBenchmark.Run(args[1..]);
}

if (args.Length == 1 && args[0] == "--ratios")
{
    return LlmCacheProxy.Benchmarks.CodecRatioReport.Run();
}

BenchmarkSwitcher.FromAssembly(typeof(LlmCacheProxy.Benchmarks.KeyBenchmarks).Assembly).Run(args);
return 0;
