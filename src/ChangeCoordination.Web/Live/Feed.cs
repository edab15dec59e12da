namespace ChangeCoordination.Web.Live;

/// <summary>
/// An in-process fan-out: every subscriber is told of every publication, and one failing subscriber does not stop
/// the others. A subscription is an <see cref="IDisposable"/>: components dispose it with themselves.
/// </summary>
public abstract partial class Feed<T>(ILogger logger)
{
    private readonly Lock gate = new();
    private Func<T, Task>[] subscribers = [];

    public int SubscriberCount => Volatile.Read(ref subscribers).Length;

    public IDisposable Subscribe(Func<T, Task> onPublished)
    {
        lock (gate)
        {
            subscribers = [.. subscribers, onPublished];
        }

        return new Subscription(this, onPublished);
    }

    protected void PublishToAll(T item)
    {
        foreach (var subscriber in Volatile.Read(ref subscribers))
        {
            _ = Deliver(subscriber, item);
        }
    }

    private async Task Deliver(Func<T, Task> subscriber, T item)
    {
        try
        {
            await subscriber(item);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogSubscriberFailed(logger, exception, GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A {Feed} subscriber failed; the others were still told.")]
    private static partial void LogSubscriberFailed(ILogger logger, Exception exception, string feed);

    private void Unsubscribe(Func<T, Task> onPublished)
    {
        lock (gate)
        {
            subscribers = [.. subscribers.Where(s => s != onPublished)];
        }
    }

    private sealed class Subscription(Feed<T> feed, Func<T, Task> handler) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                feed.Unsubscribe(handler);
            }
        }
    }
}
