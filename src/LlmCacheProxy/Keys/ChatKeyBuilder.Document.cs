using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace LlmCacheProxy.Keys;

internal sealed partial class ChatKeyBuilder
{
    /// <summary>The reference path over a <see cref="JsonDocument"/>.</summary>
    internal bool TryBuildFromDocument(ReadOnlyMemory<byte> utf8Body, KeyScope scope, [NotNullWhen(true)] out CacheKey? key)
    {
        key = null;
        using var document = KeyDocument.TryParse(utf8Body);
        if (document is null)
        {
            return false;
        }

        using var writer = new CanonicalJsonWriter(utf8Body.Length + 128);
        try
        {
            return TryBuild(document.RootElement, scope, writer, out key);
        }
        catch (Exception e) when (KeyDocument.IsInvalidText(e))
        {
            key = null;
            return false;
        }
    }

    private bool TryBuild(JsonElement root, KeyScope scope, CanonicalJsonWriter writer, [NotNullWhen(true)] out CacheKey? key)
    {
        key = null;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("model"u8, out var modelElement)
            || modelElement.ValueKind != JsonValueKind.String
            || !_models.TryNormalize(modelElement.GetString()!, out var model)
            || !root.TryGetProperty("messages"u8, out var messages)
            || messages.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        var envelope = KeyEnvelope.Begin(writer, KeyEndpoint.ChatCompletions, scope);
        var temperature = 1.0;
        var ok = envelope.Member("messages"u8) && _messages.TryWriteMessages(messages, writer)
            && envelope.Member("model"u8) && writer.TryStringValue(model)
            && envelope.Member("params"u8) && ParamsWriter.TryWrite(root, _params, writer, out temperature)
            && envelope.TryEnd();
        if (!ok)
        {
            return false;
        }

        key = CacheKey.Create(
            writer.Written,
            KeyEndpoint.ChatCompletions,
            model,
            KeyDocument.IsTrue(root, "stream"u8),
            KeyDocument.IncludesUsage(root),
            temperature);
        return true;
    }
}
