using System.Runtime.InteropServices;
using System.Text.Json;

namespace LlmCacheProxy.Keys;

/// <summary>Writes any JSON value in canonical form: sorted keys, one number form, minimal escapes.</summary>
internal static class CanonicalElement
{
    // Integers within ±2^53 are exact in a double, so 1, 1.0 and 1e0 can all be written as "1".
    private const double MaxExactInteger = 9007199254740992d;

    /// <summary>False when a number overflows a double or a string holds a lone surrogate.</summary>
    public static bool TryWrite(JsonElement element, CanonicalJsonWriter writer)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                return TryWriteObject(element, writer);
            case JsonValueKind.Array:
                writer.StartArray();
                foreach (var item in element.EnumerateArray())
                {
                    if (!TryWrite(item, writer))
                    {
                        return false;
                    }
                }

                writer.EndArray();
                return true;
            case JsonValueKind.String:
                return TryWriteString(element, writer);
            case JsonValueKind.Number:
                return TryWriteNumber(element, roundToHundredths: false, writer);
            case JsonValueKind.True:
                writer.RawValue("true"u8);
                return true;
            case JsonValueKind.False:
                writer.RawValue("false"u8);
                return true;
            default:
                writer.RawValue("null"u8);
                return true;
        }
    }

    /// <summary>Writes a string value unchanged apart from canonical escaping.</summary>
    public static bool TryWriteString(JsonElement element, CanonicalJsonWriter writer)
    {
        var content = RawStringContent(element);
        if (content.IndexOf((byte)'\\') < 0)
        {
            writer.StringValue(content);
            return true;
        }

        return writer.TryStringValue(element.GetString());
    }

    /// <summary>The UTF-8 between the quotes, still escaped as it was in the body.</summary>
    public static ReadOnlySpan<byte> RawStringContent(JsonElement element)
    {
        var raw = JsonMarshal.GetRawUtf8Value(element);
        return raw[1..^1];
    }

    public static bool TryWriteNumber(JsonElement element, bool roundToHundredths, CanonicalJsonWriter writer) =>
        TryWriteNumber(JsonMarshal.GetRawUtf8Value(element), roundToHundredths, writer);

    /// <summary>
    /// Writes a number token given as its raw bytes. An integer literal is kept digit for digit (only -0 becomes
    /// 0), however long: a seed beyond 2^53 must not meet its neighbour. A fraction or exponent goes through a
    /// double; false when that overflows.
    /// </summary>
    public static bool TryWriteNumber(ReadOnlySpan<byte> raw, bool roundToHundredths, CanonicalJsonWriter writer)
    {
        if (IsPlainInteger(raw))
        {
            writer.RawValue(raw.SequenceEqual("-0"u8) ? "0"u8 : raw);
            return true;
        }

        if (!TryParseFiniteDouble(raw, out var value))
        {
            return false;
        }

        WriteDouble(roundToHundredths ? RoundToHundredths(value) : value, writer);
        return true;
    }

    /// <summary>Both are numbers with the same canonical form (so 100 and 100.0 agree, 0.014 and 0.01 do not).</summary>
    public static bool SameNumber(JsonElement a, JsonElement b)
    {
        if (a.ValueKind != JsonValueKind.Number || b.ValueKind != JsonValueKind.Number)
        {
            return false;
        }

        using var x = new CanonicalJsonWriter(64);
        using var y = new CanonicalJsonWriter(64);
        return TryWriteNumber(a, roundToHundredths: false, x)
            && TryWriteNumber(b, roundToHundredths: false, y)
            && x.Written.SequenceEqual(y.Written);
    }

    /// <summary>False for anything but a number that fits a double.</summary>
    public static bool TryGetFiniteDouble(JsonElement element, out double value)
    {
        value = 0;
        return element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out value) && double.IsFinite(value);
    }

    /// <summary>The parse <see cref="JsonElement.TryGetDouble"/> does, on a number token's raw bytes.</summary>
    public static bool TryParseFiniteDouble(ReadOnlySpan<byte> raw, out double value) =>
        System.Buffers.Text.Utf8Parser.TryParse(raw, out value, out var consumed)
        && consumed == raw.Length
        && double.IsFinite(value);

    /// <summary>
    /// Rounds a non-integral value to 2 decimals, midpoints away from zero, in decimal arithmetic so that
    /// 0.705 and 1.005 round up as a person reads them (in binary they sit just below the midpoint).
    /// </summary>
    public static double RoundToHundredths(double value) =>
        IsIntegral(value) ? value : (double)Math.Round((decimal)value, 2, MidpointRounding.AwayFromZero);

    public static void WriteDouble(double value, CanonicalJsonWriter writer)
    {
        if (IsIntegral(value) && Math.Abs(value) <= MaxExactInteger)
        {
            writer.IntegerValue((long)value);
        }
        else
        {
            writer.DoubleValue(value);
        }
    }

    private static bool IsIntegral(double value) => value == Math.Floor(value);

    /// <summary>
    /// A number token with no fraction and no exponent. JSON forbids leading zeros, so apart from -0 it is
    /// already in its one canonical form.
    /// </summary>
    public static bool IsPlainInteger(ReadOnlySpan<byte> raw)
    {
        var digits = raw.Length > 0 && raw[0] == (byte)'-' ? raw[1..] : raw;
        return digits.Length > 0 && !digits.ContainsAnyExceptInRange((byte)'0', (byte)'9');
    }

    private static bool TryWriteObject(JsonElement element, CanonicalJsonWriter writer)
    {
        var members = CanonicalMember.RentSorted(element, dropNulls: false, out var count);
        try
        {
            writer.StartObject();
            for (var i = 0; i < count; i++)
            {
                writer.PropertyName(members[i].Name);
                if (!TryWrite(members[i].Value, writer))
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
