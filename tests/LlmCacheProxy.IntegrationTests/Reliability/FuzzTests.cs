using System.Net.Http.Headers;
using System.Text;
using LlmCacheProxy.IntegrationTests.Infrastructure;
using LlmCacheProxy.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace LlmCacheProxy.IntegrationTests.Reliability;

public sealed partial class FuzzTests
{
    private const int Count = 10_000;

    [Fact]
    public async Task TenThousandHostileBodies_NeverCrash_NeverStored_AnsweredCleanly()
    {
        await using var ctx = await ProxyTestContext.StartAsync();
        long memoryBefore = GC.GetTotalMemory(forceFullCollection: true);
        var random = new Random(7);
        var cases = Enumerable.Range(0, Count).Select(i => Generate(i, random)).ToArray();
        int bad = 0;
        var badKinds = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        string? firstBad = null;

        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (c, ct) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions");
            request.Content = new ByteArrayContent(c.Body);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(c.ContentType);
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer sk-fuzz");
            request.Headers.TryAddWithoutValidation("Cache-Control", c.CacheControl);
            using var response = await ctx.Proxy.Http.SendAsync(request, ct);
            string text = await response.Content.ReadAsStringAsync(ct);
            int status = (int)response.StatusCode;
            // Clean = a clear 4xx in OpenAI's error shape from the proxy, or upstream's own answer passed through
            // untouched (BYPASS: the proxy built no key, so nothing can be stored). Never a MISS or HIT.
            bool bypassed = response.Headers.TryGetValues("X-Cache", out var cache) && cache.Single() == "BYPASS";
            bool clean = bypassed || status == 413 ||
                status is >= 400 and < 500 && text.Contains("\"error\"", StringComparison.Ordinal) && !response.Headers.Contains("X-Cache");
            if (!clean)
            {
                badKinds.AddOrUpdate($"{c.Kind}:{status}:{(response.Headers.TryGetValues("X-Cache", out var xc) ? xc.Single() : "-")}", 1, (_, n) => n + 1);
            }

            if (!clean && Interlocked.Increment(ref bad) == 1)
            {
                firstBad = $"{c.Kind}: {status} {text[..Math.Min(200, text.Length)]}";
            }
        });

        Assert.True(bad == 0, $"{bad} answers were not a clean 4xx error ({string.Join(", ", badKinds.Select(p => $"{p.Key}={p.Value}"))}); first: {firstBad}");
        await ctx.Proxy.FlushAsync();
        Assert.Equal(0, ctx.Proxy.Services.GetRequiredService<SqliteDatabase>().EntryCount);
        Assert.True((await ctx.Proxy.Http.SendAsync(ChatRequests.Body("still alive"))).IsSuccessStatusCode);
        long memoryAfter = GC.GetTotalMemory(forceFullCollection: true);
        Assert.True(memoryAfter - memoryBefore < 256L * 1024 * 1024, $"managed heap grew by {(memoryAfter - memoryBefore) >> 20} MiB");
    }

    private sealed record FuzzCase(string Kind, byte[] Body, string ContentType, string CacheControl);

    private static readonly string[] CacheControls =
        ["", "no-store", "max-age=abc", "max-age=-1", "max-age=99999999999999999999", "max-age=1 max-age=2", ",,,;;=", "no-cache, no-cache", "s-maxage"];

    private static readonly string[] WrongValues =
        ["1", "-1", "1e309", "-1e309", "123456789012345678901234567890", "true", "null", "{}", "[[[[1]]]]"]; // "[]" is left out: an empty messages array is a valid request

    private static FuzzCase Generate(int i, Random random)
    {
        string cc = CacheControls[i % CacheControls.Length];
        string valid = ChatRequests.Body($"fuzz {i}");
        switch (i % 8)
        {
            case 0: // truncated JSON: a strict prefix of a valid object is never valid
                return new("truncated", Encoding.UTF8.GetBytes(valid[..random.Next(0, valid.Length - 1)]), "application/json", cc);
            case 1: // wrong type for model / messages / role
                string[] shapes =
                [
                    "{\"model\":" + WrongValues[random.Next(WrongValues.Length)] + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                    "{\"model\":\"gpt-4o-mini\",\"messages\":" + WrongValues[random.Next(WrongValues.Length)] + "}",
                    "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":" + WrongValues[random.Next(WrongValues.Length)] + ",\"content\":\"hi\"}]}",
                ];
                string shape = shapes[random.Next(shapes.Length)];
                return new("wrong-type", Encoding.UTF8.GetBytes(shape), "application/json", cc);
            case 2: // deep nesting
                int depth = random.Next(65, 5000);
                string deep = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"extra\":" +
                    new string('[', depth) + new string(']', depth) + "}";
                return new("deep", Encoding.UTF8.GetBytes(deep), "application/json", cc);
            case 3: // invalid UTF-8 inside a string
                var bytes = Encoding.UTF8.GetBytes(valid).ToList();
                int at = valid.IndexOf("fuzz", StringComparison.Ordinal);
                bytes.InsertRange(at, new byte[] { 0xC3, 0x28, 0xFF, 0xFE });
                return new("utf8", bytes.ToArray(), "application/json", cc);
            case 4: // duplicate keys
                return new("duplicate", Encoding.UTF8.GetBytes(
                    "{\"model\":\"gpt-4o-mini\",\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"dup " + i + "\"}]}"),
                    "application/json", cc);
            case 5: // huge numbers
                return new("huge-number", Encoding.UTF8.GetBytes(
                    "{\"model\":\"gpt-4o-mini\",\"temperature\":1e400,\"messages\":[{\"role\":\"user\",\"content\":\"n " + i + "\"}]}"),
                    "application/json", cc);
            case 6: // empty body, wrong content types
                string[] types = ["text/plain", "application/x-www-form-urlencoded", "application/octet-stream", "application/json"];
                return new("empty", [], types[random.Next(types.Length)], cc);
            default: // a few 10 MB strings (over the 8 MB request limit), else random bytes
                if (i % 2000 == 7)
                {
                    return new("10mb", Encoding.UTF8.GetBytes("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"" +
                        new string('a', 10 * 1024 * 1024) + "\"}]}"), "application/json", cc);
                }

                var noise = new byte[random.Next(1, 2048)];
                random.NextBytes(noise);
                noise[0] = (byte)'{';
                return new("noise", noise, "application/json", cc);
        }
    }
}
