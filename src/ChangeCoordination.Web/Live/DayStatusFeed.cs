using ChangeCoordination.Core.Heatmap;

namespace ChangeCoordination.Web.Live;

/// <summary>
/// The in-process fan-out of moved days: the SignalR hub and every Blazor component that shows a status
/// subscribe here. A subscription is an <see cref="IDisposable"/>: components dispose it with themselves.
/// </summary>
public sealed partial class DayStatusFeed(ILogger<DayStatusFeed> logger)
{
    private readonly Lock gate = new();
    private Func<IReadOnlyList<DayStatusChange>, Task>[] subscribers = [];

    public int SubscriberCount => Volatile.Read(ref subscribers).Length;

    public IDisposable Subscribe(Func<IReadOnlyList<DayStatusChange>, Task> onDaysChanged)
    {
        lock (gate)
        {
            subscribers = [.. subscribers, onDaysChanged];
        }

        return new Subscription(this, onDaysChanged);
    }

    public void Publish(IReadOnlyList<DayStatusChange> changes)
    {
        if (changes.Count == 0)
        {
            return;
        }

        foreach (var subscriber in Volatile.Read(ref subscribers))
        {
            _ = Deliver(subscriber, changes);
        }
    }

    private async Task Deliver(Func<IReadOnlyList<DayStatusChange>, Task> subscriber, IReadOnlyList<DayStatusChange> changes)
    {
        try
        {
            await subscriber(changes);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogSubscriberFailed(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A day-status subscriber failed; the others were still told.")]
    private static partial void LogSubscriberFailed(ILogger logger, Exception exception);

    private void Unsubscribe(Func<IReadOnlyList<DayStatusChange>, Task> onDaysChanged)
    {
        lock (gate)
        {
            subscribers = [.. subscribers.Where(s => s != onDaysChanged)];
        }
    }

    private sealed class Subscription(DayStatusFeed feed, Func<IReadOnlyList<DayStatusChange>, Task> handler) : IDisposable
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
