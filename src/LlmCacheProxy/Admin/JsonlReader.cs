using System.Runtime.CompilerServices;

namespace LlmCacheProxy.Admin;

/// <summary>
/// Splits a stream into lines on <c>\n</c> (a trailing <c>\r</c> dropped) without reading it whole, keeping each line's
/// number and byte offset (the batch import reads input lines back by offset). Blank lines are skipped but counted. A
/// line longer than the bound is reported as too long and skipped, never buffered. <see cref="Position"/> is how far
/// the stream has been read (progress).
/// </summary>
internal sealed class JsonlReader(Stream stream, int maxLineBytes)
{
    public long Position { get; private set; }

    public async IAsyncEnumerable<JsonlLine> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        using var pending = new MemoryStream();
        bool tooLong = false;
        long before = 0; // stream bytes ahead of the current buffer
        long lineStart = 0;
        int number = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            int position = 0;
            while (position < read)
            {
                int newline = buffer.AsSpan(position, read - position).IndexOf((byte)'\n');
                int end = newline < 0 ? read : position + newline;
                if (!tooLong)
                {
                    pending.Write(buffer, position, end - position);
                    if (pending.Length > maxLineBytes)
                    {
                        tooLong = true;
                        pending.SetLength(0);
                    }
                }

                if (newline < 0)
                {
                    break;
                }

                number++;
                Position = before + end + 1;
                if (Line(number, lineStart, pending, tooLong) is { } line)
                {
                    yield return line;
                }

                pending.SetLength(0);
                tooLong = false;
                lineStart = before + end + 1;
                position = end + 1;
            }

            before += read;
            Position = before;
        }

        if (Line(number + 1, lineStart, pending, tooLong) is { } last)
        {
            yield return last;
        }
    }

    private static JsonlLine? Line(int number, long offset, MemoryStream pending, bool tooLong)
    {
        if (tooLong)
        {
            return new JsonlLine(number, offset, [], TooLong: true);
        }

        var bytes = pending.GetBuffer().AsSpan(0, (int)pending.Length);
        if (bytes.EndsWith((byte)'\r'))
        {
            bytes = bytes[..^1];
        }

        return bytes.Trim((byte)' ').IsEmpty ? null : new JsonlLine(number, offset, bytes.ToArray(), TooLong: false);
    }
}
