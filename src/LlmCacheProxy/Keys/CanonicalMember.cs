using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace LlmCacheProxy.Keys;

/// <summary>One object property, named by its unescaped UTF-8 name, for sorting in canonical order.</summary>
/// <remarks>
/// Names are read straight from the document's buffer; only names written with JSON escapes are
/// decoded into a new array, so the common case allocates nothing.
/// </remarks>
internal readonly struct CanonicalMember
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);
    private static readonly Comparison<CanonicalMember> ByName = static (a, b) => a.Name.SequenceCompareTo(b.Name);

    private readonly byte[]? _name;
    private readonly JsonProperty _property;

    public CanonicalMember(byte[] name, JsonElement value)
    {
        _name = name;
        Value = value;
    }

    private CanonicalMember(JsonProperty property, byte[]? unescapedName)
    {
        _property = property;
        _name = unescapedName;
        Value = property.Value;
    }

    public ReadOnlySpan<byte> Name => _name ?? JsonMarshal.GetRawUtf8PropertyName(_property);

    public JsonElement Value { get; }

    /// <summary>Wraps a property; a name with a lone-surrogate escape throws <see cref="ArgumentException"/>.</summary>
    public static CanonicalMember From(JsonProperty property)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        return raw.IndexOf((byte)'\\') < 0
            ? new CanonicalMember(property, null)
            : new CanonicalMember(property, StrictUtf8.GetBytes(property.Name));
    }

    /// <summary>
    /// Copies the properties of <paramref name="obj"/> into a pooled array, sorted by UTF-8 byte order
    /// (= code point order). Give the array back with <see cref="Return"/>.
    /// </summary>
    public static CanonicalMember[] RentSorted(JsonElement obj, bool dropNulls, out int count)
    {
        var members = ArrayPool<CanonicalMember>.Shared.Rent(obj.GetPropertyCount());
        count = 0;
        try
        {
            foreach (var property in obj.EnumerateObject())
            {
                if (dropNulls && property.Value.ValueKind == JsonValueKind.Null)
                {
                    continue;
                }

                members[count++] = From(property);
            }
        }
        catch
        {
            Return(members, count);
            throw;
        }

        Sort(members.AsSpan(0, count));
        return members;
    }

    public static void Sort(Span<CanonicalMember> members) => members.Sort(ByName);

    /// <summary>Clears the used part first: a pooled array must not keep documents alive.</summary>
    public static void Return(CanonicalMember[] members, int count)
    {
        members.AsSpan(0, count).Clear();
        ArrayPool<CanonicalMember>.Shared.Return(members);
    }
}
