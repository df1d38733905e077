using System.Net;
using System.Text;
using LlmCacheProxy.IntegrationTests.Infrastructure;
using LlmCacheProxy.IntegrationTests.S3;

namespace LlmCacheProxy.IntegrationTests.Storage;

/// <summary>
/// AES-256-GCM at rest: the SQLite file, its WAL and the bucket hold no prompt or answer text; keys rotate without a
/// flush; an entry whose key is gone or wrong is a miss (200, never a 500); plain entries written before stay hits.
/// </summary>
public sealed class EncryptionAtRestTests
{
    private const string Marker = "confidential-marker-7f3a9c";

    [Fact]
    public async Task EncryptionOn_SqliteFileWalAndBucket_HoldNoPromptOrAnswerText()
    {
        await using var s3 = await S3rverServer.StartAsync();
        using var client = s3.CreateClient();
        // Uncompressed, so the only thing keeping the text out of the files is the encryption.
        var settings = AtRest.Settings("none", "k1", ("k1", AtRest.Key1)).With(s3.ProxySettings());
        await using var ctx = await ProxyTestContext.StartAsync(settings);

        using var miss = await ctx.Proxy.Http.SendAsync(ChatRequests.Body("please repeat " + Marker));
        Assert.Contains("echo: please repeat " + Marker, await miss.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await S3TestHelpers.WaitForUploadsAsync(ctx.Proxy, s3, client, miss.Header("X-Cache-Key")!);

        string db = ctx.Directory.SqlitePath;
        Assert.NotNull(AtRest.Body(db, miss.Header("X-Cache-Key")!));
        Assert.False(AtRest.FileContains(db, Marker), "the SQLite file holds the text");
        Assert.False(AtRest.FileContains(db + "-wal", Marker), "the WAL holds the text");
        var objects = await S3TestHelpers.ListKeysAsync(client, s3.Bucket);
        Assert.Equal(3, objects.Count);
        foreach (string key in objects)
        {
            var bytes = await S3TestHelpers.ReadAsync(client, s3.Bucket, key);
            Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(Marker)) < 0, key + " holds the text");
        }
    }

    [Fact]
    public async Task Rotation_NewActiveKey_OldEntriesStayHits()
    {
        await using var ctx = await ProxyTestContext.StartAsync(AtRest.Settings("zstd", "k1", ("k1", AtRest.Key1)));
        using var first = await ctx.Proxy.Http.SendAsync(ChatRequests.Body("written under k1"));
        var answer = await first.Content.ReadAsByteArrayAsync();

        await ctx.RestartProxyAsync(AtRest.Settings("zstd", "k2", ("k1", AtRest.Key1), ("k2", AtRest.Key2)));
        using var again = await ctx.Proxy.Http.SendAsync(ChatRequests.Body("written under k1"));

        Assert.Equal("HIT", again.Header("X-Cache"));
        Assert.Equal("sqlite", again.Header("X-Cache-Tier"));
        Assert.Equal(answer, await again.Content.ReadAsByteArrayAsync());
        Assert.Equal(1, ctx.Upstream.ChatCalls);
    }

    [Theory]
    [InlineData("gone")]
    [InlineData("other-material-same-id")]
    public async Task StoredUnderAKeyNotHeld_IsAnsweredAsMissAndReplaced(string restartWith)
    {
        await using var ctx = await ProxyTestContext.StartAsync(AtRest.Settings("none", "k1", ("k1", AtRest.Key1)));
        using var first = await ctx.Proxy.Http.SendAsync(ChatRequests.Body("written under k1"));
        string key = first.Header("X-Cache-Key")!;
        var before = AtRest.Body(ctx.Directory.SqlitePath, key);

        await ctx.RestartProxyAsync(restartWith == "gone"
            ? AtRest.Settings("none", "k2", ("k2", AtRest.Key2))
            : AtRest.Settings("none", "k1", ("k1", AtRest.Key2)));
        using var again = await ctx.Proxy.Http.SendAsync(ChatRequests.Body("written under k1"));
        await ctx.Proxy.FlushAsync();

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("MISS", again.Header("X-Cache"));
        Assert.Contains("echo: written under k1", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(2, ctx.Upstream.ChatCalls);
        Assert.NotEqual(before, AtRest.Body(ctx.Directory.SqlitePath, key));
    }

    [Fact]
    public async Task EncryptionTurnedOn_PlainEntriesWrittenBefore_StayHits()
    {
        await using var ctx = await ProxyTestContext.StartAsync(AtRest.Settings("none"));
        using var old = await ctx.Proxy.Http.SendAsync(ChatRequests.Body("plain, from before"));
        var oldAnswer = await old.Content.ReadAsByteArrayAsync();

        await ctx.RestartProxyAsync(AtRest.Settings("zstd", "k1", ("k1", AtRest.Key1)));
        using var fresh = await ctx.Proxy.Http.SendAsync(ChatRequests.Body("encrypted, from now on"));
        await ctx.Proxy.FlushAsync();
        await ctx.RestartProxyAsync(AtRest.Settings("zstd", "k1", ("k1", AtRest.Key1)));
        using var oldAgain = await ctx.Proxy.Http.SendAsync(ChatRequests.Body("plain, from before"));
        using var freshAgain = await ctx.Proxy.Http.SendAsync(ChatRequests.Body("encrypted, from now on"));

        Assert.Equal((byte)'{', AtRest.Body(ctx.Directory.SqlitePath, old.Header("X-Cache-Key")!)![0]);
        Assert.Equal(0xE1, AtRest.Body(ctx.Directory.SqlitePath, fresh.Header("X-Cache-Key")!)![0]);
        Assert.Equal(("HIT", "sqlite"), (oldAgain.Header("X-Cache"), oldAgain.Header("X-Cache-Tier")));
        Assert.Equal(("HIT", "sqlite"), (freshAgain.Header("X-Cache"), freshAgain.Header("X-Cache-Tier")));
        Assert.Equal(oldAnswer, await oldAgain.Content.ReadAsByteArrayAsync());
    }
}
