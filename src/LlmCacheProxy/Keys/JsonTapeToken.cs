using System.Text.Json;

namespace LlmCacheProxy.Keys;

/// <summary>One token of a <see cref="JsonTape"/>: where its bytes are in the document, not a copy.</summary>
/// <remarks>
/// A mutable struct on purpose: tokens live in one pooled array and a container's <see cref="End"/> and
/// <see cref="Count"/> are only known when the reader reaches its closing bracket.
/// </remarks>
internal struct JsonTapeToken
{
    public JsonTokenType Type;

    /// <summary>A string or property name holding at least one backslash escape.</summary>
    public bool Escaped;

    /// <summary>Offset of the value's bytes: a string's or name's content without its quotes.</summary>
    public int Start;

    /// <summary>Byte length of a scalar's value (0 for containers).</summary>
    public int Length;

    /// <summary>For a container, the index of the first token after its last descendant.</summary>
    public int End;

    /// <summary>For an object its property count, for an array its item count.</summary>
    public int Count;
}
