namespace LlmCacheProxy.Keys;

/// <summary>Turns a model name into a token that is safe in S3 object names and URLs.</summary>
internal static class ModelSlug
{
    private const int MaxLength = 64;

    /// <summary>
    /// Lowercase; keeps [a-z0-9._-]; every other char becomes '-'; runs of '-' collapse; '-' trimmed at
    /// both ends; at most 64 chars; "unknown" when nothing is left.
    /// </summary>
    public static string From(string model)
    {
        ArgumentNullException.ThrowIfNull(model);

        Span<char> buffer = stackalloc char[MaxLength];
        var length = 0;
        var pendingDash = false;
        foreach (var raw in model)
        {
            var c = raw is >= 'A' and <= 'Z' ? (char)(raw + ('a' - 'A')) : raw;
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '_')
            {
                if (pendingDash && length > 0)
                {
                    // Room for the dash and one more char, or the slug would end with '-'.
                    if (length >= MaxLength - 1)
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
            else
            {
                // '-' itself and every unsafe char: emitted lazily so runs collapse and ends stay clean.
                pendingDash = true;
            }
        }

        return length == 0 ? "unknown" : new string(buffer[..length]);
    }
}
