namespace LlmCacheProxy.Keys;

/// <summary>
/// What one endpoint's <c>params</c> member holds: every top-level field but its own members and the ignored
/// ones, with these defaults, rounding and merges. Names are compared ordinally as UTF-8 bytes.
/// </summary>
internal sealed class ParamsSpec
{
    private readonly byte[][] _bodyMembers;
    private readonly byte[][] _ignored;
    private readonly byte[][] _rounded;

    public ParamsSpec(
        IEnumerable<string> bodyMembers,
        IEnumerable<string> ignored,
        IEnumerable<string> rounded,
        IReadOnlyList<ParamDefault> defaults)
    {
        _bodyMembers = Utf8(bodyMembers);
        _ignored = Utf8(ignored);
        _rounded = Utf8(rounded);
        if (defaults.Count > 31)
        {
            throw new ArgumentException("At most 31 defaults: they are tracked in one int.", nameof(defaults));
        }

        Defaults = defaults;
    }

    public IReadOnlyList<ParamDefault> Defaults { get; }

    /// <summary>
    /// <c>max_tokens</c> is keyed as <c>max_completion_tokens</c> (chat: the upstream takes either); both present
    /// must be the same number or the body is not cacheable.
    /// </summary>
    public bool MergesMaxTokens { get; init; }

    /// <summary>A <c>temperature</c> that is not a finite number makes the body not cacheable (it decides a bypass).</summary>
    public bool ChecksTemperature { get; init; } = true;

    public bool IsBodyMember(ReadOnlySpan<byte> name) => Contains(_bodyMembers, name);

    public bool IsIgnored(ReadOnlySpan<byte> name) => Contains(_ignored, name);

    public bool IsRounded(ReadOnlySpan<byte> name) => Contains(_rounded, name);

    /// <summary>The bit of <paramref name="name"/> in a "defaults seen" mask, or 0 when it has no default.</summary>
    public int DefaultBit(ReadOnlySpan<byte> name)
    {
        for (var i = 0; i < Defaults.Count; i++)
        {
            if (name.SequenceEqual(Defaults[i].Name))
            {
                return 1 << i;
            }
        }

        return 0;
    }

    private static byte[][] Utf8(IEnumerable<string> names) =>
        names.Select(System.Text.Encoding.UTF8.GetBytes).ToArray();

    private static bool Contains(byte[][] names, ReadOnlySpan<byte> name)
    {
        foreach (var candidate in names)
        {
            if (name.SequenceEqual(candidate))
            {
                return true;
            }
        }

        return false;
    }
}
