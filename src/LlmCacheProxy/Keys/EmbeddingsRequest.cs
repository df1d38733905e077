namespace LlmCacheProxy.Keys;

/// <summary>A parsed <c>/v1/embeddings</c> body: what the module needs to serve, forward and merge it per item.</summary>
/// <param name="Model">Normalized model.</param>
/// <param name="Items">Every input item in input order; identical items have identical keys.</param>
/// <param name="Dimensions">The <c>dimensions</c> asked for, or null.</param>
/// <param name="EncodingFormat"><c>"float"</c> (the default) or <c>"base64"</c>; not part of any key.</param>
/// <param name="InputForm">The shape of <c>input</c>.</param>
internal sealed record EmbeddingsRequest(
    string Model,
    IReadOnlyList<EmbeddingsItem> Items,
    int? Dimensions,
    string EncodingFormat,
    EmbeddingsInputForm InputForm)
{
    public const string Float = "float";
    public const string Base64 = "base64";

    /// <summary>The input was one value (a string or one token array), not a list of items.</summary>
    public bool IsSingleInput => InputForm is EmbeddingsInputForm.Text or EmbeddingsInputForm.Tokens;
}
