using System.Text.Json;

namespace LlmCacheProxy.Proxy;

/// <summary>Errors the proxy itself answers, in OpenAI's shape so SDKs surface them.</summary>
internal static class OpenAiError
{
    public static async Task WriteAsync(HttpContext context, int status, string message, string type, string? code)
    {
        if (context.Response.HasStarted)
        {
            context.Abort();
            return;
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("error");
            writer.WriteString("message", message);
            writer.WriteString("type", type);
            writer.WriteNull("param");
            if (code is null)
            {
                writer.WriteNull("code");
            }
            else
            {
                writer.WriteString("code", code);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        context.Response.ContentLength = stream.Length;
        await context.Response.Body.WriteAsync(stream.GetBuffer().AsMemory(0, (int)stream.Length), context.RequestAborted);
    }
}
