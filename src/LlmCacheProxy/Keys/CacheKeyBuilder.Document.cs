using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace LlmCacheProxy.Keys;

internal sealed partial class CacheKeyBuilder
{
    private static readonly JsonDocumentOptions ParseOptions = new()
    {
        MaxDepth = 64,
        AllowDuplicateProperties = false,
    };

    /// <summary>The reference path over a <see cref="JsonDocument"/>; the body is valid UTF-8.</summary>
    internal bool TryBuildFromDocument(
        ReadOnlyMemory<byte> utf8Body,
        string route,
        string partition,
        [NotNullWhen(true)] out CacheKey? key)
    {
        key = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Body, ParseOptions);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: the duplicate-name check meets a lone surrogate escape in a name.
            return false;
        }

        using (document)
        using (var writer = new CanonicalJsonWriter(utf8Body.Length + 128))
        {
            try
            {
                return TryBuild(document.RootElement, route, partition, writer, out key);
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException)
            {
                // A lone surrogate escape (\ud800) in a string or a property name: not valid Unicode.
                key = null;
                return false;
            }
        }
    }

    private bool TryBuild(
        JsonElement root,
        string route,
        string partition,
        CanonicalJsonWriter writer,
        [NotNullWhen(true)] out CacheKey? key)
    {
        key = null;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("model"u8, out var modelElement)
            || modelElement.ValueKind != JsonValueKind.String
            || !root.TryGetProperty("messages"u8, out var messages)
            || messages.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        var model = NormalizeModel(modelElement.GetString()!);
        writer.StartObject();
        writer.PropertyName("messages"u8);
        if (!TryWriteMessages(messages, writer))
        {
            return false;
        }

        writer.PropertyName("model"u8);
        if (!writer.TryStringValue(model))
        {
            return false;
        }

        writer.PropertyName("params"u8);
        if (!TryWriteParams(root, writer, out var temperature) || !TryWriteEnvelopeEnd(partition, route, writer))
        {
            return false;
        }

        key = CreateKey(
            writer.Written,
            model,
            IsTrue(root, "stream"u8),
            root.TryGetProperty("stream_options"u8, out var options)
                && options.ValueKind == JsonValueKind.Object
                && IsTrue(options, "include_usage"u8),
            temperature);
        return true;
    }

    private static bool IsTrue(JsonElement obj, ReadOnlySpan<byte> name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;
}
