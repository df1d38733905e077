using System.Globalization;
using LlmCacheProxy.Keys;

namespace LlmCacheProxy.Analytics;

/// <summary>
/// Reads <c>from</c>, <c>to</c> (ISO 8601; default the last 7 days), <c>model</c>, <c>namespace</c>, <c>endpoint</c>,
/// <c>granularity=hour|day</c> (default day) and <c>format=json|csv</c>, collecting every error by field name.
/// </summary>
internal static class AnalyticsRequest
{
    public const long MaxBuckets = 10_000;
    private static readonly TimeSpan DefaultRange = TimeSpan.FromDays(7);

    /// <summary>The endpoint dimension's values: the cacheable endpoints' names.</summary>
    private static readonly string[] Endpoints =
        [KeyEndpoint.ChatCompletions, KeyEndpoint.Responses, KeyEndpoint.Embeddings, KeyEndpoint.Completions];

    public static bool TryParse(IQueryCollection query, DateTimeOffset now, out AnalyticsFilter filter, out bool csv, out Dictionary<string, string[]> errors)
    {
        errors = [];
        var to = ReadTime(query, "to", errors) ?? now;
        var from = ReadTime(query, "from", errors) ?? to - DefaultRange;
        if (!errors.ContainsKey("from") && !errors.ContainsKey("to") && from >= to)
        {
            errors["from"] = ["'from' must be earlier than 'to'."];
        }

        var granularity = Granularity.Day;
        switch (query["granularity"].ToString().ToLowerInvariant())
        {
            case "" or "day": break;
            case "hour": granularity = Granularity.Hour; break;
            default: errors["granularity"] = ["'granularity' must be 'hour' or 'day'."]; break;
        }

        csv = false;
        switch (query["format"].ToString().ToLowerInvariant())
        {
            case "" or "json": break;
            case "csv": csv = true; break;
            default: errors["format"] = ["'format' must be 'json' or 'csv'."]; break;
        }

        string? model = Optional(query, "model")?.ToLowerInvariant();
        string? ns = query.ContainsKey("namespace") ? query["namespace"].ToString().Trim() : null;
        string? endpoint = Optional(query, "endpoint")?.ToLowerInvariant();
        if (endpoint is not null && !Endpoints.Contains(endpoint))
        {
            errors["endpoint"] = [$"'endpoint' must be one of {string.Join(", ", Endpoints)}."];
        }

        filter = new AnalyticsFilter(from, to, model, ns, granularity, endpoint);
        if (errors.Count == 0 && filter.BucketCount > MaxBuckets)
        {
            errors["granularity"] = [$"The range holds {filter.BucketCount} {granularity.ToString().ToLowerInvariant()}s; at most {MaxBuckets} buckets: use a shorter range or granularity=day."];
        }

        return errors.Count == 0;
    }

    private static string? Optional(IQueryCollection query, string name)
    {
        string value = query[name].ToString().Trim();
        return value.Length == 0 ? null : value;
    }

    private static DateTimeOffset? ReadTime(IQueryCollection query, string name, Dictionary<string, string[]> errors)
    {
        string? value = Optional(query, name);
        if (value is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return parsed;
        }

        errors[name] = [$"'{name}' must be an ISO 8601 date or time, such as 2025-06-01 or 2025-06-01T12:00:00Z."];
        return null;
    }
}
