using System.Text.Json;
using ChangeCoordination.Core;
using ChangeCoordination.Core.Heatmap;
using ChangeCoordination.Web.Live;
using ChangeCoordination.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChangeCoordination.Web.Tests.Api;

/// <summary>A version taking force moves the clock of the whole app, so it has a database and a clock of its own.</summary>
public sealed class MethodologyTakesForceTests(CalendarAppFactory app) : IClassFixture<CalendarAppFactory>
{
    [Fact]
    public async Task An_approved_version_takes_force_by_itself_at_London_midnight_and_pushes_the_days_it_moves()
    {
        var owner = await app.ClientForAsync(DemoUsers.Owner);
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        var effective = new DateOnly(2027, 1, 4);
        var before = effective.AddDays(-2);
        var after = effective.AddDays(7);
        var references = new List<string>();
        foreach (var date in new[] { before, after })
        {
            var change = await supplier.NotifyAsync(Bodies.Change(date, hours: 7, startHour: 1));
            await assessor.AssessAsync(change.Reference(), 1, "HighlyLikely");
            references.Add(change.Reference());
        }

        var approved = await owner.ApprovedAsync(effective, v => v["largeAboveHours"] = 8);
        Assert.Equal("Red", (await owner.HeatmapDayAsync("overall", after)).Text("status"));
        var pushed = new TaskCompletionSource<IReadOnlyList<DayStatusChange>>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = app.Services.GetRequiredService<DayStatusFeed>().Subscribe(changes =>
        {
            // The feed delivers on its own loop: the writes' own moves (Green, then Red) may still be on their way.
            if (changes.Any(c => c.Status == RiskStatus.Amber))
            {
                pushed.TrySetResult(changes);
            }

            return Task.CompletedTask;
        });

        app.Clock.SetUtcNow(new DateTimeOffset(2027, 1, 3, 23, 59, 0, TimeSpan.Zero));
        Assert.Equal("1.0", (await owner.GetJsonAsync("/api/v1/methodology")).Text("version"));
        app.Clock.SetUtcNow(new DateTimeOffset(2027, 1, 4, 0, 0, 0, TimeSpan.Zero));

        var moved = await pushed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Contains(new DayStatusChange(HeatmapView.Overall, after, RiskStatus.Amber, RiskStatus.Amber), moved);
        Assert.DoesNotContain(moved, d => d.Date < effective);
        Assert.Equal("Amber", (await owner.HeatmapDayAsync("overall", after)).Text("status"));
        Assert.Equal("Red", (await owner.HeatmapDayAsync("overall", before)).Text("status"));
        var inForce = await owner.GetJsonAsync("/api/v1/methodology");
        Assert.Equal(approved.Text("version"), inForce.Text("version"));
        Assert.Equal(8, inForce.GetProperty("largeAboveHours").GetDouble());
        Assert.Equal("2027-01-04", inForce.Text("effectiveFrom"));
        var versions = await owner.GetJsonAsync("/api/v1/methodology/versions");
        Assert.Equal([approved.Text("version")], versions.EnumerateArray().Where(v => v.GetProperty("inForce").GetBoolean()).Select(v => v.Text("version")));
        var late = await supplier.NotifyAsync(Bodies.Change(after.AddDays(1), hours: 7, startHour: 1));
        Assert.Equal("Medium", late.Text("complexity"));
        var earlier = await supplier.GetJsonAsync($"/api/v1/changes/{references[0]}");
        Assert.Equal(("Large", "Red"), (earlier.Text("complexity"), earlier.Text("risk")));
        var later = await supplier.GetJsonAsync($"/api/v1/changes/{references[1]}");
        Assert.Equal(("Medium", "Amber"), (later.Text("complexity"), later.Text("risk")));
    }
}
