using System.Diagnostics.Metrics;
using System.Globalization;
using Bunit;
using ChangeCoordination.Core;
using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Core.Heatmap;
using ChangeCoordination.Web.Components.Heatmap;
using ChangeCoordination.Web.Data;
using ChangeCoordination.Web.Features.Calendar;
using ChangeCoordination.Web.Features.Days;
using ChangeCoordination.Web.Features.Support;
using ChangeCoordination.Web.Features.Wall;
using ChangeCoordination.Web.Live;
using ChangeCoordination.Web.Observability;
using ChangeCoordination.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChangeCoordination.Web.Tests.Components;

/// <summary>The TOC wall over the real services of an app whose database can be taken away under it.</summary>
public sealed class WallPageTests : AppPageTest
{
    // SQLite: the file's folder disappears under the app; PostgreSQL: its database is dropped under it.
    private readonly string? folder;

    public WallPageTests()
        : this(TestDatabase.IsPostgreSql ? null : Directory.CreateTempSubdirectory("cc-wall-").FullName)
    {
    }

    private WallPageTests(string? folder)
        : base(AppIn(folder), typeof(DayReader), typeof(HighRiskDays), typeof(RiskLedger), typeof(SupportPlanFeed), typeof(LiveBus), typeof(AppMetrics), typeof(HeatmapCells), typeof(DayStatusFeed), typeof(RuleBook))
    {
        this.folder = folder;
        SignInStaff(DemoUsers.Wall, "WallDisplay", "TOC wall display");
    }

