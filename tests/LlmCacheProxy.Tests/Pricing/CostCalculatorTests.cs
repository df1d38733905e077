using LlmCacheProxy.Caching;
using LlmCacheProxy.Pricing;

namespace LlmCacheProxy.Tests.Pricing;

public sealed class CostCalculatorTests
{
    [Fact]
    public void Calculate_KnownModel_InputAndOutputAtTablePrices()
    {
        using var prices = new PriceFile();

        var cost = prices.Calculator.Calculate("gpt-4o", new TokenUsage(1_000, 500, 0));

        Assert.NotNull(cost);
        Assert.Equal(0.0025m, cost.Input);
        Assert.Equal(0.005m, cost.Output);
        Assert.Equal(0.0075m, cost.Total);
    }

    [Fact]
    public void Calculate_CachedInputTokens_ChargedAtCachedPrice()
    {
        using var prices = new PriceFile();

        // 1,000 prompt tokens of which 400 cached: 600 at 0.15/M + 400 at 0.075/M; 200 output at 0.60/M.
        var cost = prices.Calculator.Calculate("gpt-4o-mini", new TokenUsage(1_000, 200, 400));

        Assert.NotNull(cost);
        Assert.Equal(0.00012m, cost.Input);
        Assert.Equal(0.00012m, cost.Output);
        Assert.Equal(0.00024m, cost.Total);
    }

    [Fact]
    public void Calculate_NoCachedPriceInTable_CachedTokensAtInputPrice()
    {
        using var prices = new PriceFile();

        var cost = prices.Calculator.Calculate("gpt-4", new TokenUsage(1_000, 0, 1_000));

        Assert.Equal(0.03m, cost!.Total);
    }

    [Fact]
    public void Calculate_UnknownModel_IsNull()
    {
        using var prices = new PriceFile();

        Assert.Null(prices.Calculator.Calculate("mistral-large", new TokenUsage(1_000, 500, 0)));
    }

    [Fact]
    public void Calculate_UpstreamCost_WinsOverTable()
    {
        using var prices = new PriceFile();

        var cost = prices.Calculator.Calculate("gpt-4o", new TokenUsage(1_000, 500, 0), upstreamCost: 0.03m);

        Assert.NotNull(cost);
        Assert.Equal(0.03m, cost.Total);
        Assert.Equal(0.01m, cost.Input);
        Assert.Equal(0.02m, cost.Output);
    }

    [Fact]
    public void Calculate_UpstreamCostForUnknownModel_IsUsed()
    {
        using var prices = new PriceFile();

        var cost = prices.Calculator.Calculate("mistral-large", new TokenUsage(10, 10, 0), upstreamCost: 0.0042m);

        Assert.Equal(new CostInfo(0, 0, 0.0042m), cost);
    }
}
