namespace LlmCacheProxy.Endpoints;

/// <summary>What a module changes in the forward of a miss (see <see cref="ICacheableEndpoint.RewriteForward"/>).</summary>
/// <param name="Body">The body sent upstream instead of the client's (the key is the client's body's).</param>
/// <param name="ClientFilter">
/// Wraps the client's response stream: the live answer passes through it on its way to the client, while the entry is made
/// from upstream's own bytes. The cache step disposes the wrapper (asynchronously) when the forward ends, which writes out
/// anything it still holds; disposing it never disposes the stream it wraps.
/// </param>
internal sealed record ForwardRewrite(byte[] Body, Func<HttpResponse, Stream, Stream> ClientFilter);