    [Fact]
    public void When_the_database_stops_answering_the_wall_says_since_when_it_is_not_up_to_date_and_keeps_ticking()
    {
        var opened = LondonTime.ToLondon(AppFactory.Now);
        string Time(DateTimeOffset london, string format) => london.ToString(format, CultureInfo.InvariantCulture);
        var wall = Render<WallPage>();
        var bar = () => wall.Find("#live-bar");
        wall.WaitForAssertion(() => Assert.Equal(Time(opened, "HH:mm:ss"), bar().GetAttribute("data-last-update")));
        Assert.Null(bar().GetAttribute("data-not-live"));

        TakeTheDatabaseAway();
        PageClock.Advance(TimeSpan.FromMinutes(1));

        wall.WaitForAssertion(() => Assert.Equal(
            $"Not up to date since {Time(opened, "HH:mm")}: the database did not answer; trying again every minute",
            bar().GetAttribute("data-not-live")));
        Assert.Equal(Time(opened, "HH:mm:ss"), bar().GetAttribute("data-last-update"));
        Assert.Contains("not-live", bar().ClassList);

        // The tick goes on: the next minute tries again (and finds the database still gone).
        PageClock.Advance(TimeSpan.FromMinutes(1));
        wall.WaitForAssertion(() => Assert.Equal(Time(opened.AddMinutes(2), "HH:mm"), wall.Find("#wall-clock").TextContent));
        Assert.StartsWith($"Not up to date since {Time(opened, "HH:mm")}", bar().GetAttribute("data-not-live"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_manager_who_opens_the_wall_is_audited_reading_a_change_in_progress_once_not_on_every_tick()
    {
        var change = await (await App.ClientForAsync(DemoUsers.SupplierA)).NotifyAsync(Bodies.Change(TestDates.Next()));
        await using (var db = await App.Services.GetRequiredService<IDbContextFactory<ChangeCoordinationDb>>().CreateDbContextAsync())
        {
            await db.Changes.Where(c => c.Reference == change.Reference())
                .ExecuteUpdateAsync(c => c.SetProperty(x => x.Start, AppFactory.Now.AddHours(-1)).SetProperty(x => x.End, AppFactory.Now.AddHours(3)));
        }

        SignInStaff(DemoUsers.Manager, "DccManager", "Maya Singh", detailAccess: true);
        var wall = Render<WallPage>();
        wall.WaitForAssertion(() => Assert.Equal("1", wall.Find("[data-testid=in-progress-count]").TextContent));

        foreach (var minutes in new[] { 1, 2 })
        {
            PageClock.Advance(TimeSpan.FromMinutes(1));
            var at = LondonTime.ToLondon(AppFactory.Now.AddMinutes(minutes)).ToString("HH:mm", CultureInfo.InvariantCulture);
            wall.WaitForAssertion(() => Assert.Equal(at, wall.Find("#wall-clock").TextContent));
        }

        var manager = await App.ClientForAsync(DemoUsers.Manager);
        var reads = (await manager.GetJsonAsync($"/api/v1/audit?action=change.read&subject={change.Reference()}")).GetProperty("events");
        Assert.Equal(1, reads.GetArrayLength());
    }

    [Fact]
    public void A_push_that_leaves_today_alone_is_shown_from_the_servers_live_state_with_no_read_of_the_database()
    {
        var wall = Render<WallPage>();
        var opened = LondonTime.ToLondon(AppFactory.Now).ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        wall.WaitForAssertion(() => Assert.Equal(opened, wall.Find("#live-bar").GetAttribute("data-last-update")));
        var red = LondonTime.DateOf(AppFactory.Now).AddDays(5);
        var start = LondonTime.At(red, new TimeOnly(20, 0));

        // With the database gone, a wall that read it on a push would say it is not up to date and show no new red day.
        TakeTheDatabaseAway();
        App.Services.GetRequiredService<RiskLedger>().Hear(new Change
        {
            Id = 990_001,
            Reference = "CHG-990001",
            Type = ChangeType.BusinessCritical,
            Start = start,
            End = start.AddHours(3),
            Probability = Probability.HighlyLikely,
            Status = ChangeStatus.Assessed,
            Revision = 1,
        });

        wall.WaitForAssertion(() => Assert.Contains("Support plan: being created", wall.Find($"tr[data-date='{red:yyyy-MM-dd}']").TextContent, StringComparison.Ordinal));
        Assert.Null(wall.Find("#live-bar").GetAttribute("data-not-live"));
    }

    [Fact]
    public async Task A_burst_of_fifty_pushes_costs_the_wall_a_few_reloads_not_one_each()
    {
        var wall = Render<WallPage>();
        wall.WaitForAssertion(() => Assert.NotNull(wall.Find("#live-bar").GetAttribute("data-last-update")));
        var heatmap = wall.FindComponent<CalendarHeatmap>();
        var today = LondonTime.DateOf(AppFactory.Now);
        var heatmapRenders = heatmap.RenderCount;
        using var wallReloads = new RenderCounter(App.Services.GetRequiredService<IMeterFactory>(), "wall");

        var feed = App.Services.GetRequiredService<DayStatusFeed>();
        for (var i = 0; i < 50; i++)
        {
            feed.Publish([new DayStatusChange(HeatmapView.Overall, today.AddDays(i % 40), RiskStatus.Green, RiskStatus.Green)]);
        }

        // The heatmap repaints for each push; the wall has reloaded after the last of them once the spacing has passed.
        heatmap.WaitForAssertion(() => Assert.True(heatmap.RenderCount >= heatmapRenders + 50, $"{heatmap.RenderCount - heatmapRenders} of 50 pushes painted"));
        await Task.Delay(PushCoalescer.Spacing * 4);
        Assert.InRange(wallReloads.Count, 1, 10);
    }

    protected override Task DisposedAsync()
    {
        App.Dispose();
        if (folder is not null && Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        return Task.CompletedTask;
    }

    private static AppFactory AppIn(string? folder) => new()
    {
        Customise = folder is null ? null : b => b.UseSetting("ConnectionStrings:ChangeCoordination", $"Data Source={Path.Combine(folder, "change-coordination.db")}"),
    };

    private void TakeTheDatabaseAway()
    {
        if (folder is null)
        {
            App.Database.Drop();
        }
        else
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Counts one app's <c>cc.live.renders</c> of one screen (other apps of the run have meters of their own).</summary>
    private sealed class RenderCounter : IDisposable
    {
        private readonly MeterListener listener = new();
        private long count;

        public RenderCounter(IMeterFactory app, string screen)
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name == "cc.live.renders" && ReferenceEquals(instrument.Meter.Scope, app))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "screen" && (string?)tag.Value == screen)
                    {
                        Interlocked.Add(ref count, value);
                    }
                }
            });
            listener.Start();
        }

        public long Count => Interlocked.Read(ref count);

        public void Dispose() => listener.Dispose();
    }
}
