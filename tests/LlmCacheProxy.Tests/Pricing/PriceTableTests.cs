namespace LlmCacheProxy.Tests.Pricing;

public sealed class PriceTableTests
{
    [Fact]
    public void TryGet_PrefixMatch_LongestPrefixWins()
    {
        using var prices = new PriceFile();

        Assert.True(prices.Table.TryGet("gpt-4o-mini-2024-07-18", out var mini));
        Assert.True(prices.Table.TryGet("gpt-4o-2024-08-06", out var full));

        Assert.Equal(0.15m, mini.InputPerMillion);
        Assert.Equal(2.50m, full.InputPerMillion);
    }

    [Fact]
    public void TryGet_ExactName_WinsOverPrefix()
    {
        using var prices = new PriceFile();

        Assert.True(prices.Table.TryGet("gpt-4o-2024-05-13", out var price));

        Assert.Equal(5.00m, price.InputPerMillion);
        Assert.Equal(5.00m, price.CachedInputPerMillion);
    }

    [Fact]
    public void TryGet_ExactEntryWithoutStar_DoesNotMatchLongerNames()
    {
        using var prices = new PriceFile();

        Assert.False(prices.Table.TryGet("gpt-4-32k", out _));
    }

    [Fact]
    public void TryGet_ProviderQualifiedName_FallsBackToModelName()
    {
        using var prices = new PriceFile();

        Assert.True(prices.Table.TryGet("OpenAI/GPT-4o-mini", out var price));

        Assert.Equal(0.60m, price.OutputPerMillion);
    }

    [Fact]
    public void TryGet_FileChanged_ReloadsPrices()
    {
        using var prices = new PriceFile();
        Assert.False(prices.Table.TryGet("my-model", out _));

        File.WriteAllText(prices.FilePath, """{"models": {"my-model": {"input": 1, "output": 2}}}""");
        File.SetLastWriteTimeUtc(prices.FilePath, DateTime.UtcNow.AddMinutes(1));

        Assert.True(prices.Table.TryGet("my-model", out var price));
        Assert.Equal(2m, price.OutputPerMillion);
        Assert.False(prices.Table.TryGet("gpt-4o", out _));
    }

    [Fact]
    public void TryGet_BrokenFileAfterGoodOne_KeepsPreviousPrices()
    {
        using var prices = new PriceFile();

        File.WriteAllText(prices.FilePath, "{ not json");
        File.SetLastWriteTimeUtc(prices.FilePath, DateTime.UtcNow.AddMinutes(1));

        Assert.True(prices.Table.TryGet("gpt-4o", out _));
    }

    [Fact]
    public void ShippedPriceFile_ParsesAndPricesCommonModels()
    {
        string shipped = Path.Combine(AppContext.BaseDirectory, "config", "pricing.json");
        using var prices = new PriceFile(File.ReadAllText(shipped));

        foreach (string model in new[] { "gpt-4o", "gpt-4o-mini", "gpt-4.1-nano", "o3-mini", "o4-mini", "gpt-3.5-turbo", "text-embedding-3-small", "claude-sonnet-4-20250514", "llama-3.3-70b-versatile" })
        {
            Assert.True(prices.Table.TryGet(model, out _), model);
        }
    }
}
