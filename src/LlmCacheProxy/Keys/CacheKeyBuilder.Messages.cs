using System.Text.Json;

namespace LlmCacheProxy.Keys;

internal sealed partial class CacheKeyBuilder
{
    private bool TryWriteMessages(JsonElement messages, CanonicalJsonWriter writer)
    {
        writer.StartArray();
        foreach (var message in messages.EnumerateArray())
        {
            if (message.ValueKind != JsonValueKind.Object
                || !message.TryGetProperty("role"u8, out var role)
                || role.ValueKind != JsonValueKind.String
                || !TryWriteMessage(message, writer))
            {
                return false;
            }
        }

        writer.EndArray();
        return true;
    }

    private bool TryWriteMessage(JsonElement message, CanonicalJsonWriter writer)
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

    private static bool IsTextPart(JsonElement part) =>
        part.ValueKind == JsonValueKind.Object
        && part.TryGetProperty("type"u8, out var type)
        && type.ValueKind == JsonValueKind.String
        && type.ValueEquals("text"u8);

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

    // The reference rule, on a string: the fast path's byte-level normalizer is checked against this.
    private bool TryWriteText(JsonElement text, CanonicalJsonWriter writer)
    {
        var raw = CanonicalElement.RawStringContent(text);
        if (TextNormalizer.IsNormalizedAsIs(raw, _mode))
        {
            writer.StringValue(raw);
            return true;
        }

        return writer.TryStringValue(TextNormalizer.Normalize(text.GetString()!, _mode));
    }
}
