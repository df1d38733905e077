using System.Text;
using System.Text.Json;
using LlmCacheProxy.Admin;
using LlmCacheProxy.Tests.Caching;

namespace LlmCacheProxy.Tests.Admin;

public sealed class CacheExportFormatTests
{
    private static readonly byte[] Canonical = Encoding.UTF8.GetBytes(
        "{\"messages\":[{\"content\":\"hi\",\"role\":\"user\"}],\"model\":\"gpt-4o\",\"params\":{\"max_completion_tokens\":5,\"temperature\":0}," +
        "\"partition\":\"caller:0123|ns:team-a\",\"route\":\"/v1/chat/completions\",\"v\":1}");

    [Fact]
    public void Write_ClientBodyKept_IsExportedVerbatimAndReadBack()
    {
        var body = Encoding.UTF8.GetBytes("{\"model\":\"GPT-4o\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\" hi \"}]}");
        var entry = CacheEntrySerializerTests.Entry("{\"choices\":[]}"u8.ToArray()) with { Request = Canonical, RequestBody = body };

        var record = CacheExportFormat.TryRead(CacheExportFormat.Write(entry), out string error);

        Assert.Equal("", error);
        Assert.True(record!.ClientBody);
        Assert.Equal(body, record.RequestBody);
        Assert.Equal("caller:0123", record.Partition);
        Assert.Equal("team-a", record.Namespace);
        Assert.Null(record.Entry.RequestBody);
    }

    [Fact]
    public void Write_NoClientBody_RebuildsOneFromTheCanonicalForm()
    {
        var entry = CacheEntrySerializerTests.Entry("{\"choices\":[]}"u8.ToArray()) with { Request = Canonical, RequestBody = null };

        var record = CacheExportFormat.TryRead(CacheExportFormat.Write(entry), out _)!;
        using var body = JsonDocument.Parse(record.RequestBody);

        Assert.False(record.ClientBody);
        Assert.Equal(["messages", "model", "max_completion_tokens", "temperature"], body.RootElement.EnumerateObject().Select(p => p.Name));
    }

    [Theory]
    [InlineData("{\"format\":2}")]
    [InlineData("{\"format\":1,\"request_body\":{},\"entry\":{\"format\":9}}")]
    [InlineData("[1,2]")]
    [InlineData("{not json")]
    public void TryRead_NotAnExportLine_GivesAnError(string line)
    {
        Assert.Null(CacheExportFormat.TryRead(Encoding.UTF8.GetBytes(line), out string error));
        Assert.NotEqual("", error);
    }
}
