using System.Net;
using System.Text.Json;
using System.Text;
using LlmCacheProxy.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LlmCacheProxy.IntegrationTests.Admin;

/// <summary>Who may read what, and no secret anywhere it could leak.</summary>
public sealed class SecurityTests
{
    private const string ClientKeyA = "pk-client-a-1d8e4f";
    private const string ClientKeyB = "pk-client-b-93c0aa";
    private const string UpstreamKey = "sk-upstream-held-7b21c5";

    private static Dictionary<string, string?> ProxyHeld(params (string Key, string? Value)[] extra) => AdminApi.Settings(
        [("Proxy:UpstreamApiKey", UpstreamKey), ("Proxy:ClientKeys:0", ClientKeyA), ("Proxy:ClientKeys:1", ClientKeyB), .. extra]);

    [Fact]
    public async Task Passthrough_CallerAsEntry_IsAMissForCallerB()
    {
        await using var ctx = await ProxyTestContext.StartAsync(AdminApi.Settings());
        string body = ChatRequests.Body("private to a");

        using var a = await ctx.Proxy.Http.SendAsync(body, apiKey: "sk-caller-a");
        using var aAgain = await ctx.Proxy.Http.SendAsync(body, apiKey: "sk-caller-a");
        using var b = await ctx.Proxy.Http.SendAsync(body, apiKey: "sk-caller-b");

        Assert.Equal("HIT", aAgain.Header("X-Cache"));
        Assert.Equal("MISS", b.Header("X-Cache"));
        Assert.NotEqual(a.Header("X-Cache-Key"), b.Header("X-Cache-Key"));
        Assert.Equal(["Bearer sk-caller-a", "Bearer sk-caller-b"], ctx.Upstream.Requests.Select(r => r.Authorization));
    }

