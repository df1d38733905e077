using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace LlmCacheProxy.Keys;

/// <summary>
/// Minimal JSON writer for canonical key documents, over a pooled buffer.
/// </summary>
/// <remarks>
/// Not <see cref="System.Text.Json.Utf8JsonWriter"/>: every <c>JavaScriptEncoder</c>, even
/// <c>UnsafeRelaxedJsonEscaping</c>, escapes non-BMP chars (emoji) and code points the runtime's Unicode
/// tables call unassigned, so a runtime upgrade could change the bytes and hence every key. Here strings
/// escape only what JSON requires: <c>"</c>, <c>\</c> and U+0000..U+001F (short forms \b \t \n \f \r,
/// else \u00xx lowercase). Everything else is written as raw UTF-8. No whitespace anywhere.
/// </remarks>
internal sealed class CanonicalJsonWriter : IDisposable
{
    private const int StackTranscodeLimit = 512;
    private static readonly SearchValues<byte> NeedsEscape = SearchValues.Create(
        "\0\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f\"\\"u8);

    private byte[] _buffer;
    private int _length;
    private bool _needComma;

    public CanonicalJsonWriter(int initialCapacity) =>
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initialCapacity, 256));

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    public void StartObject() => Open((byte)'{');

    public void EndObject() => Close((byte)'}');

    public void StartArray() => Open((byte)'[');

    public void EndArray() => Close((byte)']');

    /// <summary>Writes a property name given as unescaped UTF-8.</summary>
    public void PropertyName(ReadOnlySpan<byte> utf8Name)
    {
        Separator();
        AppendEscaped(utf8Name);
        Append((byte)':');
        _needComma = false;
    }

    /// <summary>Writes a property name; false when it is not valid UTF-16 (a lone surrogate).</summary>
    public bool TryPropertyName(string name)
    {
        if (!TryStringValue(name))
        {
            return false;
        }

        Append((byte)':');
        _needComma = false;
        return true;
    }

    /// <summary>Writes a string value given as unescaped, valid UTF-8.</summary>
    public void StringValue(ReadOnlySpan<byte> utf8Value)
    {
        Separator();
        AppendEscaped(utf8Value);
        _needComma = true;
    }

    /// <summary>
    /// Writes the content of a JSON string token that had no escapes: the reader refuses '"', '\' and control
    /// chars there, so nothing needs escaping and the scan for them is skipped.
    /// </summary>
    public void UnescapedTokenStringValue(ReadOnlySpan<byte> content)
    {
        Separator();
        Append((byte)'"');
        Append(content);
        Append((byte)'"');
        _needComma = true;
    }

    /// <summary>Writes a string value; false when it is not valid UTF-16 (a lone surrogate).</summary>
    public bool TryStringValue(ReadOnlySpan<char> value)
    {
        var maxBytes = Encoding.UTF8.GetMaxByteCount(value.Length);
        byte[]? rented = null;
        var scratch = maxBytes <= StackTranscodeLimit
            ? stackalloc byte[StackTranscodeLimit]
            : (rented = ArrayPool<byte>.Shared.Rent(maxBytes));
        try
        {
            var status = Utf8.FromUtf16(value, scratch, out _, out var written, replaceInvalidSequences: false);
            if (status != OperationStatus.Done)
            {
                return false;
            }

            StringValue(scratch[..written]);
            return true;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Writes a value token that is already canonical (a number or a literal).</summary>
    public void RawValue(ReadOnlySpan<byte> token)
    {
        Separator();
        Append(token);
        _needComma = true;
    }

    public void IntegerValue(long value)
    {
        Span<byte> digits = stackalloc byte[24];
        value.TryFormat(digits, out var written, default, CultureInfo.InvariantCulture);
        RawValue(digits[..written]);
    }

    /// <summary>Writes a finite double in the shortest round-trip form ("R", invariant).</summary>
    public void DoubleValue(double value)
    {
        Span<byte> digits = stackalloc byte[32];
        value.TryFormat(digits, out var written, "R", CultureInfo.InvariantCulture);
        RawValue(digits[..written]);
    }

    /// <summary>Empties the writer, keeping its buffer, to write the next document.</summary>
    public void Reset()
    {
        _length = 0;
        _needComma = false;
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _length = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Open(byte token)
    {
        Separator();
        Append(token);
        _needComma = false;
    }

    private void Close(byte token)
    {
        Append(token);
        _needComma = true;
    }

    private void Separator()
    {
        if (_needComma)
        {
            Append((byte)',');
        }
    }

    private void AppendEscaped(ReadOnlySpan<byte> utf8)
    {
        Append((byte)'"');
        while (true)
        {
            var index = utf8.IndexOfAny(NeedsEscape);
            if (index < 0)
            {
                Append(utf8);
                break;
            }

            Append(utf8[..index]);
            AppendEscape(utf8[index]);
            utf8 = utf8[(index + 1)..];
        }

        Append((byte)'"');
    }

    private void AppendEscape(byte b)
    {
        ReadOnlySpan<byte> shortForm = b switch
        {
            (byte)'"' => "\\\""u8,
            (byte)'\\' => "\\\\"u8,
            (byte)'\b' => "\\b"u8,
            (byte)'\t' => "\\t"u8,
            (byte)'\n' => "\\n"u8,
            (byte)'\f' => "\\f"u8,
            (byte)'\r' => "\\r"u8,
            _ => default,
        };
        if (!shortForm.IsEmpty)
        {
            Append(shortForm);
            return;
        }

        ReadOnlySpan<byte> hex = "0123456789abcdef"u8;
        Span<byte> escape = [(byte)'\\', (byte)'u', (byte)'0', (byte)'0', hex[b >> 4], hex[b & 0xF]];
        Append(escape);
    }

    private void Append(byte b)
    {
        if (_length == _buffer.Length)
        {
            Grow(1);
        }

        _buffer[_length++] = b;
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        if (_buffer.Length - _length < bytes.Length)
        {
            Grow(bytes.Length);
        }

        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    private void Grow(int needed)
    {
        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + needed));
        _buffer.AsSpan(0, _length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }
}
