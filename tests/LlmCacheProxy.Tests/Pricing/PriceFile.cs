using LlmCacheProxy.Pricing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LlmCacheProxy.Tests.Pricing;

/// <summary>A price file in a temp folder and a <see cref="PriceTable"/> reading it (checking for changes on every lookup).</summary>
internal sealed class PriceFile : IDisposable
{
    public const string Sample = """
        {
          "models": {
            "gpt-4o*": { "input": 2.50, "cached_input": 1.25, "output": 10.00 },
            "gpt-4o-mini*": { "input": 0.15, "cached_input": 0.075, "output": 0.60 },
            "gpt-4o-2024-05-13": { "input": 5.00, "output": 15.00 },
            "gpt-4": { "input": 30.00, "output": 60.00 },
            "_comment": "ignored"
          }
        }
        """;

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "llmcache-pricing", Guid.NewGuid().ToString("N"));

    public PriceFile(string json = Sample)
    {
        Directory.CreateDirectory(_dir);
        FilePath = Path.Combine(_dir, "pricing.json");
        File.WriteAllText(FilePath, json);
        Table = new PriceTable(Options.Create(new PricingOptions { Path = FilePath, ReloadCheckSeconds = 0 }), TimeProvider.System, NullLogger<PriceTable>.Instance);
        Calculator = new CostCalculator(Table);
    }

    public string FilePath { get; }

    public PriceTable Table { get; }

    public CostCalculator Calculator { get; }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
