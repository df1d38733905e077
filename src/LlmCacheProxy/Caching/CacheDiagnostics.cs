using System.Diagnostics;

namespace LlmCacheProxy.Caching;

/// <summary>
/// The process's one <see cref="ActivitySource"/>, <c>LlmCacheProxy</c>: spans per tier call and per upstream call, as
/// children of ASP.NET Core's request span. Started only when someone listens (the OTLP exporter), so a span name is
/// never built for nothing.
/// </summary>
internal static class CacheDiagnostics
{
    public const string Name = "LlmCacheProxy";

    public static readonly ActivitySource Source = new(Name);
}
