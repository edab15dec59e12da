using System.Diagnostics;
using System.Threading.Channels;
using ChangeCoordination.Web.Observability;

namespace ChangeCoordination.Web.Live;

/// <summary>
/// An in-process fan-out: every subscriber is told of every publication, in order, and one failing subscriber does
/// not stop the others. Publishing only queues: delivery runs on its own loop, never inside the writer's request.
/// A subscription is an <see cref="IDisposable"/>: components dispose it with themselves. Each publication carries the
/// trace it was published in, and its subscribers run in a span of that trace.
/// </summary>
public abstract partial class Feed<T> : IDisposable
{
    private readonly Lock gate = new();
    private readonly Channel<(T Item, ActivityContext Cause)> queue = Channel.CreateUnbounded<(T, ActivityContext)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ILogger logger;
    private Func<T, Task>[] subscribers = [];

    protected Feed(ILogger logger)
    {
        this.logger = logger;
        _ = Task.Run(PumpAsync);
    }

    public int SubscriberCount => Volatile.Read(ref subscribers).Length;

    public IDisposable Subscribe(Func<T, Task> onPublished)
    {
        lock (gate)
        {
            subscribers = [.. subscribers, onPublished];
        }

        return new Subscription(this, onPublished);
    }

    public void Dispose()
    {
        queue.Writer.TryComplete();
        GC.SuppressFinalize(this);
    }

    protected void PublishToAll(T item) => queue.Writer.TryWrite((item, Activity.Current?.Context ?? default));

    private async Task PumpAsync()
    {
        var name = GetType().Name + " delivered";
        await foreach (var (item, cause) in queue.Reader.ReadAllAsync())
        {
            // The subscribers start inside this span, so that what they do (a push, a render) joins the publisher's trace.
            using var activity = cause == default ? null : AppActivities.Source.StartActivity(name, ActivityKind.Internal, cause);
            foreach (var subscriber in Volatile.Read(ref subscribers))
            {
                _ = Deliver(subscriber, item);
            }
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
