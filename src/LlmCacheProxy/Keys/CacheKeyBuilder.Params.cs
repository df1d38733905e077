using System.Text.Json;

namespace LlmCacheProxy.Keys;

internal sealed partial class CacheKeyBuilder
{
    private const int FilledDefaultCount = 5;

    private static readonly JsonElement One = JsonElement.Parse("1");
    private static readonly JsonElement Zero = JsonElement.Parse("0");

    // Absent and default give the same key. Index order matches the bits of the "seen" mask below.
    private static readonly (byte[] Name, JsonElement Value)[] FilledDefaults =
    [
        ("temperature"u8.ToArray(), One),
        ("top_p"u8.ToArray(), One),
        ("n"u8.ToArray(), One),
        ("presence_penalty"u8.ToArray(), Zero),
        ("frequency_penalty"u8.ToArray(), Zero),
    ];

    private static readonly byte[] MaxCompletionTokens = "max_completion_tokens"u8.ToArray();

    private bool TryWriteParams(JsonElement root, CanonicalJsonWriter writer, out double temperature)
    {
        temperature = 1;
        var members = System.Buffers.ArrayPool<CanonicalMember>.Shared.Rent(
            root.GetPropertyCount() + FilledDefaultCount);
        var count = 0;
        try
        {
            if (!TryCollectParams(root, members, ref count, ref temperature))
            {
                return false;
            }

            CanonicalMember.Sort(members.AsSpan(0, count));
            writer.StartObject();
            for (var i = 0; i < count; i++)
            {
                writer.PropertyName(members[i].Name);
                var value = members[i].Value;
                var ok = value.ValueKind == JsonValueKind.Number
                    ? CanonicalElement.TryWriteNumber(value, roundToHundredths: true, writer)
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

    private bool TryCollectParams(JsonElement root, CanonicalMember[] members, ref int count, ref double temperature)
    {
        JsonElement? maxTokens = null;
        JsonElement? maxCompletionTokens = null;
        var seenDefaults = 0;
        foreach (var property in root.EnumerateObject())
        {
            var member = CanonicalMember.From(property);
            var name = member.Name;
            if (property.Value.ValueKind == JsonValueKind.Null
                || name.SequenceEqual("model"u8)
                || name.SequenceEqual("messages"u8)
                || IsIgnored(name))
            {
                continue;
            }

            if (name.SequenceEqual("max_tokens"u8))
            {
                maxTokens = property.Value;
                continue;
            }

            if (name.SequenceEqual(MaxCompletionTokens))
            {
                maxCompletionTokens = property.Value;
                continue;
            }

            if (name.SequenceEqual("temperature"u8))
            {
                // It decides the Cache:MaxTemperature bypass, so a body whose temperature is not a finite
                // number gets no key at all.
                if (!CanonicalElement.TryGetFiniteDouble(property.Value, out var t))
                {
                    return false;
                }

                temperature = CanonicalElement.RoundToHundredths(t);
            }

            seenDefaults |= DefaultBit(name);
            members[count++] = member;
        }

        if (!TryMergeMaxTokens(maxTokens, maxCompletionTokens, out var tokens))
        {
            return false;
        }

        if (tokens is { } tokenValue)
        {
            members[count++] = new CanonicalMember(MaxCompletionTokens, tokenValue);
        }

        for (var i = 0; i < FilledDefaults.Length; i++)
        {
            if ((seenDefaults & (1 << i)) == 0)
            {
                members[count++] = new CanonicalMember(FilledDefaults[i].Name, FilledDefaults[i].Value);
            }
        }

        return true;
    }

    // Both present is fine only when they are the same number; otherwise the upstream may honour either.
    private static bool TryMergeMaxTokens(JsonElement? maxTokens, JsonElement? maxCompletionTokens, out JsonElement? merged)
    {
        merged = maxCompletionTokens ?? maxTokens;
        if (maxTokens is not { } a || maxCompletionTokens is not { } b)
        {
            return true;
        }

        return CanonicalElement.TryGetFiniteDouble(a, out var x)
            && CanonicalElement.TryGetFiniteDouble(b, out var y)
            && CanonicalElement.RoundToHundredths(x) == CanonicalElement.RoundToHundredths(y);
    }

    private static int DefaultBit(ReadOnlySpan<byte> name)
    {
        for (var i = 0; i < FilledDefaults.Length; i++)
        {
            if (name.SequenceEqual(FilledDefaults[i].Name))
            {
                return 1 << i;
            }
        }

        return 0;
    }

    private bool IsIgnored(ReadOnlySpan<byte> name)
    {
        foreach (var ignored in _ignored)
        {
            if (name.SequenceEqual(ignored))
            {
                return true;
            }
        }

        return false;
    }
}
