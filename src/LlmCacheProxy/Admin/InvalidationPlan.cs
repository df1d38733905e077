using System.Globalization;
using System.Text.RegularExpressions;
using LlmCacheProxy.Caching;
using LlmCacheProxy.Keys;
using LlmCacheProxy.Proxy;

namespace LlmCacheProxy.Admin;

/// <summary>
/// A validated invalidation. Model, namespace and age become one epoch (scope + before), so they combine
/// only where one epoch can say it: model or namespace, each optionally with <c>older_than</c>; age alone is
/// scope <c>*</c>. Key and pattern are direct deletes and stand alone.
/// </summary>
internal sealed partial record InvalidationPlan(EpochInfo? Epoch, string? Key, string? Pattern, bool DryRun)
{
    public const int MaxPatternLength = 256;

    /// <summary>The normalized model an epoch covers (scope <c>model:</c>), else null.</summary>
    public string? Model { get; init; }

    /// <summary>The namespace an epoch covers (scope <c>ns:</c>), else null.</summary>
    public string? Namespace { get; init; }

    public static bool TryCreate(
        InvalidateRequest request, ChatKeyBuilder keys, DateTimeOffset now,
        out InvalidationPlan? plan, out string field, out string error)
    {
        plan = null;
        field = "";
        error = "";
        bool hasModel = !string.IsNullOrWhiteSpace(request.Model);
        bool hasNs = request.Namespace is not null;
        bool hasAge = request.OlderThan is not null;
        bool hasKey = request.Key is not null;
        bool hasPattern = request.Pattern is not null;
        int selectors = (hasModel || hasNs || hasAge ? 1 : 0) + (hasKey ? 1 : 0) + (hasPattern ? 1 : 0);
        if (selectors == 0)
        {
            (field, error) = ("model", "Name what to invalidate: model, namespace, older_than, key or pattern.");
            return false;
        }

        if (selectors > 1)
        {
            (field, error) = (hasKey ? "key" : "pattern", "key and pattern delete directly and cannot be combined with other selectors; send separate calls.");
            return false;
        }

        if (hasModel && hasNs)
        {
            (field, error) = ("namespace", "model and namespace are separate epochs; send one call per scope (a model epoch covers every namespace).");
            return false;
        }

        if (request.Model is not null && !hasModel)
        {
            (field, error) = ("model", "model must not be empty.");
            return false;
        }

        if (hasNs && !CacheControl.IsValidNamespace(request.Namespace))
        {
            (field, error) = ("namespace", "namespace must be 1 to 64 characters from [a-zA-Z0-9._-].");
            return false;
        }

        if (hasKey)
        {
            if (!CacheKeyText.IsValid(request.Key))
            {
                (field, error) = ("key", "key must be a cache key: 64 lowercase hex characters (the X-Cache-Key header).");
                return false;
            }

            plan = new InvalidationPlan(null, request.Key, null, request.DryRun);
            return true;
        }

        if (hasPattern)
        {
            if (request.Pattern!.Length is 0 or > MaxPatternLength)
            {
                (field, error) = ("pattern", $"pattern must be a glob of 1 to {MaxPatternLength} characters over model or cache_id.");
                return false;
            }

            plan = new InvalidationPlan(null, null, request.Pattern, request.DryRun);
            return true;
        }

        var before = now;
        if (hasAge)
        {
            if (!Iso8601Start().IsMatch(request.OlderThan!) ||
                !DateTimeOffset.TryParse(request.OlderThan, CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out before))
            {
                (field, error) = ("older_than", "older_than must be an ISO 8601 time, e.g. 2025-01-31T12:00:00Z.");
                return false;
            }

            if (before > now)
            {
                // An epoch in the future would also kill answers stored until then.
                (field, error) = ("older_than", "older_than must not be in the future.");
                return false;
            }
        }

        string? model = hasModel ? keys.NormalizeModel(request.Model!) : null;
        string? ns = hasModel ? null : request.Namespace;
        string scope = model is not null ? InvalidationEpochs.ModelScope(model)
            : ns is not null ? InvalidationEpochs.NamespaceScope(ns)
            : InvalidationEpochs.AllScope;
        plan = new InvalidationPlan(new EpochInfo(scope, EpochInfo.EndOfMillisecond(before)), null, null, request.DryRun)
        {
            Model = model,
            Namespace = ns,
        };
        return true;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$", RegexOptions.CultureInvariant)]
    private static partial Regex Iso8601Start();
}
