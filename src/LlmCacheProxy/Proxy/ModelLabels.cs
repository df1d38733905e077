namespace LlmCacheProxy.Proxy;

/// <summary>
/// The model an answer is counted under in analytics and metrics: its own name, or a fixed bucket, so rows and series
/// stay bounded in number and size whatever names callers send.
/// </summary>
internal static class ModelLabels
{
    /// <summary>A name longer than <c>Cache:MaxModelLength</c>.</summary>
    public const string Invalid = "(invalid)";

    /// <summary>Names past the cap of distinct models (<c>Analytics:MaxModelsPerHour</c>).</summary>
    public const string Other = "(other)";

    /// <summary>
    /// Answers refused for the caller's credentials (401/403): counted, never under the caller's model name, so a
    /// caller without a valid key cannot add rows.
    /// </summary>
    public const string Unauthorized = "(unauthorized)";

    /// <summary>Before any cap on the number of names: the bucket a name or a refused answer falls in, or the name.</summary>
    public static string Classify(string model, int status, int maxLength) =>
        status is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden ? Unauthorized
        : model.Length > maxLength ? Invalid
        : model;

    /// <summary>One of the fixed buckets (they never count against a cap).</summary>
    public static bool IsBucket(string label) => label is Invalid or Other or Unauthorized;
}
