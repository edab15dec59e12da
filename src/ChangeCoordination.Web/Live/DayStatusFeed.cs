using ChangeCoordination.Core.Heatmap;

namespace ChangeCoordination.Web.Live;

/// <summary>The days whose status moved, after each write: the SignalR hub and every status display subscribe.</summary>
public sealed class DayStatusFeed(ILogger<DayStatusFeed> logger) : Feed<IReadOnlyList<DayStatusChange>>(logger)
{
    public void Publish(IReadOnlyList<DayStatusChange> changes)
    {
        if (changes.Count > 0)
        {
            PublishToAll(changes);
        }
    }
}

/// <summary>The dates whose support plan changed (created, assigned, acknowledged, stood down).</summary>
public sealed class SupportPlanFeed(ILogger<SupportPlanFeed> logger) : Feed<IReadOnlyList<DateOnly>>(logger)
{
    public void Publish(IReadOnlyList<DateOnly> dates)
    {
        if (dates.Count > 0)
        {
            PublishToAll(dates);
        }
    }
}
