using System.Globalization;
using System.Text;
using LlmCacheProxy.Caching.S3;
using LlmCacheProxy.Caching;

namespace LlmCacheProxy.Tests.Caching.S3;

public sealed class S3LayoutTests
{
    private const string Key = "ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12";

    private static CacheEntry Entry(string model = "meta-llama/Llama-3.1-8B") => new()
    {
        CacheId = "meta-llama-llama-3.1-8b_ab12cd34ef56ab12",
        CacheKey = Key,
        Route = "/v1/chat/completions",
        Model = model,
        Request = Encoding.UTF8.GetBytes("{}"),
        RequestTimestamp = new DateTimeOffset(2025, 1, 2, 22, 59, 0, TimeSpan.Zero),
        Response = new CachedResponse { Body = Encoding.UTF8.GetBytes("{\"id\":\"x\"}") },
        // 01:05 at +02:00 is 23:05 UTC the day before: names use UTC.
        ResponseTimestamp = new DateTimeOffset(2025, 1, 3, 1, 5, 0, TimeSpan.FromHours(2)),
    };

    [Fact]
    public void Names_UseUtcHourOfCreationAndModelSlug()
    {
        var layout = new S3Layout("p/");

        Assert.Equal("p/llm-cache/meta-llama-llama-3.1-8b/2025/01/02/23/meta-llama-llama-3.1-8b_ab12cd34ef56ab12.json", layout.Entry(Entry()));
        Assert.Equal("p/llm-cache/meta-llama-llama-3.1-8b/2025/01/02/23/meta-llama-llama-3.1-8b_ab12cd34ef56ab12.metadata.json", layout.Metadata(Entry()));
        Assert.Equal($"p/cache-index/by-hash/ab/{Key}.json", layout.Pointer(Key));
        Assert.Equal("p/cache-index/by-date/2025-01-02.json", layout.Manifest(new DateOnly(2025, 1, 2)));
        Assert.Equal("p/cache-index/global/invalidations.json", layout.Invalidations);
    }

    [Fact]
    public void Names_UnderArabicCulture_StayInvariant()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("ar-SA");
            Assert.Equal("llm-cache/gpt-4o/2025/01/02/23/meta-llama-llama-3.1-8b_ab12cd34ef56ab12.json", new S3Layout("").Entry(Entry("gpt-4o")));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void Pointer_RoundTrips()
    {
        var pointer = S3Pointer.For(Entry(), new S3Layout(""));

        Assert.Equal(pointer, S3Pointer.Deserialize(pointer.Serialize()));
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("{\"format\":2,\"cache_key\":\"x\"}")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"format\":1}")]
    public void Pointer_CorruptOrForeign_ReadsAsNull(string text)
    {
        Assert.Null(S3Pointer.Deserialize(Encoding.UTF8.GetBytes(text)));
    }

    [Fact]
    public void Pointer_IsDead_WhenModelEpochCoversCreation()
    {
        var entry = Entry();
        var pointer = S3Pointer.For(entry, new S3Layout(""));
        var epochs = new InvalidationEpochs();
        Assert.False(pointer.IsDead(entry.CreatedAt.AddMinutes(1), epochs));

        epochs.Set(InvalidationEpochs.ModelScope(entry.Model), entry.CreatedAt);

        Assert.True(pointer.IsDead(entry.CreatedAt.AddMinutes(1), epochs));
    }
}
