using System.Globalization;
using LlmCacheProxy.Keys;
using LlmCacheProxy.Proxy;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LlmCacheProxy.Admin;

/// <summary>
/// Import and export on a running proxy. <c>POST /admin/cache/import[?resume=true]</c>: the body is an export file
/// (JSONL), read as it streams in (no size limit), stored like the CLI's import; a passthrough caller's partition comes
/// from <c>X-Client-Authorization</c>, hashed like any caller's (without it, each line's own). Answers the counts and
/// the failed lines. <c>GET /admin/cache/export[?model=&amp;namespace=&amp;since=]</c>: the live entries as JSONL.
/// </summary>
internal sealed class ImportEndpoint : IAdminEndpoints
{
    public void Map(RouteGroupBuilder admin)
    {
        admin.MapPost("/cache/import", ImportAsync);
        admin.MapGet("/cache/export", ExportAsync);
    }

    private static async Task<JsonHttpResult<ImportResult>> ImportAsync(
        HttpContext context, bool? resume, CacheImporter importer, PartitionResolver partitions, CancellationToken cancellationToken)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = null;
        }

        string? client = context.Request.Headers.TryGetValue(ExplainEndpoint.ClientAuthorizationHeader, out var values) ? values.ToString() : null;
        var settings = new ImportOptions(partitions.Resolve(client), resume == true);
        var result = await importer.ImportAsync(context.Request.Body, context.Request.ContentLength ?? 0, settings, null, cancellationToken);
        return AdminJson.Ok(result);
    }

    private static async Task<Results<EmptyHttpResult, ValidationProblem>> ExportAsync(
        HttpContext context, string? model, string? @namespace, string? since, CacheExporter exporter, ChatKeyBuilder keys,
        CancellationToken cancellationToken)
    {
        DateTimeOffset? from = null;
        if (since is not null)
        {
            if (!DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return AdminJson.Invalid("since", "since must be an ISO 8601 time, e.g. 2025-06-01T00:00:00Z.");
            }

            from = parsed;
        }

        context.Response.ContentType = "application/x-ndjson";
        string? normalized = string.IsNullOrWhiteSpace(model) ? null : keys.NormalizeModel(model);
        await exporter.ExportAsync(context.Response.Body, normalized, @namespace, from, null, cancellationToken);
        return TypedResults.Empty;
    }
}
