using System.Text.Json;

namespace LlmCacheProxy.Keys;

/// <summary>
/// Writes chat-style messages from a document: every property, null-valued ones dropped; role trimmed and
/// lowercased; string content normalized per the mode; in content arrays, a part whose type is a text type has
/// its <c>text</c> normalized and every other part is verbatim; everything else verbatim.
/// </summary>
internal sealed class MessageWriter
{
    private readonly NormalizationMode _mode;
    private readonly byte[][] _textPartTypes;

    public MessageWriter(NormalizationMode mode, params string[] textPartTypes)
    {
        _mode = mode;
        _textPartTypes = textPartTypes.Select(System.Text.Encoding.UTF8.GetBytes).ToArray();
    }

    /// <summary>False for anything but an array of objects that each have a string role.</summary>
    public bool TryWriteMessages(JsonElement messages, CanonicalJsonWriter writer)
    {
        writer.StartArray();
        foreach (var message in messages.EnumerateArray())
        {
            if (!IsMessage(message) || !TryWriteMessage(message, writer))
            {
                return false;
            }
        }

        writer.EndArray();
        return true;
    }

    public static bool IsMessage(JsonElement message) =>
        message.ValueKind == JsonValueKind.Object
        && message.TryGetProperty("role"u8, out var role)
        && role.ValueKind == JsonValueKind.String;

    /// <summary>Writes one message object whose role is a string.</summary>
    public bool TryWriteMessage(JsonElement message, CanonicalJsonWriter writer)
    {
        // Nulls dropped: SDKs differ on sending "name": null or "content": null versus leaving them out.
        var members = CanonicalMember.RentSorted(message, dropNulls: true, out var count);
        try
        {
            writer.StartObject();
            for (var i = 0; i < count; i++)
            {
                var name = members[i].Name;
                var value = members[i].Value;
                writer.PropertyName(name);
                var ok = name.SequenceEqual("role"u8) ? TryWriteRole(value, writer)
                    : name.SequenceEqual("content"u8) ? TryWriteContent(value, writer)
                    : CanonicalElement.TryWrite(value, writer);
                if (!ok)
                {
                    return false;
                }
            }

            writer.EndObject();
            return true;
        }
        finally
        {
            CanonicalMember.Return(members, count);
        }
    }

    /// <summary>The reference rule for text, on a string element: the fast path's byte-level normalizer is checked against it.</summary>
    public bool TryWriteText(JsonElement text, CanonicalJsonWriter writer)
    {
        var raw = CanonicalElement.RawStringContent(text);
        if (TextNormalizer.IsNormalizedAsIs(raw, _mode))
        {
            writer.StringValue(raw);
            return true;
        }

        return writer.TryStringValue(TextNormalizer.Normalize(text.GetString()!, _mode));
    }

    private static bool TryWriteRole(JsonElement role, CanonicalJsonWriter writer)
    {
        var raw = CanonicalElement.RawStringContent(role);
        if (raw.IndexOf((byte)'\\') < 0
            && System.Text.Ascii.IsValid(raw)
            && !raw.ContainsAnyInRange((byte)'A', (byte)'Z')
            && (raw.IsEmpty || (raw[0] != (byte)' ' && raw[^1] != (byte)' ')))
        {
            writer.StringValue(raw);
            return true;
        }

        return writer.TryStringValue(role.GetString()!.Trim().ToLowerInvariant());
    }

    private bool TryWriteContent(JsonElement content, CanonicalJsonWriter writer)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            return TryWriteText(content, writer);
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            return CanonicalElement.TryWrite(content, writer);
        }

        writer.StartArray();
        foreach (var part in content.EnumerateArray())
        {
            var ok = IsTextPart(part) ? TryWriteTextPart(part, writer) : CanonicalElement.TryWrite(part, writer);
            if (!ok)
            {
                return false;
            }
        }

        writer.EndArray();
        return true;
    }

    private bool IsTextPart(JsonElement part)
    {
        if (part.ValueKind != JsonValueKind.Object
            || !part.TryGetProperty("type"u8, out var type)
            || type.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        foreach (var textType in _textPartTypes)
        {
            if (type.ValueEquals(textType))
            {
                return true;
            }
        }

        return false;
    }

    private bool TryWriteTextPart(JsonElement part, CanonicalJsonWriter writer)
    {
        var members = CanonicalMember.RentSorted(part, dropNulls: false, out var count);
        try
        {
            writer.StartObject();
            for (var i = 0; i < count; i++)
            {
                var name = members[i].Name;
                var value = members[i].Value;
                writer.PropertyName(name);
                var ok = name.SequenceEqual("text"u8) && value.ValueKind == JsonValueKind.String
                    ? TryWriteText(value, writer)
                    : CanonicalElement.TryWrite(value, writer);
                if (!ok)
                {
                    return false;
                }
            }

            writer.EndObject();
            return true;
        }
        finally
        {
            CanonicalMember.Return(members, count);
        }
    }
}
