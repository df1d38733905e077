using System.Text;
using LlmCacheProxy.Caching.Redis;

namespace LlmCacheProxy.Tests.Caching.Redis;

public sealed class RedisMessageTests
{
    private static readonly DateTimeOffset At = new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero).AddTicks(1234567);

    [Fact]
    public void Serialize_EntryChanged_HasTheDocumentedForm()
    {
        var message = RedisMessage.EntryChanged("inst-a", new string('a', 64), At);

        string json = Encoding.UTF8.GetString(message.Serialize());

        Assert.Equal($"{{\"v\":1,\"from\":\"inst-a\",\"key\":\"{new string('a', 64)}\",\"created_at\":\"2026-11-21T12:00:00.1234567Z\"}}", json);
    }

    [Fact]
    public void Serialize_Deleted_HasNoCreatedAt()
    {
        var message = RedisMessage.EntryChanged("inst-a", "k", createdAt: null);

        Assert.Equal("{\"v\":1,\"from\":\"inst-a\",\"key\":\"k\"}", Encoding.UTF8.GetString(message.Serialize()));
    }

    [Fact]
    public void RoundTrip_Epochs_KeepEveryTickOfEveryScope()
    {
        var epochs = new Dictionary<string, DateTimeOffset> { ["*"] = At, ["model:gpt-4o"] = At.AddHours(1).ToOffset(TimeSpan.FromHours(2)) };

        var read = RedisMessage.Deserialize(RedisMessage.EpochsMoved("inst-b", epochs).Serialize());

        Assert.NotNull(read);
        Assert.Equal("inst-b", read.From);
        Assert.Null(read.Key);
        Assert.Equal(epochs.OrderBy(p => p.Key), read.Epochs!.OrderBy(p => p.Key));
    }

    [Fact]
    public void RoundTrip_EntryChanged_KeepsKeyAndTime()
    {
        var read = RedisMessage.Deserialize(RedisMessage.EntryChanged("inst-a", "k1", At).Serialize());

        Assert.Equal(RedisMessage.EntryChanged("inst-a", "k1", At), read);
    }

    [Theory]
    [InlineData("{\"v\":2,\"from\":\"x\",\"key\":\"k\"}")]
    [InlineData("{\"v\":1,\"key\":\"k\"}")]
    [InlineData("{\"v\":1,\"from\":\"x\"}")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    public void Deserialize_OtherVersionOrShape_IsNull(string json) =>
        Assert.Null(RedisMessage.Deserialize(Encoding.UTF8.GetBytes(json)));
}
