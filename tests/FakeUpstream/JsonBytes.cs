using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace FakeUpstream;

/// <summary>Builds compact UTF-8 JSON with a <see cref="Utf8JsonWriter"/>.</summary>
internal static class JsonBytes
{
    private static readonly JsonWriterOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
