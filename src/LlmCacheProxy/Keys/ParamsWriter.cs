using System.Buffers;
using System.Text.Json;

namespace LlmCacheProxy.Keys;

/// <summary>
/// Writes the <c>params</c> member from a document: every top-level field a <see cref="ParamsSpec"/> keeps,
/// null-valued ones dropped (SDKs differ on sending null versus leaving a field out), defaults filled, sorted.
/// Numbers are exact at every depth except directly under a rounded name.
/// </summary>
internal static class ParamsWriter
{
    public static readonly byte[] MaxCompletionTokens = "max_completion_tokens"u8.ToArray();

    /// <summary>False when the body is not cacheable; <paramref name="temperature"/> is as keyed (1 when absent).</summary>
    public static bool TryWrite(JsonElement root, ParamsSpec spec, CanonicalJsonWriter writer, out double temperature)
    {
        temperature = 1;
        var members = ArrayPool<CanonicalMember>.Shared.Rent(root.GetPropertyCount() + spec.Defaults.Count + 1);
        var count = 0;
        try
        {
            if (!TryCollect(root, spec, members, ref count, ref temperature))
            {
                return false;
            }

            CanonicalMember.Sort(members.AsSpan(0, count));
            writer.StartObject();
            for (var i = 0; i < count; i++)
            {
                var name = members[i].Name;
                var value = members[i].Value;
                writer.PropertyName(name);
                var ok = value.ValueKind == JsonValueKind.Number
                    ? CanonicalElement.TryWriteNumber(value, spec.IsRounded(name), writer)
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

    private static bool TryCollect(
        JsonElement root, ParamsSpec spec, CanonicalMember[] members, ref int count, ref double temperature)
    {
        JsonElement? maxTokens = null;
        JsonElement? maxCompletionTokens = null;
        var seenDefaults = 0;
        foreach (var property in root.EnumerateObject())
        {
            var member = CanonicalMember.From(property);
            var name = member.Name;
            if (property.Value.ValueKind == JsonValueKind.Null || spec.IsBodyMember(name) || spec.IsIgnored(name))
            {
                continue;
            }

            if (spec.MergesMaxTokens && name.SequenceEqual("max_tokens"u8))
            {
                maxTokens = property.Value;
                continue;
            }

            if (spec.MergesMaxTokens && name.SequenceEqual(MaxCompletionTokens))
            {
                maxCompletionTokens = property.Value;
                continue;
            }

            if (spec.ChecksTemperature && name.SequenceEqual("temperature"u8))
            {
                if (!CanonicalElement.TryGetFiniteDouble(property.Value, out var t))
                {
                    return false;
                }

                temperature = spec.IsRounded(name) ? CanonicalElement.RoundToHundredths(t) : t;
            }

            seenDefaults |= spec.DefaultBit(name);
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

        for (var i = 0; i < spec.Defaults.Count; i++)
        {
            if ((seenDefaults & (1 << i)) == 0)
            {
                members[count++] = new CanonicalMember(spec.Defaults[i].Name, spec.Defaults[i].Value);
            }
        }

        return true;
    }

    // Both present is fine only when they are the same number, compared exactly as keyed; otherwise the
    // upstream may honour either.
    private static bool TryMergeMaxTokens(JsonElement? maxTokens, JsonElement? maxCompletionTokens, out JsonElement? merged)
    {
        merged = maxCompletionTokens ?? maxTokens;
        if (maxTokens is not { } a || maxCompletionTokens is not { } b)
        {
            return true;
        }

        return CanonicalElement.SameNumber(a, b);
    }
}
