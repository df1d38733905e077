using System.Globalization;

namespace LlmCacheProxy.IntegrationTests.Analytics;

/// <summary>The dashboard page's number formats (usd, int, pct, ms in dashboard.html), for comparing what it shows.</summary>
internal static class DashboardFormat
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Usd(decimal value)
    {
        decimal abs = Math.Abs(value);
        int digits = abs >= 100 ? 0 : abs >= 1 ? 2 : abs >= 0.01m ? 4 : 6;
        return "$" + value.ToString("N" + digits, Invariant);
    }

    public static string Int(double value) => Math.Round(value, MidpointRounding.AwayFromZero).ToString("N0", Invariant);

    public static string Pct(double value) => (value * 100).ToString("F1", Invariant) + "%";

    public static string Ms(double value) =>
        value >= 60000 ? (value / 60000).ToString("F1", Invariant) + " min"
        : value >= 1000 ? (value / 1000).ToString("F1", Invariant) + " s"
        : Int(value) + " ms";
}
