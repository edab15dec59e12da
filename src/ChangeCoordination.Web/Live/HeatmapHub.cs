using ChangeCoordination.Core.Heatmap;
using ChangeCoordination.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace ChangeCoordination.Web.Live;

/// <summary><c>/hubs/heatmap</c>: every signed-in client receives <c>DaysChanged</c> for exactly the days that moved.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class HeatmapHub : Hub
{
    public const string Path = "/hubs/heatmap";
    public const string DaysChanged = nameof(DaysChanged);
}

/// <summary>The wire shape of one moved day: enum names as strings, the date as YYYY-MM-DD.</summary>
public sealed record DayChangedMessage(string View, string Date, string Status, string ProvisionalStatus)
{
    public static DayChangedMessage From(DayStatusChange change) => new(
        change.View.ToString().ToLowerInvariant(),
        change.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        change.Status.ToString(),
        change.ProvisionalStatus.ToString());
}

/// <summary>Forwards the day-status feed to every hub client.</summary>
internal sealed class HeatmapHubBroadcaster(DayStatusFeed feed, IHubContext<HeatmapHub> hub) : IHostedService
{
    private IDisposable? subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        subscription = feed.Subscribe(changes =>
            hub.Clients.All.SendAsync(HeatmapHub.DaysChanged, changes.Select(DayChangedMessage.From).ToArray(), CancellationToken.None));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        subscription?.Dispose();
        return Task.CompletedTask;
    }
}
