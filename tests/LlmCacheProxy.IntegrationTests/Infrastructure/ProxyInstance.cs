using System.ClientModel.Primitives;
using System.ClientModel;
using LlmCacheProxy.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenAI.Chat;
using OpenAI;

namespace LlmCacheProxy.IntegrationTests.Infrastructure;

/// <summary>The real proxy on Kestrel, loopback, a free port, its own settings; disposing stops it gracefully.</summary>
internal sealed class ProxyInstance : IAsyncDisposable
{
    private ProxyInstance(WebApplication app, Uri baseAddress)
    {
        App = app;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    private int _disposed;

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => App.Services;

    /// <param name="time">A test clock (FakeTimeProvider) the proxy reads instead of the system's, for tests that need time to pass.</param>
    public static async Task<ProxyInstance> StartAsync(
        Uri upstream, string sqlitePath, IDictionary<string, string?>? settings = null, TimeProvider? time = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Proxy:Upstream"] = upstream.ToString(),
            ["Cache:Sqlite:Path"] = sqlitePath,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore.DataProtection"] = "Error",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var app = LlmCacheProxyApp.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(all);
            if (time is not null)
            {
                builder.Services.AddSingleton(time);
            }
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new ProxyInstance(app, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>The official OpenAI .NET SDK pointed at the proxy; no retries so status codes pass through as they are.</summary>
    public ChatClient ChatClient(string model = "gpt-4o-mini", string apiKey = "sk-test-caller-a")
    {
        var options = new OpenAIClientOptions
        {
            Endpoint = new Uri(BaseAddress, "v1"),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = TimeSpan.FromSeconds(60),
        };
        return new ChatClient(model, new ApiKeyCredential(apiKey), options);
    }

    /// <summary>
    /// Waits until no request is inside the cache step: a client can finish reading an answer before the
    /// proxy has queued the store and told the observers that follow it.
    /// </summary>
    public async Task WaitIdleAsync()
    {
        var step = Services.GetRequiredService<LlmCacheProxy.Proxy.CacheStep>();
        await Poll.UntilAsync(() => step.Active == 0, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(5));
    }

    /// <summary>Waits until the SQLite writer has committed everything stored so far.</summary>
    public async Task FlushAsync()
    {
        await WaitIdleAsync();
        await Services.GetRequiredService<SqliteWriter>().FlushAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
