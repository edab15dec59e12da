namespace ChangeCoordination.Web.Tests.Infrastructure;

/// <summary>Waiting for what happens after a write (a live push, another server catching up), bounded.</summary>
public static class Eventually
{
    /// <summary>Reads until <paramref name="done"/> holds, failing with <paramref name="what"/> and the last value after <paramref name="within"/>.</summary>
    public static async Task<T> ReadAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        var value = await read();
        while (!done(value))
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}; last seen: {value}.");
            await Task.Delay(25);
            value = await read();
        }

        return value;
    }
}
