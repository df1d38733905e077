namespace FakeUpstream;

/// <summary>How often each endpoint was called since start or the last <see cref="Reset"/>; thread-safe.</summary>
internal sealed class CallCounters
{
    private int _chat;
    private int _responses;
    private int _embeddings;
    private int _embeddingInputs;
    private int _completions;
    private int _total;

    public int Chat => Volatile.Read(ref _chat);
    public int Responses => Volatile.Read(ref _responses);
    public int Embeddings => Volatile.Read(ref _embeddings);
    public int EmbeddingInputs => Volatile.Read(ref _embeddingInputs);
    public int Completions => Volatile.Read(ref _completions);
    public int Total => Volatile.Read(ref _total);

    public void AddChat() => Interlocked.Increment(ref _chat);
    public void AddResponses() => Interlocked.Increment(ref _responses);
    public void AddEmbeddings() => Interlocked.Increment(ref _embeddings);
    public void AddEmbeddingInputs(int count) => Interlocked.Add(ref _embeddingInputs, count);
    public void AddCompletions() => Interlocked.Increment(ref _completions);
    public void AddTotal() => Interlocked.Increment(ref _total);

    public void Reset()
    {
        Interlocked.Exchange(ref _chat, 0);
        Interlocked.Exchange(ref _responses, 0);
        Interlocked.Exchange(ref _embeddings, 0);
        Interlocked.Exchange(ref _embeddingInputs, 0);
        Interlocked.Exchange(ref _completions, 0);
        Interlocked.Exchange(ref _total, 0);
    }

    /// <summary>
    /// GET /__calls body:
    /// {"chat":N,"responses":N,"embeddings":N,"embedding_inputs":N,"completions":N,"total":N}.
    /// </summary>
    public byte[] ToJson() => JsonBytes.Write(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("chat", Chat);
        w.WriteNumber("responses", Responses);
        w.WriteNumber("embeddings", Embeddings);
        w.WriteNumber("embedding_inputs", EmbeddingInputs);
        w.WriteNumber("completions", Completions);
        w.WriteNumber("total", Total);
        w.WriteEndObject();
    });
}
