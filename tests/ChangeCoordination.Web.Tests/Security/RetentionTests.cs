using System.Net;
using ChangeCoordination.Core;
using ChangeCoordination.Web.Data;
using ChangeCoordination.Web.Features.Notifications;
using ChangeCoordination.Web.Features.Retention;
using ChangeCoordination.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChangeCoordination.Web.Tests.Security;

/// <summary>
/// Archive and disposal on the app's fake clock. Each test has an app of its own, because each moves its clock
/// years ahead: with the hourly timers quieted, since a fake clock fires a periodic timer once per period it skips.
/// </summary>
public sealed class RetentionTests : IDisposable
{
    private readonly AppFactory app = new()
    {
        Customise = builder =>
        {
            builder.UseSetting("Retention:RunEvery", "7.00:00:00");
            builder.ConfigureTestServices(services => services.Remove(services.Single(s => s.ImplementationType == typeof(HighRiskDayNotifier))));
        },
    };

    private ChangeRetention Retention => app.Services.GetRequiredService<ChangeRetention>();

    [Fact]
    public async Task A_change_is_archived_ninety_days_after_it_ends_and_still_counts_on_its_day()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        var date = TestDates.Next();
        var change = await supplier.NotifyAsync(Bodies.Change(date, "BusinessCritical"));
        await assessor.AssessAsync(change.Reference(), change.Revision(), "HighlyLikely");
        var end = London.At(date, 12);

        app.Clock.SetUtcNow(end.AddDays(90).AddMinutes(-1));
        await Retention.RunOnceAsync(CancellationToken.None);
        Assert.Equal("Assessed", (await supplier.GetJsonAsync($"/api/v1/changes/{change.Reference()}")).Text("status"));

        app.Clock.SetUtcNow(end.AddDays(90));
        await Retention.RunOnceAsync(CancellationToken.None);

