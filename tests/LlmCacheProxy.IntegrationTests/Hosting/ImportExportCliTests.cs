using LlmCacheProxy.IntegrationTests.Admin;
using LlmCacheProxy.IntegrationTests.Infrastructure;
using LlmCacheProxy.IntegrationTests.Streaming;

namespace LlmCacheProxy.IntegrationTests.Hosting;

/// <summary><c>LlmCacheProxy export</c> and <c>import</c> on the real binary, against the database of a stopped proxy.</summary>
public sealed class ImportExportCliTests
{
    private static readonly Dictionary<string, string?> Settings = AdminApi.Settings(("Cache:Warmup:Enabled", "false"));

    [Fact]
    public async Task ExportClearImport_StoredAnswers_ComeBackAsByteIdenticalHits()
    {
        await using var ctx = await ProxyTestContext.StartAsync(Settings);
        string json = ChatRequests.Body("export me as json");
        string stream = RawStream.Body("export me as a stream", includeUsage: true);
        using var jsonMiss = await ctx.Proxy.Http.SendAsync(json);
        var jsonAnswer = await jsonMiss.Content.ReadAsByteArrayAsync();
        var (_, streamAnswer) = await RawStream.SendAsync(ctx.Proxy.Http, stream);
        using var nsMiss = await ctx.Proxy.ChatAsync(json, headers: ("X-Cache-Namespace", "team-a"));
        var nsAnswer = await nsMiss.Content.ReadAsByteArrayAsync();
        await ctx.Proxy.DisposeAsync();
        string file = Path.Combine(ctx.Directory.Path, "export.jsonl");

        var exported = await CliRun.RunAsync(ctx.Directory.SqlitePath, null, "export", "--to", file);
        await ctx.RestartProxyAsync(Settings);
        (await ctx.Proxy.SendAsync(HttpMethod.Post, "admin/cache/clear")).Response.Dispose();
        await ctx.Proxy.DisposeAsync();
        var imported = await CliRun.RunAsync(ctx.Directory.SqlitePath, null, "import", "--from", file);
        await ctx.RestartProxyAsync(Settings);
        using var jsonHit = await ctx.Proxy.Http.SendAsync(json);
        var (streamHit, streamData) = await RawStream.SendAsync(ctx.Proxy.Http, stream);
        using var nsHit = await ctx.Proxy.ChatAsync(json, headers: ("X-Cache-Namespace", "team-a"));

        Assert.True(exported.ExitCode == 0, exported.ToString());
        Assert.Equal(3, File.ReadAllLines(file).Length);
        Assert.True(imported.ExitCode == 0, imported.ToString());
        Assert.Contains("imported 3 entries", imported.Output, StringComparison.Ordinal);
        Assert.Equal("HIT", jsonHit.Header("X-Cache"));
        Assert.Equal(jsonAnswer, await jsonHit.Content.ReadAsByteArrayAsync());
        Assert.Equal("HIT", streamHit.Header("X-Cache"));
        Assert.Equal(streamAnswer, streamData);
        Assert.Equal("HIT", nsHit.Header("X-Cache"));
        Assert.Equal(nsAnswer, await nsHit.Content.ReadAsByteArrayAsync());
        Assert.Equal(3, ctx.Upstream.ChatCalls);
    }

    [Fact]
    public async Task Import_MalformedLine_IsReportedByNumberAndTheOthersStored()
    {
        await using var ctx = await ProxyTestContext.StartAsync(Settings);
        (await ctx.Proxy.Http.SendAsync(ChatRequests.Body("first good line"))).Dispose();
        (await ctx.Proxy.Http.SendAsync(ChatRequests.Body("second good line"))).Dispose();
        await ctx.Proxy.DisposeAsync();
        string file = Path.Combine(ctx.Directory.Path, "export.jsonl");
        var exported = await CliRun.RunAsync(ctx.Directory.SqlitePath, null, "export", "--to", file);
        Assert.True(exported.ExitCode == 0, exported.ToString());
        var lines = File.ReadAllLines(file);
        File.WriteAllLines(file, [lines[0], "{\"format\":1,\"entry\":", lines[1]]);
        foreach (string part in new[] { "", "-wal", "-shm" })
        {
            File.Delete(ctx.Directory.SqlitePath + part);
        }

        var imported = await CliRun.RunAsync(ctx.Directory.SqlitePath, null, "import", "--from", file);
        await ctx.RestartProxyAsync(Settings);
        using var first = await ctx.Proxy.Http.SendAsync(ChatRequests.Body("first good line"));
        using var second = await ctx.Proxy.Http.SendAsync(ChatRequests.Body("second good line"));

        Assert.Equal(1, imported.ExitCode);
        Assert.Contains("line 2: not JSON", imported.Errors, StringComparison.Ordinal);
        Assert.Contains("imported 2 entries", imported.Output, StringComparison.Ordinal);
        Assert.Equal(("HIT", "HIT"), (first.Header("X-Cache"), second.Header("X-Cache")));
    }

    [Fact]
    public async Task Import_Resume_SkipsKeysAlreadyStored()
    {
        await using var ctx = await ProxyTestContext.StartAsync(Settings);
        (await ctx.Proxy.Http.SendAsync(ChatRequests.Body("stored once"))).Dispose();
        await ctx.Proxy.DisposeAsync();
        string file = Path.Combine(ctx.Directory.Path, "export.jsonl");
        Assert.Equal(0, (await CliRun.RunAsync(ctx.Directory.SqlitePath, null, "export", "--to", file)).ExitCode);

        var resumed = await CliRun.RunAsync(ctx.Directory.SqlitePath, null, "import", "--from", file, "--resume");

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Contains("imported 0 entries (1 already stored", resumed.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cli_BadArguments_ExitsWithUsage()
    {
        using var directory = new TestDirectory();

        var result = await CliRun.RunAsync(directory.SqlitePath, null, "import", "--from", "a.jsonl", "--results", "b.jsonl");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Usage:", result.Errors, StringComparison.Ordinal);
    }
}
