using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace LlmCacheProxy.Admin;

/// <summary>
/// Keyset position in the newest-first listing: the last row's (created_at, key). Opaque to clients
/// (base64url of <c>v1:{created_at ms}:{key}</c>) so the format can change without breaking them.
/// </summary>
internal sealed record EntryCursor(long CreatedAtMs, string Key)
{
    public string Encode() => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
        string.Create(CultureInfo.InvariantCulture, $"v1:{CreatedAtMs}:{Key}")));

    public static bool TryDecode(string text, out EntryCursor? cursor)
    {
        cursor = null;
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(text);
        }
        catch (FormatException)
        {
            return false;
        }

        string[] parts = Encoding.UTF8.GetString(bytes).Split(':');
        if (parts.Length != 3 || parts[0] != "v1" ||
            !long.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long createdAt) ||
            !CacheKeyText.IsValid(parts[2]))
        {
            return false;
        }

        cursor = new EntryCursor(createdAt, parts[2]);
        return true;
    }
}
