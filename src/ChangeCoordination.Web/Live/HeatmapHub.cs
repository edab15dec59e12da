using ChangeCoordination.Core.Heatmap;
using ChangeCoordination.Web.Identity;
using ChangeCoordination.Web.Observability;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace ChangeCoordination.Web.Live;

/// <summary><c>/hubs/heatmap</c>: every signed-in client receives <c>DaysChanged</c> for exactly the days that moved.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class HeatmapHub(AppMetrics metrics) : Hub
{
    public const string Path = "/hubs/heatmap";
    public const string DaysChanged = nameof(DaysChanged);

    public override Task OnConnectedAsync()
    {
        metrics.HubConnected();
        return base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        metrics.HubDisconnected();
        return base.OnDisconnectedAsync(exception);
    }
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
internal sealed class HeatmapHubBroadcaster(DayStatusFeed feed, IHubContext<HeatmapHub> hub, AppMetrics metrics) : IHostedService
{
    private IDisposable? subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        subscription = feed.Subscribe(async changes =>
        {
            using var activity = AppActivities.Source.StartActivity("heatmap.push");
            activity?.SetTag("cc.days", changes.Count);
            metrics.Pushed(changes);
            await hub.Clients.All.SendAsync(HeatmapHub.DaysChanged, changes.Select(DayChangedMessage.From).ToArray(), CancellationToken.None);
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        subscription?.Dispose();
        return Task.CompletedTask;
    }
}
