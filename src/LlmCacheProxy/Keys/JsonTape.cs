using System.Buffers;
using System.Text.Json;

namespace LlmCacheProxy.Keys;

/// <summary>
/// A JSON document as a flat list of token offsets, read in one <see cref="Utf8JsonReader"/> pass: what the
/// key builder's fast path walks instead of a <see cref="JsonDocument"/> (no DOM, no strings, pooled arrays).
/// </summary>
/// <remarks>
/// End tokens are not stored: a container knows where its subtree ends, so a value is skipped in O(1).
/// Property names are kept as raw bytes and compared bytewise, so a name written with escapes is not read
/// here at all (the slow path handles it); that keeps "sorted by UTF-8 bytes" and the duplicate check exact.
/// </remarks>
internal sealed class JsonTape : IDisposable
{
    // JsonDocument's limit under the slow path's options: deeper documents are not cacheable either way.
    private const int MaxDepth = 64;
    private const int InsertionSortLimit = 16;

    private readonly ReadOnlyMemory<byte> _json;
    private JsonTapeToken[] _tokens;
    private int[] _members = [];
    private int _count;
    private int _membersUsed;

    private JsonTape(ReadOnlyMemory<byte> json)
    {
        _json = json;
        _tokens = ArrayPool<JsonTapeToken>.Shared.Rent(Math.Max(16, json.Length / 16));
    }

    public ref readonly JsonTapeToken this[int index] => ref _tokens[index];

    /// <summary>Reads the document; null when it is not valid JSON or a property name has escapes.</summary>
    public static JsonTape? TryRead(ReadOnlyMemory<byte> json)
    {
        var tape = new JsonTape(json);
        if (tape.TryReadAll())
        {
            tape._members = ArrayPool<int>.Shared.Rent(tape._count);
            return tape;
        }

        tape.Dispose();
        return null;
    }

    /// <summary>A scalar's bytes as they are in the document (a string's still escaped, without quotes).</summary>
    public ReadOnlySpan<byte> Raw(int index) => _json.Span.Slice(_tokens[index].Start, _tokens[index].Length);

    /// <summary>A string token with its quotes, for <see cref="Utf8JsonReader"/> to unescape.</summary>
    public ReadOnlySpan<byte> QuotedString(int index) =>
        _json.Span.Slice(_tokens[index].Start - 1, _tokens[index].Length + 2);

    /// <summary>The index after the value at <paramref name="index"/> and everything inside it.</summary>
    public int Skip(int index) =>
        _tokens[index].Type is JsonTokenType.StartObject or JsonTokenType.StartArray ? _tokens[index].End : index + 1;

    /// <summary>
    /// The name-token indices of an object's properties, sorted by UTF-8 bytes (= code point order); each
    /// value is the token after its name. False on a duplicate name, which makes the body uncacheable.
    /// Nested objects stack their lists: give each back with <see cref="PopMembers"/>, innermost first.
    /// </summary>
    public bool TryPushSortedMembers(int obj, out Span<int> members)
    {
        var count = _tokens[obj].Count;
        members = _members.AsSpan(_membersUsed, count);
        _membersUsed += count;
        var token = obj + 1;
        for (var i = 0; i < count; i++)
        {
            members[i] = token;
            token = Skip(token + 1);
        }

        Sort(members, new NameOrder(this));
        for (var i = 1; i < count; i++)
        {
            if (Raw(members[i - 1]).SequenceEqual(Raw(members[i])))
            {
                return false;
            }
        }

        return true;
    }

    public void PopMembers(Span<int> members) => _membersUsed -= members.Length;

    public void Dispose()
    {
        if (_tokens.Length > 0)
        {
            ArrayPool<JsonTapeToken>.Shared.Return(_tokens);
        }

        if (_members.Length > 0)
        {
            ArrayPool<int>.Shared.Return(_members);
        }

        _tokens = [];
        _members = [];
    }

    private bool TryReadAll()
    {
        var reader = new Utf8JsonReader(_json.Span, new JsonReaderOptions { MaxDepth = MaxDepth });
        Span<int> open = stackalloc int[MaxDepth + 1];
        var depth = 0;
        try
        {
            while (reader.Read())
            {
                var type = reader.TokenType;
                if (type is JsonTokenType.EndObject or JsonTokenType.EndArray)
                {
                    _tokens[open[--depth]].End = _count;
                    continue;
                }

                if (type == JsonTokenType.PropertyName && reader.ValueIsEscaped)
                {
                    return false;
                }

                // An object counts its names, an array its values; a property's value is not counted again.
                if (depth > 0 && (type == JsonTokenType.PropertyName
                    || _tokens[open[depth - 1]].Type == JsonTokenType.StartArray))
                {
                    _tokens[open[depth - 1]].Count++;
                }

                var quoted = type is JsonTokenType.String or JsonTokenType.PropertyName;
                Add(new JsonTapeToken
                {
                    Type = type,
                    Escaped = quoted && reader.ValueIsEscaped,
                    Start = (int)reader.TokenStartIndex + (quoted ? 1 : 0),
                    Length = type is JsonTokenType.StartObject or JsonTokenType.StartArray ? 0 : reader.ValueSpan.Length,
                });
                if (type is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    open[depth++] = _count - 1;
                }
            }
        }
        catch (JsonException)
        {
            return false;
        }

        return _count > 0;
    }

    private void Add(in JsonTapeToken token)
    {
        if (_count == _tokens.Length)
        {
            var larger = ArrayPool<JsonTapeToken>.Shared.Rent(_tokens.Length * 2);
            _tokens.AsSpan(0, _count).CopyTo(larger);
            ArrayPool<JsonTapeToken>.Shared.Return(_tokens);
            _tokens = larger;
        }

        _tokens[_count++] = token;
    }

    /// <summary>
    /// Sorts token indices. Objects have a handful of members: an insertion sort orders them without the
    /// boxed comparer and delegate that Span.Sort allocates; large objects (a logit_bias) still get n log n.
    /// </summary>
    public static void Sort<TComparer>(Span<int> items, TComparer comparer)
        where TComparer : struct, IComparer<int>
    {
        if (items.Length > InsertionSortLimit)
        {
            items.Sort(comparer);
            return;
        }

        for (var i = 1; i < items.Length; i++)
        {
            var item = items[i];
            var j = i - 1;
            while (j >= 0 && comparer.Compare(items[j], item) > 0)
            {
                items[j + 1] = items[j];
                j--;
            }

            items[j + 1] = item;
        }
    }

    private readonly struct NameOrder(JsonTape tape) : IComparer<int>
    {
        public int Compare(int x, int y) => tape.Raw(x).SequenceCompareTo(tape.Raw(y));
    }
}
