using LlmCacheProxy.Analytics;
using LlmCacheProxy.Proxy;

namespace LlmCacheProxy.Tests.Analytics;

public sealed class UsageBucketsTests
{
    private const long Hour = 3_600_000;

    [Fact]
    public void KeyFor_PastTheModelCap_IsOtherUntilTheNextHour()
    {
        var buckets = new UsageBuckets(maxModelNameLength: 50, maxModelsPerHour: 2, maxNamespacesPerHour: 10);

        string[] first = new[] { "a", "b", "c", "a" }.Select(m => buckets.KeyFor(Hour, m, "", "chat.completions", 200).Model).ToArray();

        Assert.Equal(["a", "b", ModelLabels.Other, "a"], first);
        Assert.Equal("c", buckets.KeyFor(2 * Hour, "c", "", "chat.completions", 200).Model);
    }

    [Fact]
    public void KeyFor_SeededHour_CountsTheStoredNamesAgainstTheCap()
    {
        var buckets = new UsageBuckets(50, maxModelsPerHour: 2, maxNamespacesPerHour: 10);
        buckets.Seed(Hour, [("a", ""), ("b", "")]);

        Assert.Equal(ModelLabels.Other, buckets.KeyFor(Hour, "c", "", "chat.completions", 200).Model);
        Assert.Equal("b", buckets.KeyFor(Hour, "b", "", "chat.completions", 200).Model);
    }

    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    public void KeyFor_RefusedForTheCallersKey_IsUnauthorizedAndTakesNoSlot(int status)
    {
        var buckets = new UsageBuckets(50, maxModelsPerHour: 1, maxNamespacesPerHour: 10);

        Assert.Equal(ModelLabels.Unauthorized, buckets.KeyFor(Hour, "made-up", "", "chat.completions", status).Model);
        Assert.Equal("real", buckets.KeyFor(Hour, "real", "", "chat.completions", 200).Model);
    }

    [Fact]
    public void KeyFor_NameOverTheLengthLimit_IsInvalid() =>
        Assert.Equal(ModelLabels.Invalid, new UsageBuckets(5, 10, 10).KeyFor(Hour, "abcdef", "", "chat.completions", 200).Model);

    [Fact]
    public void KeyFor_PastTheNamespaceCap_IsOther()
    {
        var buckets = new UsageBuckets(50, 10, maxNamespacesPerHour: 1);

        Assert.Equal("team-a", buckets.KeyFor(Hour, "m", "team-a", "chat.completions", 200).Namespace);
        Assert.Equal(ModelLabels.Other, buckets.KeyFor(Hour, "m", "team-b", "chat.completions", 200).Namespace);
    }
}
