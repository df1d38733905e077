using System.Buffers;
using System.Text.Json;

namespace LlmCacheProxy.Keys;

internal sealed partial class ChatKeyBuilder
{
    private bool TryWriteContentPartFast(JsonTape tape, int part, CanonicalJsonWriter writer)
    {
        var type = tape[part].Type == JsonTokenType.StartObject ? CanonicalTape.FindMember(tape, part, "type"u8) : -1;
        if (type < 0 || tape[type].Type != JsonTokenType.String)
        {
            return CanonicalTape.TryWrite(tape, part, writer);
        }

        if (tape[type].Escaped)
        {
            return false; // "t\u0065xt" is a text part too; the document path compares unescaped values
        }

        if (!tape.Raw(type).SequenceEqual("text"u8))
        {
            return CanonicalTape.TryWrite(tape, part, writer);
        }

        if (!tape.TryPushSortedMembers(part, out var members))
        {
            return false;
        }

        writer.StartObject();
        foreach (var name in members)
        {
            var value = name + 1;
            writer.PropertyName(tape.Raw(name));
            var ok = tape.Raw(name).SequenceEqual("text"u8) && tape[value].Type == JsonTokenType.String
                ? TryWriteTextFast(tape, value, writer)
                : CanonicalTape.TryWrite(tape, value, writer);
            if (!ok)
            {
                return false;
            }
        }

        writer.EndObject();
        tape.PopMembers(members);
        return true;
    }

    // Message text, normalized per _mode on bytes: as it is (the common case: plain ASCII), or unescaped into
    // scratch, CR fixed in place, then NFC-checked and trimmed by slicing. Loose rewrites go to the document path.
    private bool TryWriteTextFast(JsonTape tape, int text, CanonicalJsonWriter writer)
    {
        var raw = tape.Raw(text);
        if (TextNormalizer.IsNormalizedAsIs(raw, _mode))
        {
            writer.UnescapedTokenStringValue(raw);
            return true;
        }

        if (!tape[text].Escaped)
        {
            // Unescaped JSON text cannot hold a CR, so only NFC and trimming are left.
            if (!Utf8TextNormalizer.TryNormalize(raw, _mode, out var range))
            {
                return false;
            }

            writer.UnescapedTokenStringValue(raw[range]);
            return true;
        }

        byte[]? rented = null;
        var scratch = raw.Length <= CanonicalTape.StackScratchLimit
            ? stackalloc byte[CanonicalTape.StackScratchLimit]
            : (rented = ArrayPool<byte>.Shared.Rent(raw.Length));
        try
        {
            if (!Utf8TextNormalizer.TryUnescape(tape.QuotedString(text), scratch, out var length))
            {
                return false;
            }

            var unescaped = scratch[..Utf8TextNormalizer.ReplaceCarriageReturns(scratch[..length])];
            if (!Utf8TextNormalizer.TryNormalize(unescaped, _mode, out var range))
            {
                return false;
            }

            writer.StringValue(unescaped[range]);
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
}
