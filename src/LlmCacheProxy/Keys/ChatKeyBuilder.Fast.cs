using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace LlmCacheProxy.Keys;

// The fast path: the same canonical bytes as the document path, read from a JsonTape (token offsets into the
// body) and written straight into the pooled canonical buffer. Every false means "not handled here", never
// "not cacheable": TryBuild then runs the document path, which is the only one that refuses a body.
internal sealed partial class ChatKeyBuilder
{
    /// <summary>Builds the key of a common request; false for anything left to the document path.</summary>
    internal bool TryBuildFast(ReadOnlyMemory<byte> utf8Body, KeyScope scope, [NotNullWhen(true)] out CacheKey? key)
    {
        key = null;
        using var tape = JsonTape.TryRead(utf8Body);
        if (tape is null || tape[0].Type != JsonTokenType.StartObject)
        {
            return false;
        }

        using var writer = new CanonicalJsonWriter(utf8Body.Length + 128);
        try
        {
            return TryBuildFast(tape, scope, writer, out key);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // Text the byte checks let through but .NET refuses: the document path decides about it.
            key = null;
            return false;
        }
    }

    private bool TryBuildFast(JsonTape tape, KeyScope scope, CanonicalJsonWriter writer, [NotNullWhen(true)] out CacheKey? key)
    {
        key = null;
        if (!tape.TryPushSortedMembers(0, out var root))
        {
            return false;
        }

        var model = CanonicalTape.FindMember(tape, 0, "model"u8);
        var messages = CanonicalTape.FindMember(tape, 0, "messages"u8);
        if (model < 0 || tape[model].Type != JsonTokenType.String || tape[model].Escaped
            || messages < 0 || tape[messages].Type != JsonTokenType.StartArray
            || !_models.TryNormalize(System.Text.Encoding.UTF8.GetString(tape.Raw(model)), out var modelName))
        {
            return false;
        }

        var envelope = KeyEnvelope.Begin(writer, KeyEndpoint.ChatCompletions, scope);
        var temperature = 1.0;
        var ok = envelope.Member("messages"u8) && TryWriteMessagesFast(tape, messages, writer)
            && envelope.Member("model"u8) && writer.TryStringValue(modelName)
            && envelope.Member("params"u8) && TryWriteParamsFast(tape, root, writer, out temperature)
            && envelope.TryEnd();
        if (!ok)
        {
            return false;
        }

        var options = CanonicalTape.FindMember(tape, 0, "stream_options"u8);
        key = CacheKey.Create(
            writer.Written,
            KeyEndpoint.ChatCompletions,
            modelName,
            IsTrue(tape, CanonicalTape.FindMember(tape, 0, "stream"u8)),
            options >= 0 && tape[options].Type == JsonTokenType.StartObject
                && IsTrue(tape, CanonicalTape.FindMember(tape, options, "include_usage"u8)),
            temperature);
        return true;
    }

    private static bool IsTrue(JsonTape tape, int value) => value >= 0 && tape[value].Type == JsonTokenType.True;

    private bool TryWriteMessagesFast(JsonTape tape, int messages, CanonicalJsonWriter writer)
    {
        writer.StartArray();
        for (var message = messages + 1; message < tape[messages].End; message = tape.Skip(message))
        {
            if (tape[message].Type != JsonTokenType.StartObject
                || !tape.TryPushSortedMembers(message, out var members))
            {
                return false;
            }

            writer.StartObject();
            var hasRole = false;
            foreach (var name in members)
            {
                var value = name + 1;
                var nameBytes = tape.Raw(name);
                if (tape[value].Type == JsonTokenType.Null)
                {
                    continue; // as the document path: SDKs differ on "name": null versus leaving it out
                }

                writer.PropertyName(nameBytes);
                var isRole = nameBytes.SequenceEqual("role"u8);
                hasRole |= isRole;
                var ok = isRole ? TryWriteRoleFast(tape, value, writer)
                    : nameBytes.SequenceEqual("content"u8) ? TryWriteContentFast(tape, value, writer)
                    : CanonicalTape.TryWrite(tape, value, writer);
                if (!ok)
                {
                    return false;
                }
            }

            writer.EndObject();
            tape.PopMembers(members);
            if (!hasRole)
            {
                return false;
            }
        }

        writer.EndArray();
        return true;
    }

    // Role words are ASCII; anything else (escapes, non-ASCII, a huge value) is left to the document path.
    private static bool TryWriteRoleFast(JsonTape tape, int role, CanonicalJsonWriter writer)
    {
        var raw = tape.Raw(role);
        if (tape[role].Type != JsonTokenType.String || tape[role].Escaped
            || raw.Length > CanonicalTape.StackScratchLimit || !System.Text.Ascii.IsValid(raw))
        {
            return false;
        }

        // Unescaped JSON text holds no control chars, so ' ' is the only ASCII whitespace Trim could meet.
        raw = raw.Trim((byte)' ');
        Span<byte> lower = stackalloc byte[CanonicalTape.StackScratchLimit];
        System.Text.Ascii.ToLower(raw, lower, out var length);
        writer.StringValue(lower[..length]);
        return true;
    }

    private bool TryWriteContentFast(JsonTape tape, int content, CanonicalJsonWriter writer)
    {
        if (tape[content].Type == JsonTokenType.String)
        {
            return TryWriteTextFast(tape, content, writer);
        }

        if (tape[content].Type != JsonTokenType.StartArray)
        {
            return CanonicalTape.TryWrite(tape, content, writer);
        }

        writer.StartArray();
        for (var part = content + 1; part < tape[content].End; part = tape.Skip(part))
        {
            if (!TryWriteContentPartFast(tape, part, writer))
            {
                return false;
            }
        }

        writer.EndArray();
        return true;
    }
}
