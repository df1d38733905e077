using LlmCacheProxy.Caching;

namespace LlmCacheProxy.Tests.Caching;

public sealed class CacheOptionsTests
{
    [Fact]
    public void TtlFor_ExactModelBeatsPrefixAndDefault()
    {
        var options = new CacheOptions
        {
            DefaultTtlSeconds = 60,
            ModelTtlSeconds = new(StringComparer.OrdinalIgnoreCase) { ["gpt-4o*"] = 120, ["gpt-4o-mini"] = 30, ["gpt-4o-mini*"] = 90 },
        };

        Assert.Equal(TimeSpan.FromSeconds(30), options.TtlFor("gpt-4o-mini"));
        Assert.Equal(TimeSpan.FromSeconds(90), options.TtlFor("gpt-4o-mini-2024"));
        Assert.Equal(TimeSpan.FromSeconds(120), options.TtlFor("gpt-4o"));
        Assert.Equal(TimeSpan.FromSeconds(60), options.TtlFor("o3"));
    }

    [Fact]
    public void TtlFor_ZeroDefault_MeansNoExpiry()
    {
        Assert.Null(new CacheOptions().TtlFor("gpt-4o"));
    }

    [Fact]
    public void Validator_ReportsEveryErrorAtOnce()
    {
        var options = new CacheOptions { DefaultTtlSeconds = -1, MaxEntryBytes = 0 };
        options.Sqlite.Path = " ";
        options.Memory.MaxBytes = 0;

        var result = new CacheOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal(4, result.Failures!.Count());
    }
}
