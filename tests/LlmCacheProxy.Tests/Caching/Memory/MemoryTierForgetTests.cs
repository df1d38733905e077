using LlmCacheProxy.Caching;
using LlmCacheProxy.Caching.Memory;
using Microsoft.Extensions.Options;

namespace LlmCacheProxy.Tests.Caching.Memory;

/// <summary>Another instance changed a key: the memory tier drops an older copy, keeps the same or a newer one.</summary>
public sealed class MemoryTierForgetTests
{
    private static readonly DateTimeOffset Created = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    private static async Task<bool> KeptAfterForgetAsync(DateTimeOffset? changeCreatedAt)
    {
        using var tier = new MemoryTier(Options.Create(new CacheOptions()));
        var entry = CacheEntrySerializerTests.Entry("{}"u8.ToArray()) with { CacheKey = "k1", ResponseTimestamp = Created, ExpiresAt = null };
        tier.Stage(entry, CacheWriteKind.Store, new EntryWrite(entry, null!, null!, TimeProvider.System));

        await tier.ForgetAsync("k1", changeCreatedAt, default);

        return await tier.GetAsync("k1", default) is not null;
    }

    [Fact]
    public async Task Forget_NewerEntryElsewhere_DropsTheOlderCopy() =>
        Assert.False(await KeptAfterForgetAsync(Created.AddSeconds(1)));

    [Fact]
    public async Task Forget_TheSameEntry_KeepsTheCopy() =>
        Assert.True(await KeptAfterForgetAsync(Created));

    [Fact]
    public async Task Forget_Deleted_DropsTheCopy() =>
        Assert.False(await KeptAfterForgetAsync(null));
}