    [Fact]
    public async Task ProxyHeld_CallerAsEntry_IsAHitForCallerB_AndUpstreamGetsTheProxysKey()
    {
        await using var ctx = await ProxyTestContext.StartAsync(ProxyHeld());
        string body = ChatRequests.Body("shared answer");

        using var a = await ctx.Proxy.Http.SendAsync(body, apiKey: ClientKeyA);
        using var b = await ctx.Proxy.Http.SendAsync(body, apiKey: ClientKeyB);
        using var models = await ctx.Proxy.Http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "v1/models")
        {
            Headers = { Authorization = new("Bearer", ClientKeyB) },
        });

        Assert.Equal("MISS", a.Header("X-Cache"));
        Assert.Equal("HIT", b.Header("X-Cache"));
        Assert.Equal(HttpStatusCode.OK, models.StatusCode);
        Assert.Equal(1, ctx.Upstream.ChatCalls);
        Assert.All(ctx.Upstream.Requests, r => Assert.Equal("Bearer " + UpstreamKey, r.Authorization));
    }

    [Theory]
    [InlineData("Bearer")]
    [InlineData("Bearer    ")]
    [InlineData("bearer \t ")]
    public async Task Passthrough_BearerWithNoKey_IsNoCredentialNotASharedPartition(string authorization)
    {
        await using var ctx = await ProxyTestContext.StartAsync(AdminApi.Settings());
        var answers = new List<string?>();
        for (int i = 0; i < 2; i++)
        {
            using var request = ChatRequests.Post(ChatRequests.Body("an empty bearer"), apiKey: null);
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
            using var response = await ctx.Proxy.Http.SendAsync(request);
            answers.Add(response.Header("X-Cache"));
        }

        Assert.Equal(["BYPASS", "BYPASS"], answers);
        Assert.Equal(2, ctx.Upstream.ChatCalls);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer pk-not-a-client-key")]
    [InlineData("Bearer " + UpstreamKey)]
    [InlineData("Basic " + ClientKeyA)]
    [InlineData("Bearer pk-client-a-1d8e4")]
    public async Task ProxyHeld_MissingOrUnknownClientKey_Answers401InOpenAiShapeBeforeForwarding(string? authorization)
    {
        await using var ctx = await ProxyTestContext.StartAsync(ProxyHeld());
        foreach (var request in new[] { ChatRequests.Post(ChatRequests.Body("hi"), apiKey: null), new HttpRequestMessage(HttpMethod.Get, "v1/models") })
        {
            if (authorization is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", authorization);
            }

            using var response = await ctx.Proxy.Http.SendAsync(request);
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("invalid_api_key", doc.RootElement.GetProperty("error").Str("code"));
        }

        Assert.Equal(0, ctx.Upstream.TotalCalls);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Secrets_NeverInSqliteFilesLogsOrAdminResponses(bool proxyHeld)
    {
        var capture = new CapturingLoggerProvider();
        var verbose = new[] { ("Logging:LogLevel:Default", (string?)"Trace"), ("Logging:LogLevel:Microsoft.AspNetCore", "Trace"), ("Logging:LogLevel:Yarp", "Trace"), ("Logging:LogLevel:System.Net.Http", "Trace"),
            ("Logging:Console:LogLevel:Default", "Warning") }; // everything to the capture, not to the test console
        await using var ctx = await ProxyTestContext.StartAsync(proxyHeld ? ProxyHeld(verbose) : AdminApi.Settings(verbose));
        ctx.Proxy.Services.GetRequiredService<ILoggerFactory>().AddProvider(capture);
        string[] clientKeys = proxyHeld ? [ClientKeyA, ClientKeyB] : ["sk-passthrough-secret-a1", "sk-passthrough-secret-b2"];
        string[] secrets = [.. clientKeys, AdminApi.Token, .. proxyHeld ? [UpstreamKey] : Array.Empty<string>()];
        string body = ChatRequests.Body("keep my secrets", model: "gpt-4o");

        var admin = new StringBuilder();
        foreach (string key in clientKeys)
        {
            (await ctx.Proxy.Http.SendAsync(body, apiKey: key)).Dispose();
            (await ctx.Proxy.Http.SendAsync(body, apiKey: key)).Dispose();
            (await ctx.Proxy.ChatAsync(ChatRequests.Body("ns"), key, ("X-Cache-Namespace", "team-a"), ("Cache-Control", "max-age=60"))).Dispose();
            admin.Append(await ctx.Proxy.ExplainAsync(body, clientKey: key));
        }

        (await ctx.Proxy.Http.SendAsync(body, apiKey: "wrong-" + clientKeys[0])).Dispose();
        await ctx.Proxy.FlushAsync();
        var (_, page) = await ctx.Proxy.SendAsync(HttpMethod.Get, "admin/cache/entries");
        admin.Append(page);
        foreach (var entry in page.GetProperty("entries").EnumerateArray())
        {
            admin.Append((await ctx.Proxy.SendAsync(HttpMethod.Get, $"admin/cache/entries/{entry.Str("key")}?full=true")).Json);
        }

        admin.Append((await ctx.Proxy.SendAsync(HttpMethod.Get, "admin/stats")).Json);
        admin.Append((await ctx.Proxy.InvalidateAsync(new { model = "gpt-4o", dry_run = true })).Json);
        admin.Append((await ctx.Proxy.SendAsync(HttpMethod.Get, "admin/stats", token: "wrong-" + AdminApi.Token)).Json);

        string db = ctx.Directory.SqlitePath;
        var files = new[] { db, db + "-wal" }.Where(File.Exists).ToDictionary(f => f, ReadShared);
        Assert.Contains(db + "-wal", files.Keys);
        Assert.NotEmpty(capture.Lines);
        foreach (string secret in secrets)
        {
            byte[] needle = Encoding.UTF8.GetBytes(secret);
            foreach (var (file, bytes) in files)
            {
                Assert.True(bytes.AsSpan().IndexOf(needle) < 0, $"{Path.GetFileName(file)} holds a secret");
            }

            Assert.DoesNotContain(capture.Lines, line => line.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(secret, admin.ToString(), StringComparison.Ordinal);
        }

        // After shutdown the WAL is checkpointed into the main file: scan that too.
        await ctx.Proxy.DisposeAsync();
        byte[] checkpointed = ReadShared(db);
        Assert.All(secrets, secret => Assert.True(checkpointed.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) < 0));
        await ctx.RestartProxyAsync(proxyHeld ? ProxyHeld() : AdminApi.Settings());
    }

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
