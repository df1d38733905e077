using System.Globalization;
using LlmCacheProxy.Keys;

namespace LlmCacheProxy.Caching.S3;

/// <summary>
/// Object names in the bucket, all under the configured prefix:
/// <code>
/// llm-cache/{model_slug}/{yyyy}/{MM}/{dd}/{HH}/{cache_id}.json            the entry (UTC hour of creation); .json.zst
///                                                                         when compressed, .enc appended when encrypted
/// llm-cache/{model_slug}/{yyyy}/{MM}/{dd}/{HH}/{cache_id}.metadata.json   the entry less request/response
/// cache-index/by-hash/{key[0..2]}/{key}.json                              pointer to the entry (S3Pointer)
/// cache-index/by-date/{yyyy}-{MM}-{dd}.json                               daily manifest
/// cache-index/global/invalidations.json                                   invalidation epochs
/// </code>
/// Dates are the entry's creation time in UTC; formatting is invariant so a server's culture never moves a key.
/// </summary>
internal sealed class S3Layout(string prefix)
{
    public const string EntriesFolder = "llm-cache/";
    public const string ByHashFolder = "cache-index/by-hash/";
    public const string ByDateFolder = "cache-index/by-date/";

    public string EntriesRoot => prefix + EntriesFolder;

    public string ByHashRoot => prefix + ByHashFolder;

    public string Invalidations => prefix + "cache-index/global/invalidations.json";

    public string Statistics => prefix + "cache-index/global/statistics.json";

    public string EntryFolder(string model, DateTimeOffset createdAt)
    {
        var utc = createdAt.UtcDateTime;
        return string.Create(CultureInfo.InvariantCulture, $"{prefix}{EntriesFolder}{ModelSlug.From(model)}/{utc:yyyy}/{utc:MM}/{utc:dd}/{utc:HH}/");
    }

    public string Entry(CacheEntry entry) => Entry(entry, Codec.StoredForm.Plain);

    /// <summary>The entry object's name for the form it is stored in (the pointer records it, so readers follow it).</summary>
    public string Entry(CacheEntry entry, Codec.StoredForm form) => EntryFolder(entry.Model, entry.CreatedAt) + entry.CacheId + form.Extension;

    public string Metadata(CacheEntry entry) => EntryFolder(entry.Model, entry.CreatedAt) + entry.CacheId + ".metadata.json";

    public string Pointer(string key) => $"{prefix}{ByHashFolder}{key[..2]}/{key}.json";

    public string Manifest(DateOnly day) => string.Create(CultureInfo.InvariantCulture, $"{prefix}{ByDateFolder}{day:yyyy-MM-dd}.json");
}
