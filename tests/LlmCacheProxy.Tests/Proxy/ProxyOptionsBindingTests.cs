using LlmCacheProxy.Proxy;
using Microsoft.Extensions.Configuration;

namespace LlmCacheProxy.Tests.Proxy;

public sealed class ProxyOptionsBindingTests
{
    private static ProxyOptions Bind(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.ToDictionary(s => s.Key, s => (string?)s.Value))
            .Build()
            .GetSection(ProxyOptions.SectionName)
            .Get<ProxyOptions>()!;

    [Fact]
    public void ClientKeys_PlainStringsAndObjects_BothBind()
    {
        var options = Bind(
            ("Proxy:ClientKeys:0", "plain-key"),
            ("Proxy:ClientKeys:1:Key", "ci-key"),
            ("Proxy:ClientKeys:1:Name", "ci"),
            ("Proxy:ClientKeys:1:AllowedCacheControls:0", "no-cache"),
            ("Proxy:ClientKeys:1:AllowedCacheControls:1", "TTL"));

        Assert.Equal(["plain-key", "ci-key"], options.ClientKeys.Select(k => k.Key));
        Assert.Equal(CacheWriteGrants.None, options.ClientKeys[0].Grants);
        Assert.Equal("ci", options.ClientKeys[1].Name);
        Assert.Equal(CacheWriteGrants.NoCache | CacheWriteGrants.Ttl, options.ClientKeys[1].Grants);
    }

    [Fact]
    public void Validate_UnknownControlOrEmptyKey_ReportsEach()
    {
        var options = Bind(
            ("Proxy:UpstreamApiKey", "sk-up"),
            ("Proxy:ClientKeys:0:Key", " "),
            ("Proxy:ClientKeys:1:Key", "k"),
            ("Proxy:ClientKeys:1:AllowedCacheControls:0", "max-age"));

        var result = new ProxyOptionsValidator().Validate(null, options);

        Assert.Contains(result.Failures!, f => f.StartsWith("Proxy:ClientKeys:0 must not be an empty key", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("'max-age'", StringComparison.Ordinal));
    }
}
