namespace LlmCacheProxy.Keys;

/// <summary>Turns a model name into a token that is safe as one segment of S3 object names and URLs.</summary>
internal static class ModelSlug
{
    private const int MaxLength = 64;

    /// <summary>
    /// Lowercase; keeps [a-z0-9._-]; every other char becomes '-'; runs of '-' collapse; at most 64 chars;
    /// then '-' and '.' trimmed at both ends; "unknown" when nothing is left.
    /// </summary>
    /// <remarks>
    /// Trimming dots means a slug is never "." or ".." (a dot segment would put an object outside its folder
    /// once a client or store resolves the path) and never a hidden or trailing-dot name.
    /// </remarks>
    public static string From(string model)
    {
        ArgumentNullException.ThrowIfNull(model);

        Span<char> buffer = stackalloc char[MaxLength];
        var length = 0;
        var pendingDash = false;
        foreach (var raw in model)
        {
            var c = raw is >= 'A' and <= 'Z' ? (char)(raw + ('a' - 'A')) : raw;
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '_'))
            {
                // '-' itself and every unsafe char: emitted lazily so runs collapse.
                pendingDash = true;
                continue;
            }

            if (pendingDash && length > 0)
            {
                if (length == MaxLength)
                {
                    break;
                }

                buffer[length++] = '-';
            }

            pendingDash = false;
            if (length == MaxLength)
            {
                break;
            }

            buffer[length++] = c;
        }

        var slug = buffer[..length].Trim("-.");
        return slug.IsEmpty ? "unknown" : new string(slug);
    }
}
