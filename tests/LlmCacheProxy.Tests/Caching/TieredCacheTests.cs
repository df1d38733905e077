using LlmCacheProxy.Caching;
using LlmCacheProxy.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace LlmCacheProxy.Tests.Caching;

public sealed class TieredCacheTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    private static CacheEntry Entry(string key = "k1", DateTimeOffset? createdAt = null, DateTimeOffset? expiresAt = null) =>
        CacheEntrySerializerTests.Entry("{\"choices\":[]}"u8.ToArray()) with
        {
            CacheKey = key,
            ResponseTimestamp = createdAt ?? Now.AddMinutes(-1),
            ExpiresAt = expiresAt,
        };

    [Fact]
    public void Tiers_RegisteredInAnyOrder_AreLookedUpByLevel()
    {
        var caches = new TestCaches(new FakeTimeProvider(Now), new TestTier(CacheTierNames.S3), new TestTier(CacheTierNames.Memory), new TestTier(CacheTierNames.Sqlite));

        Assert.Equal([CacheTierNames.Memory, CacheTierNames.Sqlite, CacheTierNames.S3], caches.Cache.Tiers.Select(t => t.Name));
    }

    [Fact]
    public async Task Lookup_HitInLowerTier_PromotedIntoTheTiersAboveOnly()
    {
        var memory = new TestTier(CacheTierNames.Memory);
        var sqlite = new TestTier(CacheTierNames.Sqlite);
        var s3 = new TestTier(CacheTierNames.S3);
        s3.Put(Entry());
        var caches = new TestCaches(new FakeTimeProvider(Now), memory, sqlite, s3);

        var hit = await caches.Cache.GetAsync("k1", null, CancellationToken.None);

        Assert.Equal(CacheTierNames.S3, hit?.Tier);
        Assert.Equal([("k1", CacheWriteKind.Promote)], memory.Staged);
        Assert.Equal([("k1", CacheWriteKind.Promote)], sqlite.Staged);
        Assert.Empty(s3.Staged);
    }

    [Fact]
    public async Task Lookup_TierThrows_IsAMissReportedOnceAndTheNextTierAnswers()
    {
        var memory = new TestTier(CacheTierNames.Memory) { Broken = true };
        var sqlite = new TestTier(CacheTierNames.Sqlite);
        sqlite.Put(Entry());
        var caches = new TestCaches(new FakeTimeProvider(Now), memory, sqlite);
        var failures = new List<TierFailure>();
        caches.Cache.TierFailed += failures.Add;

        var hit = await caches.Cache.GetAsync("k1", null, CancellationToken.None);

        Assert.Equal(CacheTierNames.Sqlite, hit?.Tier);
        var failure = Assert.Single(failures, f => f.Operation == "get");
        Assert.Equal(CacheTierNames.Memory, failure.Tier);
        Assert.IsType<IOException>(failure.Exception);
    }

    [Fact]
    public async Task Lookup_EntryCreatedBeforeItsModelsEpoch_IsAMiss()
    {
        var memory = new TestTier(CacheTierNames.Memory);
        memory.Put(Entry());
        var caches = new TestCaches(new FakeTimeProvider(Now), memory);
        caches.Epochs.Set(InvalidationEpochs.ModelScope("gpt-4o"), Now);

        Assert.Null(await caches.Cache.GetAsync("k1", null, CancellationToken.None));
    }

    [Fact]
    public async Task Lookup_ExpiredWithinStaleWindow_IsAStaleCandidateNotAHit()
    {
        var memory = new TestTier(CacheTierNames.Memory);
        memory.Put(Entry(expiresAt: Now.AddSeconds(-10)));
        var caches = new TestCaches(new FakeTimeProvider(Now), memory);

        var lookup = await caches.Cache.LookupAsync("k1", null, TimeSpan.FromSeconds(60), firstTierOnly: false, CancellationToken.None);
        var tooOld = await caches.Cache.LookupAsync("k1", null, TimeSpan.FromSeconds(5), firstTierOnly: false, CancellationToken.None);

        Assert.Null(lookup.Hit);
        Assert.Equal("k1", lookup.Stale?.Entry.CacheKey);
        Assert.Null(tooOld.Stale);
    }

    [Fact]
    public async Task Lookup_EntryOfAnotherKey_IsAMiss()
    {
        var memory = new TestTier(CacheTierNames.Memory);
        memory.Put(Entry("k1") with { CacheKey = "k1" });
        var caches = new TestCaches(new FakeTimeProvider(Now), memory);

        Assert.Null(await caches.Cache.GetAsync("k2", null, CancellationToken.None));
    }

    [Fact]
    public void Set_StagesEveryTierAndQueuesOneDatabaseWriteForThem()
    {
        var memory = new TestTier(CacheTierNames.Memory);
        var sqlite = new TestTier(CacheTierNames.Sqlite, keepsRow: true);
        var s3 = new TestTier(CacheTierNames.S3, keepsRow: true);
        var caches = new TestCaches(new FakeTimeProvider(Now), memory, sqlite, s3);

        caches.Cache.Set(Entry());

        Assert.All(new[] { memory, sqlite, s3 }, tier => Assert.Equal([("k1", CacheWriteKind.Store)], tier.Staged));
        Assert.Equal(1, caches.Writer.Pending);
    }

    [Fact]
    public void Set_NoTierAsksForTheDatabase_QueuesNothing()
    {
        var caches = new TestCaches(new FakeTimeProvider(Now), new TestTier(CacheTierNames.Memory));

        caches.Cache.Set(Entry());

        Assert.Equal(0, caches.Writer.Pending);
    }

    [Fact]
    public void Set_TierThrows_OtherTiersStillStoreAndTheFailureIsReported()
    {
        var memory = new TestTier(CacheTierNames.Memory) { Broken = true };
        var sqlite = new TestTier(CacheTierNames.Sqlite);
        var caches = new TestCaches(new FakeTimeProvider(Now), memory, sqlite);
        var failures = new List<TierFailure>();
        caches.Cache.TierFailed += failures.Add;

        caches.Cache.Set(Entry());

        Assert.Single(sqlite.Staged);
        Assert.Equal(("memory", "set"), (Assert.Single(failures).Tier, failures[0].Operation));
    }

    [Fact]
    public async Task Lookup_EveryTierCall_IsReportedWithTierAndOperation()
    {
        var memory = new TestTier(CacheTierNames.Memory);
        var sqlite = new TestTier(CacheTierNames.Sqlite);
        var caches = new TestCaches(new FakeTimeProvider(Now), memory, sqlite);
        var calls = new List<TierCall>();
        caches.Cache.TierCalled += calls.Add;

        await caches.Cache.GetAsync("absent", null, CancellationToken.None);

        Assert.Equal([("memory", "get"), ("sqlite", "get")], calls.Select(c => (c.Tier, c.Operation)));
        Assert.All(calls, c => Assert.False(c.Failed));
    }

    [Fact]
    public void RecordHit_ReachesEveryTier()
    {
        var memory = new TestTier(CacheTierNames.Memory);
        var sqlite = new TestTier(CacheTierNames.Sqlite);
        var caches = new TestCaches(new FakeTimeProvider(Now), memory, sqlite);

        caches.Cache.RecordHit("k1");

        Assert.Equal(["k1"], memory.Hits);
        Assert.Equal(["k1"], sqlite.Hits);
    }
}
