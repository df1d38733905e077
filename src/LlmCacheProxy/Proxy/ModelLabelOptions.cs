namespace LlmCacheProxy.Proxy;

/// <summary>
/// The part of the <c>Analytics</c> section that bounds model names wherever they become keys of stored rows or tag
/// values of metrics: analytics (<c>usage_hourly</c>) and telemetry both obey it, so a caller cannot grow either with
/// names it makes up. Here rather than in Analytics so that Telemetry, which must not depend on Analytics, reads it too.
/// </summary>
internal sealed class ModelLabelOptions
{
    public const string SectionName = "Analytics";

    /// <summary>
    /// A longer model name is counted as <see cref="ModelLabels.Invalid"/>. Not a setting of its own: it is
    /// <c>Cache:MaxModelLength</c>, the length past which the key builders refuse a body, so the two never disagree.
    /// </summary>
    public int MaxModelNameLength { get; internal set; } = 200;

    /// <summary>
    /// Distinct models counted per hour (analytics) and as metric tags since start (telemetry); the rest as
    /// <see cref="ModelLabels.Other"/>.
    /// </summary>
    public int MaxModelsPerHour { get; set; } = 100;
}
