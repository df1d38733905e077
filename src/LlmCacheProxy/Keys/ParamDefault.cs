using System.Text.Json;

namespace LlmCacheProxy.Keys;

/// <summary>A top-level field's default, filled in when the body leaves it out so that absent and default share a key.</summary>
/// <param name="Name">The field name as UTF-8.</param>
/// <param name="Value">The default, already in canonical form.</param>
internal readonly record struct ParamDefault(byte[] Name, JsonElement Value)
{
    public static ParamDefault Of(string name, string canonicalJson) =>
        new(System.Text.Encoding.UTF8.GetBytes(name), JsonElement.Parse(canonicalJson));
}
