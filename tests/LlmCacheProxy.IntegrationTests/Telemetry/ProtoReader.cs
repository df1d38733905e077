namespace LlmCacheProxy.IntegrationTests.Telemetry;

/// <summary>
/// The protobuf wire format, just enough to read OTLP payloads without a protobuf package: varints, 64- and 32-bit
/// fixed fields and length-delimited fields (strings, bytes, nested messages). Unknown fields are skipped.
/// </summary>
internal struct ProtoReader(ReadOnlyMemory<byte> data)
{
    private readonly ReadOnlyMemory<byte> _data = data;
    private int _position;

    public bool TryReadTag(out int field, out int wireType)
    {
        if (_position >= _data.Length)
        {
            field = wireType = 0;
            return false;
        }

        ulong tag = ReadVarint();
        field = (int)(tag >> 3);
        wireType = (int)(tag & 7);
        return true;
    }

    public ulong ReadVarint()
    {
        var span = _data.Span;
        ulong value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            byte b = span[_position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw new FormatException("Varint longer than 10 bytes.");
    }

    public ulong ReadFixed64()
    {
        ulong value = BitConverter.ToUInt64(_data.Span.Slice(_position, 8));
        _position += 8;
        return value;
    }

    public double ReadDouble() => BitConverter.UInt64BitsToDouble(ReadFixed64());

    public ReadOnlyMemory<byte> ReadBytes()
    {
        int length = checked((int)ReadVarint());
        var slice = _data.Slice(_position, length);
        _position += length;
        return slice;
    }

    public string ReadString() => System.Text.Encoding.UTF8.GetString(ReadBytes().Span);

    public ProtoReader ReadMessage() => new(ReadBytes());

    public void Skip(int wireType)
    {
        switch (wireType)
        {
            case 0:
                ReadVarint();
                break;
            case 1:
                _position += 8;
                break;
            case 2:
                ReadBytes();
                break;
            case 5:
                _position += 4;
                break;
            default:
                throw new FormatException($"Unsupported wire type {wireType}.");
        }
    }
}
