using System.Text.Json;

namespace LlmCacheProxy.Endpoints.Responses;

/// <summary>
/// Turns a stored, completed <c>response</c> into the event sequence a streaming client of the Responses API expects,
/// numbered from 0 in <c>sequence_number</c>: <c>response.created</c> and <c>response.in_progress</c> (the response in
/// progress: no output, no usage), then per output item <c>response.output_item.added</c> (the item as first announced),
/// its own events, <c>response.output_item.done</c> (the item as stored), and last <c>response.completed</c> with the
/// stored response. Own events: a message's parts (<c>content_part.added</c>, <c>output_text.delta</c> in pieces,
/// <c>output_text.done</c>, <c>content_part.done</c>; refusals as <c>refusal.delta</c> / <c>refusal.done</c>); a function
/// call's <c>function_call_arguments.delta</c> in pieces and <c>.done</c>; a reasoning item's summary parts
/// (<c>reasoning_summary_part.added</c>, <c>reasoning_summary_text.delta</c>, <c>.done</c>, <c>reasoning_summary_part.done</c>).
/// Other items (tool calls of built-in tools) are announced and done whole. Returns null for anything but a completed response.
/// </summary>
internal static class ResponseEventSynthesizer
{
    public static IReadOnlyList<string>? Synthesize(ReadOnlyMemory<byte> response)
    {
        if (!ResponseScan.TryRead(response.Span, out _, out _))
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(response);
            return new ResponseEventSequence(doc.RootElement).Build();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
