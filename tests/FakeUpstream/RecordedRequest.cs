using System.Text;

namespace FakeUpstream;

/// <summary>One request received by <see cref="FakeOpenAiServer"/> under /v1.</summary>
/// <param name="Method">HTTP method, e.g. "POST".</param>
/// <param name="Path">Request path, e.g. "/v1/chat/completions".</param>
/// <param name="QueryString">Raw query string including the leading '?', or empty.</param>
/// <param name="Headers">Request headers (case-insensitive keys; multiple values joined with ", ").</param>
/// <param name="Body">Raw request body bytes.</param>
/// <param name="ReceivedAt">When the request arrived.</param>
public sealed record RecordedRequest(
    string Method,
    string Path,
    string QueryString,
    IReadOnlyDictionary<string, string> Headers,
    byte[] Body,
    DateTimeOffset ReceivedAt)
{
    /// <summary>The body decoded as UTF-8.</summary>
    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary>The Authorization header, or null when absent.</summary>
    public string? Authorization => Headers.TryGetValue("Authorization", out var v) ? v : null;
}
