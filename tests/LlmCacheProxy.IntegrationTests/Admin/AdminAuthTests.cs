using System.Net;
using LlmCacheProxy.IntegrationTests.Infrastructure;

namespace LlmCacheProxy.IntegrationTests.Admin;

/// <summary>Every admin endpoint is behind the admin token and never reaches the upstream.</summary>
public sealed class AdminAuthTests
{
    public static TheoryData<string, string> Endpoints => new()
    {
        { "POST", "admin/cache/invalidate" },
        { "POST", "admin/cache/clear" },
        { "GET", "admin/cache/entries" },
        { "GET", "admin/cache/entries/" + new string('a', 64) },
        { "DELETE", "admin/cache/entries/" + new string('a', 64) },
        { "POST", "admin/cache/explain" },
        { "GET", "admin/stats" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Endpoint_NoTokenConfigured_Answers403NamingTheSetting(string method, string path)
    {
        await using var ctx = await ProxyTestContext.StartAsync();

        var (response, json) = await ctx.Proxy.SendAsync(new HttpMethod(method), path, "{\"model\":\"x\"}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Admin:Token", json.Str("detail"));
        Assert.Equal(0, ctx.Upstream.TotalCalls);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Endpoint_WrongOrMissingToken_Answers401(string method, string path)
    {
        await using var ctx = await ProxyTestContext.StartAsync(AdminApi.Settings());

        var (wrong, _) = await ctx.Proxy.SendAsync(new HttpMethod(method), path, "{\"model\":\"x\"}", token: "not-the-token");
        var (missing, _) = await ctx.Proxy.SendAsync(new HttpMethod(method), path, "{\"model\":\"x\"}", token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(0, ctx.Upstream.TotalCalls);
    }
}
