using LlmCacheProxy.Storage;

namespace LlmCacheProxy.Tests.Storage;

public sealed class PendingHitsTests
{
    [Fact]
    public void Add_ManyHitsBeforeTake_AsksForOneWriteCarryingTheirCountAndLatestTime()
    {
        var hits = new PendingHits();

        bool[] asked = [hits.Add("k", 10), hits.Add("k", 30), hits.Add("k", 20)];

        Assert.Equal([true, false, false], asked);
        Assert.Equal((3L, 30L), hits.Take("k"));
        Assert.Equal((0L, 0L), hits.Take("k"));
    }

    [Fact]
    public void Add_AfterTake_AsksForANewWrite()
    {
        var hits = new PendingHits();
        hits.Add("k", 1);
        hits.Take("k");

        Assert.True(hits.Add("k", 2));
        Assert.Equal((1L, 2L), hits.Take("k"));
    }

    [Fact]
    public void Add_KeysCountedApart()
    {
        var hits = new PendingHits();

        Assert.True(hits.Add("a", 1));
        Assert.True(hits.Add("b", 1));
        hits.Add("a", 2);

        Assert.Equal(2, hits.Take("a").Count);
        Assert.Equal(1, hits.Take("b").Count);
    }

    [Fact]
    public async Task Add_RacingWithTakes_LosesNoHit()
    {
        var hits = new PendingHits();
        const int PerThread = 20_000;
        long taken = 0;
        using var done = new CancellationTokenSource();
        var taker = Task.Run(() =>
        {
            while (!done.IsCancellationRequested)
            {
                taken += hits.Take("k").Count;
            }
        });

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (int i = 0; i < PerThread; i++)
            {
                hits.Add("k", i);
            }
        })));
        done.Cancel();
        await taker;
        taken += hits.Take("k").Count;

        Assert.Equal(4L * PerThread, taken);
    }
}
