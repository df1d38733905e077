using System.Text.Json;
using LlmCacheProxy.Caching;
using LlmCacheProxy.Keys;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace LlmCacheProxy.Admin;

/// <summary>
/// <c>/admin/cache</c>: invalidate (epochs, key, pattern), clear, and the entries index (list, one, delete).
/// </summary>
internal sealed class CacheAdminEndpoints : IAdminEndpoints
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    public void Map(RouteGroupBuilder admin)
    {
        var cache = admin.MapGroup("/cache");
        cache.MapPost("/invalidate", InvalidateAsync);
        cache.MapPost("/clear", ClearAsync);
        cache.MapGet("/entries", ListEntries);
        cache.MapGet("/entries/{key}", GetEntryAsync);
        cache.MapDelete("/entries/{key}", DeleteEntryAsync);
    }

    private static async Task<Results<JsonHttpResult<InvalidateResult>, ValidationProblem>> InvalidateAsync(
        HttpRequest request, CacheInvalidator invalidator, ChatKeyBuilder keys, TimeProvider time, CancellationToken cancellationToken)
    {
        InvalidateRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<InvalidateRequest>(request.Body, AdminJson.Options, cancellationToken);
        }
        catch (JsonException e)
        {
            string field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.');
            return AdminJson.Invalid(field, "The body must be a JSON object with model, namespace, older_than, key, pattern, dry_run.");
        }

        if (body is null)
        {
            return AdminJson.Invalid("body", "The body must be a JSON object.");
        }

        if (!InvalidationPlan.TryCreate(body, keys, time.GetUtcNow(), out var plan, out string invalidField, out string error))
        {
            return AdminJson.Invalid(invalidField, error);
        }

        return AdminJson.Ok(await invalidator.InvalidateAsync(plan!, cancellationToken));
    }

    private static async Task<JsonHttpResult<InvalidateResult>> ClearAsync(CacheInvalidator invalidator, CancellationToken cancellationToken) =>
        AdminJson.Ok(await invalidator.ClearAsync(cancellationToken));

    private static Results<JsonHttpResult<EntryPage>, ValidationProblem> ListEntries(
        EntryIndex index, ChatKeyBuilder keys, string? model, string? @namespace, string? limit, string? cursor)
    {
        int size = DefaultPageSize;
        if (limit is not null && (!int.TryParse(limit, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out size) ||
            size is < 1 or > MaxPageSize))
        {
            return AdminJson.Invalid("limit", $"limit must be between 1 and {MaxPageSize}.");
        }

        EntryCursor? position = null;
        if (cursor is not null && !EntryCursor.TryDecode(cursor, out position))
        {
            return AdminJson.Invalid("cursor", "cursor must be a next_cursor value from a previous page.");
        }

        string? normalized = string.IsNullOrWhiteSpace(model) ? null : keys.NormalizeModel(model);
        return AdminJson.Ok(index.List(normalized, @namespace, size, position));
    }

    private static async Task<Results<JsonHttpResult<EntryMetadata>, ContentHttpResult, NotFound<ProblemDetails>, ValidationProblem>> GetEntryAsync(
        string key, bool? full, EntryIndex index, TieredCache cache, CancellationToken cancellationToken)
    {
        if (!CacheKeyText.IsValid(key))
        {
            return AdminJson.Invalid("key", "key must be 64 lowercase hex characters.");
        }

        if (full == true)
        {
            foreach (var tier in cache.Tiers)
            {
                if (await tier.GetAsync(key, cancellationToken) is { } entry && entry.CacheKey == key)
                {
                    // The stored document itself: the same bytes in every tier.
                    return TypedResults.Content(System.Text.Encoding.UTF8.GetString(CacheEntrySerializer.Serialize(entry)), "application/json");
                }
            }
        }
        else if (index.Get(key) is { } metadata)
        {
            return AdminJson.Ok(metadata);
        }

        return TypedResults.NotFound(new ProblemDetails { Status = 404, Title = "No such entry", Detail = "No tier holds this key." });
    }

    private static async Task<Results<NoContent, NotFound<ProblemDetails>, ValidationProblem>> DeleteEntryAsync(
        string key, CacheInvalidator invalidator, CancellationToken cancellationToken)
    {
        if (!CacheKeyText.IsValid(key))
        {
            return AdminJson.Invalid("key", "key must be 64 lowercase hex characters.");
        }

        var result = await invalidator.InvalidateAsync(new InvalidationPlan(null, key, null, DryRun: false), cancellationToken);
        return result.Dead > 0
            ? TypedResults.NoContent()
            : TypedResults.NotFound(new ProblemDetails { Status = 404, Title = "No such entry", Detail = "No tier holds this key." });
    }
}
