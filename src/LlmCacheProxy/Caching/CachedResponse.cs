namespace LlmCacheProxy.Caching;

/// <summary>
/// The stored upstream answer. Either a JSON body (bytes exactly as upstream sent them) or, for streamed
/// answers, the list of SSE <c>data:</c> payloads in order (without the final <c>[DONE]</c>).
/// </summary>
internal sealed record CachedResponse
{
    public int Status { get; init; } = 200;
    public string ContentType { get; init; } = "application/json";
    public ReadOnlyMemory<byte> Body { get; init; }
    public IReadOnlyList<string>? Events { get; init; }

    public bool IsStream => Events is not null;

    public long EventsSize
    {
        get
        {
            if (Events is null)
            {
                return 0;
            }

            long size = 0;
            foreach (var e in Events)
            {
                size += e.Length * 2L + 24;
            }

            return size;
        }
    }
}