        var archived = await supplier.GetJsonAsync($"/api/v1/changes/{change.Reference()}");
        Assert.Equal("Archived", archived.Text("status"));
        Assert.Equal("Head-end system release", archived.Text("description"));
        var revisions = await supplier.GetJsonAsync($"/api/v1/changes/{change.Reference()}/revisions");
        Assert.Equal("Archived", revisions[revisions.GetArrayLength() - 1].Text("action"));
        Assert.Equal("Red", (await supplier.HeatmapDayAsync("Overall", date)).Text("status"));
        await using var db = await DbAsync();
        Assert.True(await db.AuditEvents.AnyAsync(a => a.Action == "change.archived" && a.Subject == change.Reference()));
    }

    [Fact]
    public async Task An_archived_change_cannot_be_updated_or_cancelled_and_the_archive_date_not_the_end_drives_disposal()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var date = TestDates.Next();
        var body = Bodies.Change(date);
        var change = await supplier.NotifyAsync(body);
        var reference = change.Reference();
        var end = London.At(date, 12);

        // The service was down: the change is archived 200 days after its end, not 90.
        var archivedAt = end.AddDays(200);
        app.Clock.SetUtcNow(archivedAt);
        await Retention.RunOnceAsync(CancellationToken.None);
        var archived = await supplier.GetJsonAsync($"/api/v1/changes/{reference}");
        body["description"] = "A late correction after archive";

        using (var update = await supplier.SendJsonAsync(HttpMethod.Put, $"/api/v1/changes/{reference}", body, archived.Revision()))
        {
            var problem = await update.ExpectProblemAsync(HttpStatusCode.Conflict);
            Assert.Contains("archived change cannot be updated", problem.Text("detail"), StringComparison.Ordinal);
        }

        using (var cancel = await supplier.SendJsonAsync(HttpMethod.Post, $"/api/v1/changes/{reference}/cancel", null))
        {
            await cancel.ExpectProblemAsync(HttpStatusCode.Conflict);
        }

        Assert.Equal(archived.ToString(), (await supplier.GetJsonAsync($"/api/v1/changes/{reference}")).ToString());

        app.Clock.SetUtcNow(end.AddDays(90).AddYears(7).AddDays(1));
        await Retention.RunOnceAsync(CancellationToken.None);
        Assert.Equal("Archived", (await supplier.GetJsonAsync($"/api/v1/changes/{reference}")).Text("status"));

        app.Clock.SetUtcNow(archivedAt.AddYears(7));
        await Retention.RunOnceAsync(CancellationToken.None);
        using var gone = await supplier.GetAsync(new Uri($"/api/v1/changes/{reference}", UriKind.Relative));
        await gone.ExpectProblemAsync(HttpStatusCode.Gone);
    }

    [Fact]
    public async Task Disposal_deletes_the_change_its_revisions_review_and_notifications_and_leaves_a_tombstone_of_reference_and_date()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        var date = TestDates.Next();
        var change = await supplier.NotifyAsync(Bodies.Change(date, "BusinessCritical"));
        var reference = change.Reference();
        await assessor.AssessAsync(reference, change.Revision(), "HighlyLikely");
        var kept = await supplier.NotifyAsync(Bodies.Change(date.AddDays(400)));
        await using (var db = await DbAsync())
        {
            Assert.True(await db.Notifications.AnyAsync(n => n.Link == $"changes/{reference}"), "The assessment told the owners in the app.");

            // An e-mail about it still waiting, as the outbox keeps it while the mail server is away.
            db.Outbox.Add(new OutboxEmail { Recipient = DemoUsers.SupplierA, Subject = "Change Coordination", Body = $"{reference} was assessed.\n\nOpen it in Change Coordination: /changes/{reference}", CreatedAt = AppFactory.Now, NextAttemptAt = AppFactory.Now });
            await db.SaveChangesAsync();
        }

        var end = London.At(date, 12);
        app.Clock.SetUtcNow(end.AddDays(1));
        using (var reviewed = await supplier.SendJsonAsync(HttpMethod.Put, $"/api/v1/changes/{reference}/review", new { outcome = "Overran", note = "Ran an hour over." }, change.Revision() + 1))
        {
            await reviewed.ExpectAsync(HttpStatusCode.OK);
        }

        app.Clock.SetUtcNow(end.AddDays(90));
        await Retention.RunOnceAsync(CancellationToken.None);
        var disposalDue = end.AddDays(90).AddYears(7);

        app.Clock.SetUtcNow(disposalDue);
        await Retention.RunOnceAsync(CancellationToken.None);

        using (var gone = await supplier.GetAsync(new Uri($"/api/v1/changes/{reference}", UriKind.Relative)))
        {
            var problem = await gone.ExpectProblemAsync(HttpStatusCode.Gone);
            Assert.Equal(disposalDue, problem.GetProperty("disposedAt").GetDateTimeOffset());
        }

        using (var revisions = await supplier.GetAsync(new Uri($"/api/v1/changes/{reference}/revisions", UriKind.Relative)))
        {
            await revisions.ExpectProblemAsync(HttpStatusCode.Gone);
        }

        await using var after = await DbAsync();
        Assert.False(await after.Changes.AnyAsync(c => c.Reference == reference));
        Assert.Empty(await after.ChangeRevisions.Where(r => r.ChangeId == ChangeId(reference)).ToListAsync());
        Assert.Equal(0, await after.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM \"ChangeReviews\" WHERE \"ChangeId\" = {0}", ChangeId(reference)).SingleAsync());
        Assert.Empty(await after.Notifications.Where(n => n.Link == $"changes/{reference}").ToListAsync());
        Assert.Empty(await after.Outbox.Where(e => e.Body.Contains(reference)).ToListAsync());
        var tombstone = await after.DisposedChanges.SingleAsync(d => d.Reference == reference);
        Assert.Equal(disposalDue, tombstone.DisposedAt);
        Assert.True(await after.AuditEvents.AnyAsync(a => a.Action == "change.disposed" && a.Subject == reference));
        Assert.True(await after.Changes.AnyAsync(c => c.Reference == kept.Reference()));
        Assert.Equal("White", (await supplier.HeatmapDayAsync("Overall", date)).Text("status"));
    }

    [Fact]
    public async Task A_cancelled_change_is_archived_as_cancelled_and_disposed_of_in_its_turn()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var date = TestDates.Next();
        var change = await supplier.NotifyAsync(Bodies.Change(date));
        await supplier.CancelAsync(change.Reference());
        var end = London.At(date, 12);

        app.Clock.SetUtcNow(end.AddDays(90));
        await Retention.RunOnceAsync(CancellationToken.None);
        await using (var db = await DbAsync())
        {
            var archived = await db.Changes.SingleAsync(c => c.Reference == change.Reference());
            Assert.Equal(ChangeStatus.Cancelled, archived.Status);
            Assert.Equal(end.AddDays(90), archived.ArchivedAt);
        }

        app.Clock.SetUtcNow(end.AddDays(90).AddYears(7));
        await Retention.RunOnceAsync(CancellationToken.None);
        await using (var db = await DbAsync())
        {
            Assert.True(await db.DisposedChanges.AnyAsync(d => d.Reference == change.Reference()));
        }
    }

    public void Dispose() => app.Dispose();

    private static long ChangeId(string reference) => long.Parse(reference["CHG-".Length..], System.Globalization.CultureInfo.InvariantCulture);

    private Task<ChangeCoordinationDb> DbAsync() => app.Services.GetRequiredService<IDbContextFactory<ChangeCoordinationDb>>().CreateDbContextAsync();
}
