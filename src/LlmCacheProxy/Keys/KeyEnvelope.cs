namespace LlmCacheProxy.Keys;

// Key format v2, the envelope every key shares. A key is one canonical JSON object (keys sorted by UTF-8
// bytes at every depth) holding the builder's members and these five:
//
//   "endpoint":"<KeyEndpoint name>"
//   "partition":"<KeyScope.Partition>"
//   "route":"<KeyScope.Route>"
//   "v":2
//   "vary":{"<lowercase header name>":"<trimmed value>",...}     ({} when no vary header was sent)
//
// e.g. {"endpoint":"chat.completions","messages":[...],"model":"..","params":{..},"partition":"","route":"/v1/chat/completions","v":2,"vary":{}}
// A builder names only its own members, in sorted order; the envelope slips its members in where they sort.
// Changing any of this changes every key: bump "v".

/// <summary>Writes a key object: the builder's members merged, in canonical order, with the envelope's.</summary>
internal ref struct KeyEnvelope
{
    public const int FormatVersion = 2;

    private static readonly byte[][] Names =
        ["endpoint"u8.ToArray(), "partition"u8.ToArray(), "route"u8.ToArray(), "v"u8.ToArray(), "vary"u8.ToArray()];

    private readonly CanonicalJsonWriter _writer;
    private readonly string _endpoint;
    private readonly KeyScope _scope;
    private int _next;
    private bool _ok;

    private KeyEnvelope(CanonicalJsonWriter writer, string endpoint, KeyScope scope)
    {
        _writer = writer;
        _endpoint = endpoint;
        _scope = scope;
        _ok = true;
    }

    /// <summary>Opens the key object.</summary>
    public static KeyEnvelope Begin(CanonicalJsonWriter writer, string endpoint, KeyScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        writer.StartObject();
        return new KeyEnvelope(writer, endpoint, scope);
    }

    /// <summary>
    /// Writes the envelope members that sort before <paramref name="name"/>, then the name; the caller writes
    /// the value. Names must come in ascending order. False when an envelope string is not valid UTF-16.
    /// </summary>
    public bool Member(ReadOnlySpan<byte> name)
    {
        while (_next < Names.Length && Names[_next].AsSpan().SequenceCompareTo(name) < 0)
        {
            WriteNext();
        }

        System.Diagnostics.Debug.Assert(
            _next == Names.Length || !Names[_next].AsSpan().SequenceEqual(name), "a body member shadows an envelope member");
        _writer.PropertyName(name);
        return _ok;
    }

    /// <summary>Writes the remaining envelope members and closes the object.</summary>
    public bool TryEnd()
    {
        while (_next < Names.Length)
        {
            WriteNext();
        }

        _writer.EndObject();
        return _ok;
    }

    private void WriteNext()
    {
        var index = _next++;
        _writer.PropertyName(Names[index]);
        switch (index)
        {
            case 0:
                _ok &= _writer.TryStringValue(_endpoint);
                break;
            case 1:
                _ok &= _writer.TryStringValue(_scope.Partition);
                break;
            case 2:
                _ok &= _writer.TryStringValue(_scope.Route);
                break;
            case 3:
                _writer.IntegerValue(FormatVersion);
                break;
            default:
                WriteVary();
                break;
        }
    }

    private void WriteVary()
    {
        _writer.StartObject();
        foreach (var (name, value) in _scope.Vary)
        {
            _ok &= _writer.TryPropertyName(name) && _writer.TryStringValue(value);
        }

        _writer.EndObject();
    }
}
