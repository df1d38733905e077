using System.Text.Json;
using System.Text.Unicode;

namespace LlmCacheProxy.Keys;

/// <summary>The parse every builder's document path shares, with the rules that make a body not cacheable.</summary>
internal static class KeyDocument
{
    private static readonly JsonDocumentOptions ParseOptions = new()
    {
        MaxDepth = 64,
        AllowDuplicateProperties = false,
    };

    /// <summary>
    /// Null when the body is not valid UTF-8, not JSON, deeper than 64, or has a duplicate property name
    /// anywhere (which member an upstream reads is its own choice, so the key could not know).
    /// </summary>
    public static JsonDocument? TryParse(ReadOnlyMemory<byte> utf8Body)
    {
        if (!Utf8.IsValid(utf8Body.Span))
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(utf8Body, ParseOptions);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: the duplicate-name check meets a lone surrogate escape in a name.
            return null;
        }
    }

    /// <summary>
    /// What reading a string or property name throws for a lone surrogate escape (<c>\ud800</c>): not valid
    /// Unicode, so not cacheable rather than a failed request.
    /// </summary>
    public static bool IsInvalidText(Exception e) => e is InvalidOperationException or ArgumentException;

    public static bool IsTrue(JsonElement obj, ReadOnlySpan<byte> name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    /// <summary>The body's <c>stream_options.include_usage</c> is true.</summary>
    public static bool IncludesUsage(JsonElement root) =>
        root.TryGetProperty("stream_options"u8, out var options)
        && options.ValueKind == JsonValueKind.Object
        && IsTrue(options, "include_usage"u8);
}
