using LlmCacheProxy.Caching.Semantic;

namespace LlmCacheProxy.Tests.Caching.Semantic;

public sealed class SemanticIndexTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);
    private static readonly QuestionFacts Facts = QuestionFacts.Empty;

    private static SemanticIndex Index(long maxBytes = 1 << 20) => new(maxBytes);

    [Fact]
    public void Search_ReturnsNearestFirst_WithCosine()
    {
        var index = Index();
        index.Add("s", "a", [1, 0, 0], T0, Facts);
        index.Add("s", "b", [1, 1, 0], T0, Facts);
        index.Add("s", "c", [0, 0, 1], T0, Facts);

        var found = index.Search("s", [1, 0.1f, 0], k: 3);

        Assert.Equal(["a", "b", "c"], found.Select(n => n.Entry.Key));
        Assert.Equal(0.995f, found[0].Score, 3);
        Assert.Equal(0f, found[2].Score, 3);
    }

    [Fact]
    public void Search_KeepsOnlyTopK()
    {
        var index = Index();
        for (var i = 0; i < 20; i++)
        {
            index.Add("s", $"k{i}", [1, i, 0], T0, Facts);
        }

        var found = index.Search("s", [1, 0, 0], k: 3);

        Assert.Equal(["k0", "k1", "k2"], found.Select(n => n.Entry.Key));
    }

    [Fact]
    public void Vectors_AreNormalized_SoScaleDoesNotMatter()
    {
        var index = Index();
        index.Add("s", "a", [10, 0], T0, Facts);

        Assert.Equal(1f, index.Search("s", [0.001f, 0], k: 1)[0].Score, 5);
    }

    [Fact]
    public void Search_NeverCrossesScopes()
    {
        var index = Index();
        index.Add("tenant-a", "a", [1, 0], T0, Facts);

        Assert.Empty(index.Search("tenant-b", [1, 0], k: 5));
    }

    [Fact]
    public void Search_SkipsEntriesTheLivenessPredicateRejects()
    {
        var index = Index();
        index.Add("s", "old", [1, 0], T0, Facts);
        index.Add("s", "new", [0.9f, 0.1f], T0.AddHours(1), Facts);

        var found = index.Search("s", [1, 0], k: 5, isLive: e => e.CreatedAt > T0);

        Assert.Equal(["new"], found.Select(n => n.Entry.Key));
    }

    [Fact]
    public void Add_SameKey_ReplacesTheVector()
    {
        var index = Index();
        index.Add("s", "a", [1, 0], T0, Facts);
        index.Add("s", "a", [0, 1], T0, Facts);

        Assert.Equal(1, index.Count);
        Assert.Equal(1f, index.Search("s", [0, 1], k: 1)[0].Score, 5);
    }

    [Fact]
    public void Remove_ByKey_DropsTheEntryAndItsEmptyScope()
    {
        var index = Index();
        index.Add("s", "a", [1, 0], T0, Facts);

        Assert.True(index.Remove("a"));
        Assert.Empty(index.Search("s", [1, 0], k: 1));
        Assert.Equal(0, index.ScopeCount);
        Assert.Equal(0, index.Bytes);
    }

    [Fact]
    public void Remove_FromTheMiddle_KeepsTheOtherRowsFindable()
    {
        var index = Index();
        index.Add("s", "a", [1, 0, 0], T0, Facts);
        index.Add("s", "b", [0, 1, 0], T0, Facts);
        index.Add("s", "c", [0, 0, 1], T0, Facts);

        index.Remove("a");

        Assert.Equal("c", index.Search("s", [0, 0, 1], k: 1)[0].Entry.Key);
        Assert.Equal("b", index.Search("s", [0, 1, 0], k: 1)[0].Entry.Key);
    }

    [Fact]
    public void RemoveWhere_SweepsMatchingEntries()
    {
        var index = Index();
        index.Add("s", "a", [1, 0], T0, Facts, expiresAt: T0.AddMinutes(1));
        index.Add("t", "b", [1, 0], T0, Facts);

        var removed = index.RemoveWhere(e => e.ExpiresAt <= T0.AddHours(1));

        Assert.Equal(1, removed);
        Assert.Equal(1, index.Count);
    }

    [Fact]
    public void OverBudget_EvictsOldestFirst()
    {
        var oneEntry = Index();
        oneEntry.Add("s", "probe", Unit(64, 0), T0, Facts);
        var index = Index(oneEntry.Bytes * 3);

        for (var i = 0; i < 5; i++)
        {
            var v = new float[64];
            v[i] = 1;
            index.Add(i % 2 == 0 ? "even" : "odd", $"key{i}", v, T0.AddMinutes(i), Facts);
        }

        Assert.Equal(3, index.Count);
        Assert.True(index.Bytes <= index.MaxBytes);
        Assert.DoesNotContain(index.Search("even", Unit(64, 0), k: 5), n => n.Entry.Key == "key0");
        Assert.DoesNotContain(index.Search("odd", Unit(64, 1), k: 5), n => n.Entry.Key == "key1");
        Assert.Contains(index.Search("even", Unit(64, 4), k: 5), n => n.Entry.Key == "key4");
    }

    [Fact]
    public void OtherDimension_EmptiesTheScopeFirst()
    {
        var index = Index();
        index.Add("s", "small", [1, 0], T0, Facts);
        index.Add("s", "large", [1, 0, 0], T0, Facts);

        Assert.Equal(1, index.Count);
        Assert.Empty(index.Search("s", [1, 0], k: 5));
        Assert.Equal("large", index.Search("s", [1, 0, 0], k: 5)[0].Entry.Key);
    }

    [Fact]
    public void Add_ZeroVector_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => Index().Add("s", "a", [0, 0], T0, Facts));
    }

    [Fact]
    public async Task ConcurrentSearchesAndWrites_StayConsistent()
    {
        var index = Index(64L << 20);
        for (var i = 0; i < 200; i++)
        {
            index.Add("s", $"seed{i}", Unit(32, i % 32), T0, Facts);
        }

        var writer = Task.Run(() =>
        {
            for (var i = 0; i < 2000; i++)
            {
                index.Add("s", $"w{i % 300}", Unit(32, i % 32), T0, Facts);
                index.Remove($"w{(i + 150) % 300}");
            }
        });
        var readers = Enumerable.Range(0, 4).Select(r => Task.Run(() =>
        {
            for (var i = 0; i < 500; i++)
            {
                var found = index.Search("s", Unit(32, (i + r) % 32), k: 5);
                Assert.Equal(5, found.Count);
                Assert.All(found, n => Assert.Equal(1f, n.Score, 4));
            }
        })).ToArray();

        await Task.WhenAll([writer, .. readers]);
        Assert.Equal(index.Count, index.Search("s", Unit(32, 0), k: 10_000).Count);
    }

    private static float[] Unit(int dimensions, int axis)
    {
        var v = new float[dimensions];
        v[axis] = 1;
        return v;
    }
}
