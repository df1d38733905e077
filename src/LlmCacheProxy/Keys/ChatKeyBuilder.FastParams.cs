using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace LlmCacheProxy.Keys;

internal sealed partial class ChatKeyBuilder
{
    // A params entry is an int: a property's name token (>= 0), or one of these for names the body lacks.
    private const int MaxCompletionTokensEntry = -1;
    private const int FirstDefaultEntry = -2; // -2 - i is FilledDefaults[i]

    private bool TryWriteParamsFast(JsonTape tape, Span<int> root, CanonicalJsonWriter writer, out double temperature)
    {
        temperature = 1;
        var entries = ArrayPool<int>.Shared.Rent(root.Length + 1 + FilledDefaults.Length);
        try
        {
            if (!TryCollectParamsFast(tape, root, entries, out var count, out var tokens, ref temperature))
            {
                return false;
            }

            var sorted = entries.AsSpan(0, count);
            JsonTape.Sort(sorted, new ParamOrder(tape));
            writer.StartObject();
            foreach (var entry in sorted)
            {
                writer.PropertyName(ParamName(tape, entry));
                if (entry <= FirstDefaultEntry)
                {
                    writer.RawValue(JsonMarshal.GetRawUtf8Value(FilledDefaults[FirstDefaultEntry - entry].Value));
                    continue;
                }

                var value = entry == MaxCompletionTokensEntry ? tokens : entry + 1;
                var ok = tape[value].Type == JsonTokenType.Number
                    ? CanonicalElement.TryWriteNumber(tape.Raw(value), _params.IsRounded(ParamName(tape, entry)), writer)
                    : CanonicalTape.TryWrite(tape, value, writer);
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
            ArrayPool<int>.Shared.Return(entries);
        }
    }

    private bool TryCollectParamsFast(
        JsonTape tape, Span<int> root, int[] entries, out int count, out int tokens, ref double temperature)
    {
        count = 0;
        var maxTokens = -1;
        var maxCompletionTokens = -1;
        var seenDefaults = 0;
        foreach (var name in root)
        {
            var nameBytes = tape.Raw(name);
            var value = name + 1;
            if (tape[value].Type == JsonTokenType.Null
                || nameBytes.SequenceEqual("model"u8)
                || nameBytes.SequenceEqual("messages"u8))
            {
                continue;
            }

            if (_params.IsIgnored(nameBytes))
            {
                // Left out of the key, but the document path's parser would still refuse a duplicate in it.
                if (!CanonicalTape.HasNoDuplicateNames(tape, value))
                {
                    tokens = -1;
                    return false;
                }

                continue;
            }

            if (nameBytes.SequenceEqual("max_tokens"u8))
            {
                maxTokens = value;
                continue;
            }

            if (nameBytes.SequenceEqual(ParamsWriter.MaxCompletionTokens))
            {
                maxCompletionTokens = value;
                continue;
            }

            seenDefaults |= _params.DefaultBit(nameBytes);
            entries[count++] = name;
            if (nameBytes.SequenceEqual("temperature"u8))
            {
                // A temperature that is not a finite number makes the body uncacheable: the document path says so.
                if (tape[value].Type != JsonTokenType.Number
                    || !CanonicalElement.TryParseFiniteDouble(tape.Raw(value), out var t))
                {
                    tokens = -1;
                    return false;
                }

                temperature = _params.IsRounded(nameBytes) ? CanonicalElement.RoundToHundredths(t) : t;
            }
        }

        // Both present: whether they agree is the document path's rule.
        tokens = maxCompletionTokens >= 0 ? maxCompletionTokens : maxTokens;
        if (maxTokens >= 0 && maxCompletionTokens >= 0)
        {
            return false;
        }

        if (tokens >= 0)
        {
            entries[count++] = MaxCompletionTokensEntry;
        }

        for (var i = 0; i < FilledDefaults.Length; i++)
        {
            if ((seenDefaults & (1 << i)) == 0)
            {
                entries[count++] = FirstDefaultEntry - i;
            }
        }

        return true;
    }

    private static ReadOnlySpan<byte> ParamName(JsonTape tape, int entry) =>
        entry >= 0 ? tape.Raw(entry)
        : entry == MaxCompletionTokensEntry ? ParamsWriter.MaxCompletionTokens
        : FilledDefaults[FirstDefaultEntry - entry].Name;

    private readonly struct ParamOrder(JsonTape tape) : IComparer<int>
    {
        public int Compare(int x, int y) => ParamName(tape, x).SequenceCompareTo(ParamName(tape, y));
    }
}
