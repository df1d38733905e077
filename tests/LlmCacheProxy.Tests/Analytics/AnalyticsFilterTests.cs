using LlmCacheProxy.Analytics;

namespace LlmCacheProxy.Tests.Analytics;

public sealed class AnalyticsFilterTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Days_LastSevenDaysArrivingMillisecondsLate_IsSeven()
    {
        var filter = new AnalyticsFilter(Now.AddDays(-7), Now.AddMilliseconds(40), null, null, Granularity.Hour);

        Assert.Equal(7, filter.Days);
    }

    [Fact]
    public void Days_PartOfADayOver_CountsThatDay()
    {
        var filter = new AnalyticsFilter(Now.AddDays(-7), Now.AddHours(2), null, null, Granularity.Hour);

        Assert.Equal(8, filter.Days);
    }

    [Fact]
    public void Days_ShorterThanADay_IsOne()
    {
        var filter = new AnalyticsFilter(Now.AddHours(-3), Now, null, null, Granularity.Hour);

        Assert.Equal(1, filter.Days);
    }
}
