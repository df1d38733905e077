using LlmCacheProxy.Caching;
using LlmCacheProxy.Caching.Redis;

namespace LlmCacheProxy.Tests.Caching.Redis;

public sealed class RedisTtlTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Default = TimeSpan.FromDays(1);

    private static CacheEntry Entry(DateTimeOffset? expiresAt) =>
        CacheEntrySerializerTests.Entry("{}"u8.ToArray()) with { ResponseTimestamp = Now.AddMinutes(-5), ExpiresAt = expiresAt };

    [Fact]
    public void For_EntryWithoutExpiry_GetsTheDefault() =>
        Assert.Equal(Default, RedisTtl.For(Entry(null), Now, Default, TimeSpan.Zero));

    [Fact]
    public void For_EntryWithExpiry_GetsWhatIsLeftOfIt() =>
        Assert.Equal(TimeSpan.FromMinutes(10), RedisTtl.For(Entry(Now.AddMinutes(10)), Now, Default, TimeSpan.Zero));

    [Fact]
    public void For_EntryWithLongerExpiryThanTheDefault_KeepsItsOwn() =>
        Assert.Equal(TimeSpan.FromDays(3), RedisTtl.For(Entry(Now.AddDays(3)), Now, Default, TimeSpan.Zero));

    [Fact]
    public void For_StaleIfErrorWindow_IsAddedToTheEntrysExpiry() =>
        Assert.Equal(TimeSpan.FromMinutes(11), RedisTtl.For(Entry(Now.AddMinutes(10)), Now, Default, TimeSpan.FromMinutes(1)));

    [Fact]
    public void For_ExpiredEntry_IsNotWritten() =>
        Assert.Null(RedisTtl.For(Entry(Now.AddSeconds(-1)), Now, Default, TimeSpan.Zero));
}
