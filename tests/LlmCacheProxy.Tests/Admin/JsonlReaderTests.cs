using System.Text;
using LlmCacheProxy.Admin;

namespace LlmCacheProxy.Tests.Admin;

public sealed class JsonlReaderTests
{
    private static async Task<List<JsonlLine>> ReadAsync(string text, int maxLineBytes = 1024)
    {
        var lines = new List<JsonlLine>();
        await foreach (var line in new JsonlReader(new MemoryStream(Encoding.UTF8.GetBytes(text)), maxLineBytes).ReadAsync(CancellationToken.None))
        {
            lines.Add(line);
        }

        return lines;
    }

    [Fact]
    public async Task Read_CrlfBlankAndUnterminatedLines_KeepNumbersAndOffsets()
    {
        var lines = await ReadAsync("{\"a\":1}\r\n\n{\"b\":2}\n{\"c\":3}");

        Assert.Equal([1, 3, 4], lines.Select(l => l.Number));
        Assert.Equal([0L, 10L, 18L], lines.Select(l => l.Offset));
        Assert.Equal(["{\"a\":1}", "{\"b\":2}", "{\"c\":3}"], lines.Select(l => Encoding.UTF8.GetString(l.Bytes)));
    }

    [Fact]
    public async Task Read_LineOverTheBound_IsReportedTooLongAndTheNextIsRead()
    {
        var lines = await ReadAsync(new string('x', 100) + "\n{}\n", maxLineBytes: 10);

        Assert.True(lines[0].TooLong);
        Assert.Equal(1, lines[0].Number);
        Assert.Equal("{}", Encoding.UTF8.GetString(lines[1].Bytes));
    }

    [Fact]
    public async Task Read_LinesAcrossBufferBoundaries_AreWhole()
    {
        string line = "{\"t\":\"" + new string('y', 50_000) + "\"}";

        var lines = await ReadAsync(line + "\n" + line + "\n", maxLineBytes: 1 << 20);

        Assert.Equal(2, lines.Count);
        Assert.All(lines, l => Assert.Equal(line, Encoding.UTF8.GetString(l.Bytes)));
        Assert.Equal(line.Length + 1, lines[1].Offset);
    }
}
