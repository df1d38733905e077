namespace LlmCacheProxy.Keys;

/// <summary>Which of the four shapes an embeddings <c>input</c> had.</summary>
internal enum EmbeddingsInputForm
{
    /// <summary><c>"input": "text"</c>: one item.</summary>
    Text,

    /// <summary><c>"input": ["a", "b"]</c>: one item per string.</summary>
    Texts,

    /// <summary><c>"input": [1, 2, 3]</c>: one item, the token array.</summary>
    Tokens,

    /// <summary><c>"input": [[1, 2], [3]]</c>: one item per token array.</summary>
    TokenArrays,
}
