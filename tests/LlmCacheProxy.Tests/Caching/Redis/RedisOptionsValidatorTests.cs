using LlmCacheProxy.Caching.Redis;

namespace LlmCacheProxy.Tests.Caching.Redis;

public sealed class RedisOptionsValidatorTests
{
    [Fact]
    public void Validate_Disabled_ChecksNothing()
    {
        var result = new RedisOptionsValidator().Validate(null, new RedisOptions { Enabled = false, KeyPrefix = "", DefaultTtlSeconds = 0 });

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Validate_Defaults_Succeed() =>
        Assert.True(new RedisOptionsValidator().Validate(null, new RedisOptions { Enabled = true }).Succeeded);

    [Fact]
    public void Validate_SeveralProblems_ReportsEveryOne()
    {
        var result = new RedisOptionsValidator().Validate(null, new RedisOptions
        {
            Enabled = true,
            KeyPrefix = "",
            DefaultTtlSeconds = 0,
            LeaseSeconds = 0,
        });

        Assert.Equal(3, result.Failures!.Count());
    }

    [Fact]
    public void Validate_MalformedConnectionString_DoesNotEchoIt()
    {
        var result = new RedisOptionsValidator().Validate(null, new RedisOptions { Enabled = true, Configuration = "host:1,password=hunter2,bogus=" });

        Assert.False(result.Succeeded);
        Assert.All(result.Failures!, f => Assert.DoesNotContain("hunter2", f));
    }

    [Fact]
    public void EffectiveChannel_Empty_FollowsThePrefix() =>
        Assert.Equal("team-a:events", new RedisOptions { KeyPrefix = "team-a:" }.EffectiveChannel);
}
