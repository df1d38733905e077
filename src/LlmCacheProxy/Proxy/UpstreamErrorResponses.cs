using System.Net.Sockets;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace LlmCacheProxy.Proxy;

/// <summary>
/// When the forwarder could not get an answer at all (connection refused, a name that does not resolve, TLS, a
/// timeout), YARP leaves a 502/504 with an empty body, and SDKs show nothing but the status. This step runs around
/// the rest of the pipeline and, when the response has not started, writes the same status in OpenAI's error shape
/// naming the upstream host (never a path: it can carry a key) and what failed. Stale-if-error has already cleared
/// the error feature when it served an entry instead, and a client that left gets nothing.
/// </summary>
internal static class UpstreamErrorResponses
{
    public static IReverseProxyApplicationBuilder UseUpstreamErrors(this IReverseProxyApplicationBuilder pipeline)
    {
        pipeline.Use(async (context, next) =>
        {
            await next();
            if (context.Features.Get<IForwarderErrorFeature>() is { } error && !context.Response.HasStarted &&
                !context.RequestAborted.IsCancellationRequested && Describe(context, error) is { } answer)
            {
                await OpenAiError.WriteAsync(context, answer.Status, answer.Message, "upstream_error", answer.Code);
            }
        });
        return pipeline;
    }

    private static (int Status, string Message, string Code)? Describe(HttpContext context, IForwarderErrorFeature error)
    {
        string host = Host(context);
        return error.Error switch
        {
            ForwarderError.Request => (StatusCodes.Status502BadGateway, $"The proxy could not reach the upstream {host}: {Reason(error.Exception)}.", "upstream_unreachable"),
            ForwarderError.RequestTimedOut => (StatusCodes.Status504GatewayTimeout,
                $"The upstream {host} did not answer in time (Proxy:UpstreamTimeoutSeconds).", "upstream_timeout"),
            ForwarderError.ResponseHeaders => (StatusCodes.Status502BadGateway, $"The upstream {host} sent no valid answer: {Reason(error.Exception)}.", "upstream_bad_response"),
            _ => null,
        };
    }

    private static string Host(HttpContext context) =>
        Uri.TryCreate(context.GetReverseProxyFeature().ProxiedDestination?.Model.Config.Address, UriKind.Absolute, out var uri)
            ? uri.Authority
            : "(unknown)";

    private static string Reason(Exception? exception)
    {
        var http = exception as HttpRequestException ?? exception?.InnerException as HttpRequestException;
        var socket = exception?.GetBaseException() as SocketException;
        return (http?.HttpRequestError, socket?.SocketErrorCode) switch
        {
            (HttpRequestError.NameResolutionError, _) or (_, SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData) =>
                "its host name did not resolve (DNS)",
            (_, SocketError.ConnectionRefused) => "the connection was refused (nothing listens on that port)",
            (_, SocketError.TimedOut) => "the connection timed out",
            (_, SocketError.NetworkUnreachable or SocketError.HostUnreachable) => "the network or host is unreachable",
            (HttpRequestError.SecureConnectionError, _) => "the TLS handshake failed",
            (HttpRequestError.ConnectionError, _) => "the connection failed",
            _ => "the request failed before an answer came",
        };
    }
}
