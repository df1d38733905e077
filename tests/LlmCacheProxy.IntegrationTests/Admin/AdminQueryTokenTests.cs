using System.Net;
using LlmCacheProxy.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LlmCacheProxy.IntegrationTests.Admin;

/// <summary>The admin token belongs in the Authorization header; in a URL it is refused and never logged.</summary>
public sealed class AdminQueryTokenTests
{
    [Theory]
    [InlineData("admin/stats?token=" + AdminApi.Token)]
    [InlineData("admin/stats?access_token=" + AdminApi.Token)]
    [InlineData("admin/analytics?granularity=day&t=" + AdminApi.Token)]
    [InlineData("admin/cache/entries?token=not-even-the-token")]
    [InlineData("admin/dashboard?access_token=" + AdminApi.Token)]
    public async Task TokenInQueryString_Answers400SayingToUseTheHeader(string path)
    {
        await using var ctx = await ProxyTestContext.StartAsync(AdminApi.Settings());

        var (response, json) = await ctx.Proxy.SendAsync(HttpMethod.Get, path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Authorization: Bearer", json.Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OtherQueryParameters_StillWork()
    {
        await using var ctx = await ProxyTestContext.StartAsync(AdminApi.Settings());

        var (response, _) = await ctx.Proxy.SendAsync(HttpMethod.Get, "admin/analytics?granularity=hour&format=json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task TokenInQueryString_NeverInTheRequestLog()
    {
        var capture = new CapturingLoggerProvider();
        await using var ctx = await ProxyTestContext.StartAsync(AdminApi.Settings(
            ("Logging:LogLevel:Microsoft.AspNetCore", "Information"), ("Logging:Console:LogLevel:Default", "Warning")));
        ctx.Proxy.Services.GetRequiredService<ILoggerFactory>().AddProvider(capture);

        (await ctx.Proxy.SendAsync(HttpMethod.Get, "admin/stats?access_token=" + AdminApi.Token, token: null)).Response.Dispose();
        (await ctx.Proxy.SendAsync(HttpMethod.Get, "admin/stats?x=" + Uri.EscapeDataString(AdminApi.Token))).Response.Dispose();

        Assert.Contains(capture.Lines, line => line.Contains("Request starting", StringComparison.Ordinal) && line.Contains("/admin/stats", StringComparison.Ordinal));
        Assert.DoesNotContain(capture.Lines, line => line.Contains(AdminApi.Token, StringComparison.Ordinal));
    }
}
