using System.Globalization;

namespace LlmCacheProxy.Caching.S3;

/// <summary>One line of a by-date manifest: an entry object written that UTC day.</summary>
internal sealed record S3ManifestItem(string ObjectKey, string CacheId, string Model, long Size, DateTimeOffset CreatedAt)
{
    public static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
