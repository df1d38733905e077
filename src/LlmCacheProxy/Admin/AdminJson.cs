using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LlmCacheProxy.Admin;

/// <summary>
/// The admin API's JSON: snake_case like the entry document, unknown request fields rejected (a typo such as
/// <c>olderthan</c> must not turn a scoped invalidation into a broader one).
/// </summary>
internal static class AdminJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        WriteIndented = false,
    };

    public static JsonHttpResult<T> Ok<T>(T value) => TypedResults.Json(value, Options);

    /// <summary>400 with problem details whose <c>errors</c> name the offending field.</summary>
    public static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
