namespace LlmCacheProxy.Endpoints;

/// <summary>
/// Content types compared by their media type exactly, parameters (<c>charset</c>) ignored: a prefix match took
/// <c>application/json-seq</c> for JSON and stored it.
/// </summary>
internal static class MediaTypes
{
    public const string Json = "application/json";
    public const string EventStream = "text/event-stream";

    public static bool IsJson(string? contentType) => Is(contentType, Json);

    public static bool IsEventStream(string? contentType) => Is(contentType, EventStream);

    private static bool Is(string? contentType, string mediaType)
    {
        if (contentType is null)
        {
            return false;
        }

        var type = contentType.AsSpan();
        int parameters = type.IndexOf(';');
        if (parameters >= 0)
        {
            type = type[..parameters];
        }

        return type.Trim().Equals(mediaType, StringComparison.OrdinalIgnoreCase);
    }
}
