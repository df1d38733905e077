using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace LlmCacheProxy.Keys;

// Responses key, format v2. Key = lowercase hex SHA-256 of the UTF-8 bytes of one canonical JSON object
// (canonical JSON and numbers as in the chat key):
//
//   {"endpoint":"responses","input":...,"model":"...","params":{...},
//    "partition":"...","route":"...","v":2,"vary":{...}}                  (envelope: KeyEnvelope)
//
//   input   left out when absent or null. A string: normalized text (NormalizationMode). An array: each item
//           in order; an object with a "role" (a message, with or without "type":"message") is written like a
//           chat message (null members dropped, role trimmed and lowercased, string content normalized, parts
//           of type "input_text"/"output_text" with their "text" normalized, other parts verbatim); every other
//           item (function_call, function_call_output, reasoning, item_reference, ...) verbatim. A string and
//           the equivalent one-message array stay different keys.
//   model   as in the chat key (trim, lowercase, aliases, length limit).
//   params  every other top-level field except KeySettings.ResponsesIgnoredParams (stream, stream_options,
//           user, safety_identifier, metadata) and null values: instructions, tools, tool_choice, text,
//           reasoning, include, prompt, previous_response_id, store, max_output_tokens, ... verbatim; defaults
//           filled: temperature 1, top_p 1, store true, parallel_tool_calls true, truncation "disabled";
//           numbers directly under a KeySettings.RoundedParams name rounded to 2 decimals, all others exact.
// Not cacheable at all: background: true and a conversation (server-side state; see BypassReason).

/// <summary>Builds the v2 cache key of a <c>/v1/responses</c> request body.</summary>
internal sealed class ResponsesKeyBuilder
{
    public const string BackgroundReason = "background";
    public const string ConversationReason = "conversation";

    private static readonly ParamDefault[] FilledDefaults =
    [
        ParamDefault.Of("temperature", "1"),
        ParamDefault.Of("top_p", "1"),
        ParamDefault.Of("store", "true"),
        ParamDefault.Of("parallel_tool_calls", "true"),
        ParamDefault.Of("truncation", "\"disabled\""),
    ];

    private readonly ModelNormalizer _models;
    private readonly MessageWriter _messages;
    private readonly ParamsSpec _params;

    public ResponsesKeyBuilder(KeySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _models = new ModelNormalizer(settings);
        _messages = new MessageWriter(settings.Normalization, "input_text", "output_text");
        _params = new ParamsSpec(["model", "input"], settings.ResponsesIgnoredParams, settings.RoundedParams, FilledDefaults);
    }

    /// <summary>
    /// Why a body is forwarded without a key although it is a responses request: <see cref="BackgroundReason"/>
    /// (<c>background: true</c>: the answer is a queued job) or <see cref="ConversationReason"/> (a non-null
    /// <c>conversation</c>: upstream appends to a server-side conversation, which a hit would skip); else null.
    /// </summary>
    public static string? BypassReason(ReadOnlyMemory<byte> utf8Body)
    {
        using var document = KeyDocument.TryParse(utf8Body);
        return document is null ? null : BypassReason(document.RootElement);
    }

    /// <summary>
    /// Builds the key, or false when the body is not cacheable: not a JSON object (as for chat: UTF-8, depth,
    /// duplicate names, overflowing numbers, lone surrogates), no string model or one over the length limit,
    /// an input that is neither a string nor an array, a message item whose role is not a string, a temperature
    /// that is not a finite number, or a <see cref="BypassReason(ReadOnlyMemory{byte})"/>. Never throws for the body.
    /// </summary>
    public bool TryBuild(ReadOnlyMemory<byte> utf8Body, KeyScope scope, [NotNullWhen(true)] out CacheKey? key)
    {
        ArgumentNullException.ThrowIfNull(scope);
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

    private static string? BypassReason(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (KeyDocument.IsTrue(root, "background"u8))
        {
            return BackgroundReason;
        }

        return root.TryGetProperty("conversation"u8, out var conversation) && conversation.ValueKind != JsonValueKind.Null
            ? ConversationReason
            : null;
    }

    private bool TryBuild(JsonElement root, KeyScope scope, CanonicalJsonWriter writer, [NotNullWhen(true)] out CacheKey? key)
    {
        key = null;
        if (root.ValueKind != JsonValueKind.Object
            || BypassReason(root) is not null
            || !root.TryGetProperty("model"u8, out var modelElement)
            || modelElement.ValueKind != JsonValueKind.String
            || !_models.TryNormalize(modelElement.GetString()!, out var model))
        {
            return false;
        }

        var envelope = KeyEnvelope.Begin(writer, KeyEndpoint.Responses, scope);
        var ok = !root.TryGetProperty("input"u8, out var input) || input.ValueKind == JsonValueKind.Null
            || (envelope.Member("input"u8) && TryWriteInput(input, writer));
        var temperature = 1.0;
        ok = ok
            && envelope.Member("model"u8) && writer.TryStringValue(model)
            && envelope.Member("params"u8) && ParamsWriter.TryWrite(root, _params, writer, out temperature)
            && envelope.TryEnd();
        if (!ok)
        {
            return false;
        }

        key = CacheKey.Create(
            writer.Written,
            KeyEndpoint.Responses,
            model,
            KeyDocument.IsTrue(root, "stream"u8),
            KeyDocument.IncludesUsage(root),
            temperature);
        return true;
    }

    private bool TryWriteInput(JsonElement input, CanonicalJsonWriter writer)
    {
        if (input.ValueKind == JsonValueKind.String)
        {
            return _messages.TryWriteText(input, writer);
        }

        if (input.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        writer.StartArray();
        foreach (var item in input.EnumerateArray())
        {
            var ok = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("role"u8, out _)
                ? MessageWriter.IsMessage(item) && _messages.TryWriteMessage(item, writer)
                : CanonicalElement.TryWrite(item, writer);
            if (!ok)
            {
                return false;
            }
        }

        writer.EndArray();
        return true;
    }
}
