namespace LlmCacheProxy.IntegrationTests.Infrastructure;

/// <summary>Waits for a background effect (an export, a flush, an upload) instead of sleeping a fixed time.</summary>
internal static class Poll
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    public static Task<bool> UntilAsync(Func<bool> condition, TimeSpan? timeout = null, TimeSpan? interval = null) =>
        UntilAsync(() => Task.FromResult(condition()), timeout, interval);

    /// <summary>True once the condition holds; false if it still does not when the timeout is up.</summary>
    public static async Task<bool> UntilAsync(Func<Task<bool>> condition, TimeSpan? timeout = null, TimeSpan? interval = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(interval ?? Interval);
        }

        return await condition();
    }

    /// <summary>Polls until the condition holds; fails the test with <paramref name="what"/> when the timeout is up.</summary>
    public static async Task AssertEventuallyAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        if (!await UntilAsync(condition, timeout))
        {
            Assert.Fail("Timed out waiting for: " + what);
        }
    }

    public static Task AssertEventuallyAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        AssertEventuallyAsync(() => Task.FromResult(condition()), what, timeout);
}
