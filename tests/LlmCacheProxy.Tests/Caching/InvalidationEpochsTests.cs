using System.Text;
using LlmCacheProxy.Caching;

namespace LlmCacheProxy.Tests.Caching;

public sealed class InvalidationEpochsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

    private static CacheEntry EntryAt(DateTimeOffset created, string model = "gpt-4o", string ns = "") =>
        CacheEntrySerializerTests.Entry(Encoding.UTF8.GetBytes("{}")) with { ResponseTimestamp = created, Model = model, Namespace = ns };

    [Fact]
    public void ModelEpoch_KillsOlderEntriesOfThatModelOnly()
    {
        var epochs = new InvalidationEpochs();
        epochs.Set(InvalidationEpochs.ModelScope("gpt-4o"), T0);

        Assert.Equal("model:gpt-4o", epochs.FindKillingScope(EntryAt(T0.AddSeconds(-1))));
        Assert.Null(epochs.FindKillingScope(EntryAt(T0.AddSeconds(1))));
        Assert.Null(epochs.FindKillingScope(EntryAt(T0.AddSeconds(-1), model: "gpt-4o-mini")));
    }

    [Fact]
    public void GlobalAndNamespaceEpochs_KillCoveredEntries()
    {
        var epochs = new InvalidationEpochs();
        epochs.Set(InvalidationEpochs.NamespaceScope("team-a"), T0);
        epochs.Set(InvalidationEpochs.AllScope, T0.AddHours(-1));

        Assert.Equal("ns:team-a", epochs.FindKillingScope(EntryAt(T0.AddMinutes(-5), ns: "team-a")));
        Assert.Null(epochs.FindKillingScope(EntryAt(T0.AddMinutes(-5), ns: "team-b")));
        Assert.Equal("*", epochs.FindKillingScope(EntryAt(T0.AddHours(-2), ns: "team-b")));
    }

    [Fact]
    public void Merge_NeverMovesAnEpochBack_AndReportsOnlyChanges()
    {
        var epochs = new InvalidationEpochs();
        var changes = new List<IReadOnlyDictionary<string, DateTimeOffset>>();
        epochs.Changed += changes.Add;
        epochs.Set("model:a", T0);

        var changed = epochs.Merge([new("model:a", T0.AddHours(-1)), new("model:b", T0)]);

        Assert.Equal(T0, epochs.Snapshot["model:a"]);
        Assert.Equal(["model:b"], changed.Keys);
        Assert.Equal(2, changes.Count);
    }

    [Fact]
    public void FindKillingEpoch_SeveralCover_AllThenModelThenNamespaceWithTheirTimes()
    {
        var epochs = new InvalidationEpochs();
        epochs.Set(InvalidationEpochs.NamespaceScope("x"), T0);
        epochs.Set(InvalidationEpochs.ModelScope("gpt-4o"), T0.AddHours(-1));

        Assert.Equal(("model:gpt-4o", T0.AddHours(-1)), epochs.FindKillingEpoch("gpt-4o", "x", T0.AddHours(-2)));
        Assert.Equal(("ns:x", T0), epochs.FindKillingEpoch("gpt-4o", "x", T0.AddMinutes(-1)));
        Assert.Null(epochs.FindKillingEpoch("x", "other", T0.AddHours(-2))); // a model named like the namespace
        epochs.Set(InvalidationEpochs.AllScope, T0.AddHours(-3));
        Assert.Equal(("*", T0.AddHours(-3)), epochs.FindKillingEpoch("gpt-4o", "x", T0.AddHours(-4)));
    }
}
