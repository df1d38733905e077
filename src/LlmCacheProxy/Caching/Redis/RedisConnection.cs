using StackExchange.Redis;

namespace LlmCacheProxy.Caching.Redis;

/// <summary>
/// The one multiplexer of this instance, opened by the lifecycle (the constructor does no I/O). It never refuses to
/// start and reconnects by itself (<c>abortConnect=false</c>); while it is down every call fails at once instead of
/// queuing (<see cref="BacklogPolicy.FailFast"/>), so a lookup costs no wait and the circuit opens quickly.
/// </summary>
internal sealed class RedisConnection(RedisOptions options, ILogger<RedisConnection> logger) : IAsyncDisposable
{
    private ConnectionMultiplexer? _multiplexer;

    /// <summary>Tells this instance's own messages apart on the channel, and marks the leases it holds.</summary>
    public string InstanceId { get; } = Guid.NewGuid().ToString("N")[..16];

    public bool IsConnected => _multiplexer?.IsConnected == true;

    public IDatabase Database => (_multiplexer ?? throw new InvalidOperationException("Redis was not started.")).GetDatabase();

    public ISubscriber Subscriber => (_multiplexer ?? throw new InvalidOperationException("Redis was not started.")).GetSubscriber();

    /// <summary>The connection for commands came back after a failure (what was published meanwhile is lost).</summary>
    public event Action? Restored;

    public async Task StartAsync()
    {
        if (_multiplexer is not null)
        {
            return;
        }

        var configuration = ConfigurationOptions.Parse(options.Configuration);
        configuration.AbortOnConnectFail = false;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        configuration.ClientName ??= "llmcache-proxy";
        _multiplexer = await ConnectionMultiplexer.ConnectAsync(configuration).ConfigureAwait(false);
        _multiplexer.ConnectionFailed += (_, e) => RedisLog.ConnectionFailed(logger, e.ConnectionType.ToString(), e.FailureType.ToString());
        _multiplexer.ConnectionRestored += (_, e) =>
        {
            RedisLog.ConnectionRestored(logger, e.ConnectionType.ToString());
            if (e.ConnectionType == ConnectionType.Interactive)
            {
                Restored?.Invoke();
            }
        };
        if (!_multiplexer.IsConnected)
        {
            RedisLog.NotConnectedAtStart(logger, Endpoints(options.Configuration));
        }
    }

    /// <summary>The endpoints of a connection string, for logs: never its password or other options.</summary>
    public static string Endpoints(string configuration)
    {
        try
        {
            return string.Join(", ", ConfigurationOptions.Parse(configuration).EndPoints.Select(e => e.ToString()));
        }
        catch (Exception e) when (e is ArgumentException or FormatException or NotSupportedException)
        {
            return "(unreadable)";
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_multiplexer is { } multiplexer)
        {
            _multiplexer = null;
            await multiplexer.CloseAsync(allowCommandsToComplete: false).ConfigureAwait(false);
            await multiplexer.DisposeAsync().ConfigureAwait(false);
        }
    }
}
