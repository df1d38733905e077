using System.Net;
using LlmCacheProxy.IntegrationTests.Infrastructure;

namespace LlmCacheProxy.IntegrationTests.Proxy;

public sealed class HealthTests
{
    [Fact]
    public async Task Healthz_WhenServing_Answers200()
    {
        await using var ctx = await ProxyTestContext.StartAsync();

        using var response = await ctx.Proxy.Http.GetAsync("healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Readyz_WithSqliteOpen_Answers200AndNamesSqlite()
    {
        await using var ctx = await ProxyTestContext.StartAsync();

        using var response = await ctx.Proxy.Http.GetAsync("readyz");
        string body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"sqlite\":\"ok\"", body);
    }

    [Fact]
    public async Task FirstStart_CreatesSqliteFileAndFolder()
    {
        using var dir = new TestDirectory();
        await using var upstream = await FakeUpstream.FakeOpenAiServer.StartAsync();
        string path = Path.Combine(dir.Path, "nested", "folder", "cache.db");

        await using (var proxy = await ProxyInstance.StartAsync(upstream.BaseAddress, path))
        {
            Assert.True(File.Exists(path));
        }
    }
}
