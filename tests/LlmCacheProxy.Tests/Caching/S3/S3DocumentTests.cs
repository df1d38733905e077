using System.Text;
using LlmCacheProxy.Caching.S3;

namespace LlmCacheProxy.Tests.Caching.S3;

public sealed class S3DocumentTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public void Invalidations_RoundTrip_KeepsEveryTick()
    {
        var epochs = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal)
        {
            ["*"] = Now.AddTicks(1234567),
            ["model:gpt-4o"] = Now.AddHours(-1).AddTicks(1),
        };

        var bytes = S3InvalidationDocument.Serialize(epochs, Now);
        var read = S3InvalidationDocument.Deserialize(bytes);

        Assert.StartsWith("{\n  \"format\": 1,", Encoding.UTF8.GetString(bytes).ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.NotNull(read);
        Assert.Equal(epochs.OrderBy(p => p.Key), read.OrderBy(p => p.Key));
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"format\":1}")]
    [InlineData("{\"format\":1,\"epochs\":{\"*\":\"not a date\"}}")]
    public void Invalidations_Unreadable_ReadsAsNull(string text)
    {
        Assert.Null(S3InvalidationDocument.Deserialize(Encoding.UTF8.GetBytes(text)));
    }

    [Fact]
    public void Manifest_RoundTrip_SortedByObjectKey()
    {
        var b = new S3ManifestItem("llm-cache/b.json", "gpt-4o_b", "gpt-4o", 20, Now.AddTicks(7));
        var a = new S3ManifestItem("llm-cache/a.json", "gpt-4o_a", "gpt-4o", 10, Now);

        var bytes = S3ManifestDocument.Serialize(DateOnly.FromDateTime(Now.UtcDateTime), [b, a], Now);
        var text = Encoding.UTF8.GetString(bytes);

        Assert.StartsWith("{\n  \"format\": 1,", text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("\"date\": \"2025-01-02\"", text, StringComparison.Ordinal);
        Assert.Contains("\"count\": 2", text, StringComparison.Ordinal);
        Assert.Equal([a, b], S3ManifestDocument.Deserialize(bytes));
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"format\":1,\"entries\":{}}")]
    [InlineData("{\"format\":1,\"entries\":[{\"object_key\":\"k\"}]}")]
    public void Manifest_Unreadable_ReadsAsNull(string text)
    {
        Assert.Null(S3ManifestDocument.Deserialize(Encoding.UTF8.GetBytes(text)));
    }

    [Fact]
    public void Pointer_IsCompactWithFormatFirst()
    {
        var pointer = new S3Pointer("k", "m_id", "llm-cache/x.json", "llm-cache/x.metadata.json", "m", "", Now, null);

        var text = Encoding.UTF8.GetString(pointer.Serialize());

        Assert.StartsWith("{\"format\":1,\"cache_key\":\"k\",", text, StringComparison.Ordinal);
        Assert.EndsWith("\"expires_at\":null}", text, StringComparison.Ordinal);
    }
}
