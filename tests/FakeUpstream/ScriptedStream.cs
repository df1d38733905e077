using Microsoft.AspNetCore.Http;

namespace FakeUpstream;

/// <summary>
/// Plays a complete event sequence as SSE and applies the stream directives on the way:
/// [[chunk-delay=MS]] between events; [[abort]] sends half of the second delta (or of the last event when there is
/// only one delta) and resets the connection; [[stream-error]] replaces everything after the second delta (or the
/// last event) with the error events; [[no-done]] leaves out the last event.
/// </summary>
internal static class ScriptedStream
{
    public static async Task PlayAsync(
        HttpContext ctx, IReadOnlyList<StreamEvent> events, Directives d, Func<int, byte[]> errorEvents, Task? gate, CancellationToken ct)
    {
        await FakeHttp.StartSseAsync(ctx, ct);
        var body = ctx.Response.Body;
        var deltas = 0;
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            var isLast = i == events.Count - 1;
            if (i > 0 && d.ChunkDelayMs > 0)
            {
                await Task.Delay(d.ChunkDelayMs, ct);
            }

            if (d.StreamError && (deltas == 2 || isLast))
            {
                // The error events take the sequence numbers the rest would have had.
                await body.WriteAsync(errorEvents(i), ct);
                await body.FlushAsync(ct);
                return;
            }

            if (d.Abort && ((deltas == 1 && e.IsDelta) || isLast))
            {
                await FakeHttp.CutAsync(ctx, e.Bytes, ct);
                return;
            }

            if (isLast && d.NoDone)
            {
                return;
            }

            await body.WriteAsync(e.Bytes, ct);
            await body.FlushAsync(ct);
            deltas += e.IsDelta ? 1 : 0;
            if (i == 0 && gate is not null)
            {
                await gate.WaitAsync(ct);
            }
        }
    }
}
