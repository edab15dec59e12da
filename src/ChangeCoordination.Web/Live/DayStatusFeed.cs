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

/// <summary>The dates whose support plan changed (created, assigned, acknowledged, stood down), on any server.</summary>
public sealed class SupportPlanFeed(ILogger<SupportPlanFeed> logger, LiveBus bus) : Feed<IReadOnlyList<DateOnly>>(logger)
{
    /// <summary>This server changed the plans: its viewers and the other servers' are told.</summary>
    public void Publish(IReadOnlyList<DateOnly> dates)
    {
        if (dates.Count > 0)
        {
            PublishToAll(dates);
            bus.Announce(new LiveNews(LiveNewsKind.SupportPlans, Dates: dates));
        }
    }

    /// <summary>Another server changed the plans: this server's viewers are told.</summary>
    public void PublishHeard(IReadOnlyList<DateOnly> dates)
    {
        if (dates.Count > 0)
        {
            PublishToAll(dates);
        }
    }
}
