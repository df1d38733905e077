using LlmCacheProxy.Hosting;
using Microsoft.Extensions.Configuration;

namespace LlmCacheProxy.Tests.Hosting;

public sealed class HealthCheckUrlTests
{
    private static string From(params (string Key, string Value)[] settings) =>
        HealthCheckUrl.From(new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build());

    [Fact]
    public void From_ContainerUrlOnAllInterfaces_AsksLoopbackOnThatPort()
    {
        Assert.Equal("http://127.0.0.1:9090/healthz", From(("urls", "http://0.0.0.0:9090")));
    }

    [Fact]
    public void From_SeveralUrls_PrefersTheFirstPlainHttpOne()
    {
        Assert.Equal("http://127.0.0.1:8081/healthz", From(("urls", "https://+:8443;http://*:8081;http://localhost:8082")));
    }

    [Fact]
    public void From_OnlyHttpPorts_AsksLoopbackOnTheFirstPort()
    {
        Assert.Equal("http://127.0.0.1:5005/healthz", From(("http_ports", "5005;5006")));
    }

    [Fact]
    public void From_NothingConfigured_IsTheDefaultListener()
    {
        Assert.Equal("http://127.0.0.1:8080/healthz", From());
    }
}
