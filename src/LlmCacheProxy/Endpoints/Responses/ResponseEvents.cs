using System.Text;
using System.Text.Json;

namespace LlmCacheProxy.Endpoints.Responses;

/// <summary>
/// Reads a captured Responses API event stream. Every event's payload names its event in <c>type</c> (the SSE
/// <c>event:</c> line says the same), so the stored payloads alone give the names back on replay. A stream is whole when
/// its last event is <c>response.completed</c> with a completed response; <c>response.failed</c>,
/// <c>response.incomplete</c> or an <c>error</c> event end it as upstream's answer, never stored.
/// </summary>
internal static class ResponseEvents
{
    public const string Completed = "response.completed";

    public static StreamVerdict Judge(IReadOnlyList<string> events, bool errorSeen)
    {
        if (errorSeen)
        {
            return StreamVerdict.Failed;
        }

        if (events.Count == 0)
        {
            return StreamVerdict.Truncated;
        }

        return TypeOf(events[^1]) switch
        {
            Completed => CompletedResponse(events) is not null ? StreamVerdict.Complete : StreamVerdict.Failed,
            "response.failed" or "response.incomplete" or "error" => StreamVerdict.Failed,
            _ => StreamVerdict.Truncated,
        };
    }

    /// <summary>The <c>response</c> object of the stream's <c>response.completed</c> event when its status is completed, else null.</summary>
    public static byte[]? CompletedResponse(IReadOnlyList<string> events)
    {
        for (int i = events.Count - 1; i >= 0; i--)
        {
            if (TypeOf(events[i]) != Completed)
            {
                continue;
            }

            try
            {
                using var doc = JsonDocument.Parse(events[i]);
                if (doc.RootElement.TryGetProperty("response", out var response) && response.ValueKind == JsonValueKind.Object)
                {
                    byte[] json = Encoding.UTF8.GetBytes(response.GetRawText());
                    return ResponseScan.TryRead(json, out _, out _) ? json : null;
                }
            }
            catch (JsonException)
            {
            }

            return null;
        }

        return null;
    }

    /// <summary>The payload's top-level <c>type</c> string, or null (not JSON, no type).</summary>
    public static string? TypeOf(string payload)
    {
        if (!payload.Contains("\"type\"", StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(payload));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isType = reader.ValueTextEquals("type"u8);
                reader.Read();
                if (isType)
                {
                    return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }
}
