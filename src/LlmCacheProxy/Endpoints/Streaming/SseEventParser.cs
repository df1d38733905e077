using System.Buffers;
using System.Diagnostics;
using System.Text;

namespace LlmCacheProxy.Endpoints.Streaming;

/// <summary>
/// Incremental parser of an upstream <c>text/event-stream</c>, fed with the bytes as they go to the client.
/// Keeps each event's <c>data</c> payload in order (several <c>data:</c> lines joined with <c>\n</c>, as the
/// SSE spec says), notes the final <c>data: [DONE]</c> and any error event. Lines end in <c>\n</c> or
/// <c>\r\n</c>; comments (<c>: ...</c>, e.g. keep-alives) are skipped. Only a partial line is buffered, and
/// the payloads kept are bounded: past <c>limit</c> bytes nothing more is kept and <see cref="Overflowed"/> is set.
/// </summary>
internal sealed class SseEventParser(long limit)
{
    private readonly ArrayBufferWriter<byte> _line = new(256);
    private readonly List<string> _events = [];
    private StringBuilder? _data;
    private bool _isErrorEvent;
    private long _kept;

    /// <summary>The <c>data</c> payloads in order, without <c>[DONE]</c>.</summary>
    public IReadOnlyList<string> Events => _events;

    /// <summary>The stream ended its answer with <c>data: [DONE]</c> (and nothing but comments after it).</summary>
    public bool Done { get; private set; }

    /// <summary>An <c>event: error</c>, or a payload with a top-level <c>error</c> member, was seen.</summary>
    public bool Error { get; private set; }

    public bool Overflowed { get; private set; }

    /// <summary>Stopwatch timestamp of the first complete event, 0 before it.</summary>
    public long FirstEventTimestamp { get; private set; }

    public void Feed(ReadOnlySpan<byte> bytes)
    {
        // Past the limit nothing will be stored: stop parsing rather than buffer an endless line.
        while (!bytes.IsEmpty && !Overflowed)
        {
            int end = bytes.IndexOf((byte)'\n');
            if (end < 0)
            {
                if (_line.WrittenCount + (long)bytes.Length > limit)
                {
                    Overflow();
                    return;
                }

                _line.Write(bytes);
                return;
            }

            if (_line.WrittenCount == 0)
            {
                OnLine(bytes[..end]);
            }
            else
            {
                _line.Write(bytes[..end]);
                OnLine(_line.WrittenSpan);
                _line.Clear();
            }

            bytes = bytes[(end + 1)..];
        }
    }

    private void OnLine(ReadOnlySpan<byte> line)
    {
        if (!line.IsEmpty && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        if (line.IsEmpty)
        {
            Dispatch();
            return;
        }

        if (line[0] == (byte)':')
        {
            return;
        }

        int colon = line.IndexOf((byte)':');
        var field = colon < 0 ? line : line[..colon];
        var value = colon < 0 ? [] : line[(colon + 1)..];
        if (!value.IsEmpty && value[0] == (byte)' ')
        {
            value = value[1..];
        }

        if (field.SequenceEqual("data"u8))
        {
            if (_data is null)
            {
                _data = new StringBuilder(value.Length);
            }
            else
            {
                _data.Append('\n');
            }

            _data.Append(Encoding.UTF8.GetString(value));
        }
        else if (field.SequenceEqual("event"u8))
        {
            _isErrorEvent = value.SequenceEqual("error"u8);
        }
    }

    private void Dispatch()
    {
        var data = _data;
        bool isError = _isErrorEvent;
        _data = null;
        _isErrorEvent = false;
        if (data is null)
        {
            Error |= isError;
            return;
        }

        if (FirstEventTimestamp == 0)
        {
            FirstEventTimestamp = Stopwatch.GetTimestamp();
        }

        string payload = data.ToString();
        if (payload == "[DONE]")
        {
            Done = true;
            return;
        }

        // Anything after [DONE] is not the answer OpenAI describes: refuse to treat the stream as complete.
        Done = false;
        Error |= isError || ChunkJson.HasTopLevelProperty(payload, "error");

        _kept += payload.Length + 8;
        if (_kept > limit)
        {
            Overflow();
            return;
        }

        _events.Add(payload);
    }

    private void Overflow()
    {
        Overflowed = true;
        Done = false;
        _events.Clear();
        _line.Clear();
        _data = null;
    }
}
