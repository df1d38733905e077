using System.Globalization;
using System.Text.RegularExpressions;

namespace LlmCacheProxy.Caching.Semantic;

/// <summary>
/// Canonical text of a number. Format: optional "-", the integer part without separators or leading
/// zeros, the fraction exactly as written ("3.10" stays "3.10": versions tell 3.1 from 3.10), then a
/// space and the unit symbol if there is one ("5 km", "200 ms", "5 usd", "15 %"). When an exponent or
/// a multiplier is applied (1e3, 5k, 1.5M, "five thousand") the value is written plainly with no
/// trailing zeros ("1000", "1500000"). So 1,000 = 1000 = 1e3 = 1k; 5 km != 5 mi. Ordinals: "ord:3".
/// </summary>
internal static partial class FactNumbers
{
    [GeneratedRegex(@"^(?<cur>[$€£¥₹])?(?<sign>[-+])?(?<int>\d{1,3}(?:,\d{3})+|\d+)?(?<frac>\.\d+)?(?:[eE](?<exp>[-+]?\d{1,3}))?(?<suffix>[A-Za-z%°µ][A-Za-z/]*)?(?<cur2>[$€£¥₹])?$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberShape();

    /// <summary>Reads "5", "1,000", "-2.5", "1e3", "5k", "10ms", "16GB", "$5", "50%", "3rd"; anything else is not a number.</summary>
    public static bool TryParse(string core, out string canonical)
    {
        canonical = "";
        var match = NumberShape().Match(core);
        if (!match.Success || (!match.Groups["int"].Success && !match.Groups["frac"].Success))
        {
            return false;
        }

        var integer = match.Groups["int"].Value.Replace(",", "", StringComparison.Ordinal);
        var fraction = match.Groups["frac"].Value;
        var negative = match.Groups["sign"].Value == "-";
        var suffix = match.Groups["suffix"].Value;
        var currency = match.Groups["cur"].Success ? match.Groups["cur"].Value : match.Groups["cur2"].Value;

        if (suffix is "st" or "nd" or "rd" or "th")
        {
            if (fraction.Length > 0 || negative || currency.Length > 0 || integer.Length == 0)
            {
                return false;
            }

            canonical = "ord:" + TrimZeros(integer);
            return true;
        }

        decimal? scale = null;
        string? unit = null;
        if (suffix.Length > 0)
        {
            scale = FactUnits.Multiplier(suffix);
            unit = scale is null ? FactUnits.Find(suffix.ToLowerInvariant(), glued: true) : null;
            if (scale is null && unit is null)
            {
                return false; // 3d, 4o, 2fa: an identifier, not a quantity
            }
        }

        if (currency.Length > 0)
        {
            if (unit is not null)
            {
                return false; // $5ms is not a quantity
            }

            unit = FactUnits.Find(currency, glued: true);
        }

        var exponent = match.Groups["exp"].Success ? int.Parse(match.Groups["exp"].Value, CultureInfo.InvariantCulture) : 0;
        string number;
        if (scale is null && exponent == 0)
        {
            number = TrimZeros(integer) + (integer.Length == 0 && fraction.Length > 0 ? "0" : "") + fraction;
        }
        else if (!TryScale(integer + fraction, exponent, scale ?? 1m, out number))
        {
            return false;
        }

        canonical = (negative && number != "0" ? "-" : "") + number + (unit is null ? "" : " " + unit);
        return true;
    }

    /// <summary>The value of a plain number token ("25", "-2.5"; not "5 km" or "ord:3").</summary>
    public static bool TryValue(FactToken token, out decimal value)
    {
        value = 0;
        return token.Kind == FactTokenKind.Number && !token.Text.Contains(' ') && !token.Text.StartsWith("ord:", StringComparison.Ordinal) &&
            decimal.TryParse(token.Text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    public static string Format(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);

    private static bool TryScale(string digits, int exponent, decimal scale, out string number)
    {
        number = "";
        if (!decimal.TryParse(digits.Length > 0 && digits[0] == '.' ? "0" + digits : digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        try
        {
            value *= scale;
            for (var i = 0; i < Math.Abs(exponent); i++)
            {
                value = exponent > 0 ? value * 10m : value / 10m;
            }
        }
        catch (OverflowException)
        {
            return false;
        }

        number = Format(value);
        return true;
    }

    private static string TrimZeros(string integer)
    {
        var trimmed = integer.TrimStart('0');
        return trimmed.Length == 0 && integer.Length > 0 ? "0" : trimmed;
    }
}
