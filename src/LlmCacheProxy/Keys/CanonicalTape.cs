using System.Buffers;
using System.Text.Json;

namespace LlmCacheProxy.Keys;

/// <summary>
/// <see cref="CanonicalElement"/> over a <see cref="JsonTape"/>: the same canonical bytes, without a DOM.
/// Every false means "not handled here" (an overflowing number, a duplicate name, a lone surrogate): the
/// caller falls back to the document path, which decides whether the body is cacheable at all.
/// </summary>
internal static class CanonicalTape
{
    public const int StackScratchLimit = 256;

    public static bool TryWrite(JsonTape tape, int index, CanonicalJsonWriter writer)
    {
        switch (tape[index].Type)
        {
            case JsonTokenType.StartObject:
                return TryWriteObject(tape, index, writer);
            case JsonTokenType.StartArray:
                writer.StartArray();
                for (var item = index + 1; item < tape[index].End; item = tape.Skip(item))
                {
                    if (!TryWrite(tape, item, writer))
                    {
                        return false;
                    }
                }

                writer.EndArray();
                return true;
            case JsonTokenType.String:
                return TryWriteString(tape, index, writer);
            case JsonTokenType.Number:
                return CanonicalElement.TryWriteNumber(tape.Raw(index), roundToHundredths: false, writer);
            case JsonTokenType.True:
                writer.RawValue("true"u8);
                return true;
            case JsonTokenType.False:
                writer.RawValue("false"u8);
                return true;
            default:
                writer.RawValue("null"u8);
                return true;
        }
    }

    /// <summary>Writes a string unchanged apart from canonical escaping.</summary>
    public static bool TryWriteString(JsonTape tape, int index, CanonicalJsonWriter writer)
    {
        var raw = tape.Raw(index);
        if (!tape[index].Escaped)
        {
            writer.UnescapedTokenStringValue(raw);
            return true;
        }

        byte[]? rented = null;
        var scratch = raw.Length <= StackScratchLimit
            ? stackalloc byte[StackScratchLimit]
            : (rented = ArrayPool<byte>.Shared.Rent(raw.Length));
        try
        {
            if (!Utf8TextNormalizer.TryUnescape(tape.QuotedString(index), scratch, out var length))
            {
                return false;
            }

            writer.StringValue(scratch[..length]);
            return true;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The value of the property <paramref name="name"/> of an object, or -1.</summary>
    public static int FindMember(JsonTape tape, int obj, ReadOnlySpan<byte> name)
    {
        for (var member = obj + 1; member < tape[obj].End; member = tape.Skip(member + 1))
        {
            if (tape.Raw(member).SequenceEqual(name))
            {
                return member + 1;
            }
        }

        return -1;
    }

    /// <summary>
    /// For a value left out of the key: true when it has no duplicate names, which the document path's
    /// parser refuses anywhere in the body.
    /// </summary>
    public static bool HasNoDuplicateNames(JsonTape tape, int index)
    {
        var end = tape.Skip(index);
        for (var token = index; token < end; token++)
        {
            if (tape[token].Type != JsonTokenType.StartObject)
            {
                continue;
            }

            if (!tape.TryPushSortedMembers(token, out var members))
            {
                return false;
            }

            tape.PopMembers(members);
        }

        return true;
    }

    private static bool TryWriteObject(JsonTape tape, int index, CanonicalJsonWriter writer)
    {
        if (!tape.TryPushSortedMembers(index, out var members))
        {
            return false;
        }

        writer.StartObject();
        foreach (var name in members)
        {
            writer.PropertyName(tape.Raw(name));
            if (!TryWrite(tape, name + 1, writer))
            {
                return false;
            }
        }

        writer.EndObject();
        tape.PopMembers(members);
        return true;
    }
}
