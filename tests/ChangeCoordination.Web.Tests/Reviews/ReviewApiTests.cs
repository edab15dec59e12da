using System.Net;
using System.Text.Json;
using ChangeCoordination.Web.Data;
using ChangeCoordination.Web.Features.Reviews;
using ChangeCoordination.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChangeCoordination.Web.Tests.Reviews;

public sealed class ReviewApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Note = "Firewall rule pushed late: the vendor's script hung for forty minutes.";

    [Fact]
    public async Task A_review_after_the_window_answers_200_with_a_new_revision_that_the_history_shows()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var change = await EndedChangeAsync(supplier);
        var now = app.Clock.GetUtcNow();

        using var response = await supplier.SendJsonAsync(HttpMethod.Put, ReviewUrl(change), Body("Overran", now.AddHours(-5), now.AddHours(-1), Note), change.Revision());

        var reviewed = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(change.Revision() + 1, reviewed.Revision());
        Assert.Equal($"\"{change.Revision() + 1}\"", response.Headers.ETag?.Tag);
        var review = reviewed.GetProperty("review");
        Assert.Equal("Overran", review.Text("outcome"));
        Assert.Equal(now.AddHours(-5), review.GetProperty("actualStart").GetDateTimeOffset());
        Assert.Equal(now.AddHours(-1), review.GetProperty("actualEnd").GetDateTimeOffset());
        Assert.Equal(Note, review.Text("note"));
        Assert.Equal(DemoUsers.SupplierA, review.Text("reviewedBy"));
        var history = await supplier.GetJsonAsync($"/api/v1/changes/{change.Reference()}/revisions");
        var last = history.EnumerateArray().Last();
        Assert.Equal("Reviewed", last.Text("action"));
        Assert.Equal("Overran", last.GetProperty("change").GetProperty("review").Text("outcome"));
    }

    [Fact]
    public async Task A_review_may_be_corrected_with_the_new_revision()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var change = await EndedChangeAsync(supplier);
        var first = await (await supplier.SendJsonAsync(HttpMethod.Put, ReviewUrl(change), Body("AsPlanned"), change.Revision())).ExpectAsync(HttpStatusCode.OK);

        using var response = await supplier.SendJsonAsync(HttpMethod.Put, ReviewUrl(change), Body("RolledBack", note: "Rolled back at 02:10."), first.Revision());

        var corrected = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("RolledBack", corrected.GetProperty("review").Text("outcome"));
        Assert.Equal("Rolled back at 02:10.", corrected.GetProperty("review").Text("note"));
        Assert.Equal(first.Revision() + 1, corrected.Revision());
    }

    [Fact]
    public async Task A_review_before_the_window_has_ended_answers_409_and_changes_nothing()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var change = await supplier.NotifyAsync(Bodies.Change(TestDates.Next()));

        using var response = await supplier.SendJsonAsync(HttpMethod.Put, ReviewUrl(change), Body("AsPlanned"), change.Revision());

        var problem = await response.ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("not ended", problem.Text("detail"), StringComparison.Ordinal);
        var read = await supplier.GetJsonAsync($"/api/v1/changes/{change.Reference()}");
        Assert.Equal(change.Revision(), read.Revision());
        Assert.Equal(JsonValueKind.Null, read.GetProperty("review").ValueKind);
    }

    [Fact]
    public async Task A_cancelled_change_cannot_be_reviewed()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var change = await EndedChangeAsync(supplier, cancelled: true);

        using var response = await supplier.SendJsonAsync(HttpMethod.Put, ReviewUrl(change), Body("NotStarted"), change.Revision());

        await response.ExpectProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_stale_If_Match_answers_412_and_a_missing_one_428()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var change = await EndedChangeAsync(supplier);

        using var stale = await supplier.SendJsonAsync(HttpMethod.Put, ReviewUrl(change), Body("AsPlanned"), change.Revision() - 1);
        using var missing = await supplier.SendJsonAsync(HttpMethod.Put, ReviewUrl(change), Body("AsPlanned"));

        await stale.ExpectProblemAsync(HttpStatusCode.PreconditionFailed);
        await missing.ExpectProblemAsync((HttpStatusCode)428);
        Assert.Equal(JsonValueKind.Null, (await supplier.GetJsonAsync($"/api/v1/changes/{change.Reference()}")).GetProperty("review").ValueKind);
    }

    [Fact]
    public async Task Another_organisation_gets_404_and_DCC_staff_cannot_write_a_review()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var change = await EndedChangeAsync(supplier);

        using var other = await (await app.ClientForAsync(DemoUsers.SupplierB)).SendJsonAsync(HttpMethod.Put, ReviewUrl(change), Body("AsPlanned"), change.Revision());
        using var staff = await (await app.ClientForAsync(DemoUsers.Manager)).SendJsonAsync(HttpMethod.Put, ReviewUrl(change), Body("AsPlanned"), change.Revision());

        await other.ExpectProblemAsync(HttpStatusCode.NotFound);
        await staff.ExpectProblemAsync(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("Finished", null, null, null, "outcome")]
    [InlineData(null, null, null, null, "outcome")]
    [InlineData("Overran", "yesterday", null, null, "actualStart")]
    [InlineData("Overran", "-3", "-4", null, "actualEnd")]
    [InlineData("Overran", "-3", "+2", null, "actualEnd")]
    [InlineData("NotStarted", "-3", null, null, "actualStart")]
    [InlineData("AsPlanned", null, null, 2001, "note")]
    public async Task A_bad_field_answers_400_naming_the_field_and_records_nothing(string? outcome, string? start, string? end, int? noteLength, string field)
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var change = await EndedChangeAsync(supplier);
        var body = new Dictionary<string, object?>
        {
            ["outcome"] = outcome,
            ["actualStart"] = Hours(start),
            ["actualEnd"] = Hours(end),
            ["note"] = noteLength is { } length ? new string('x', length) : null,
        };

        using var response = await supplier.SendJsonAsync(HttpMethod.Put, ReviewUrl(change), body, change.Revision());

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, field);
        Assert.Equal(change.Revision(), (await supplier.GetJsonAsync($"/api/v1/changes/{change.Reference()}")).Revision());
    }

    [Fact]
    public async Task Awaiting_review_lists_exactly_the_organisations_ended_unreviewed_changes_and_all_of_them_for_staff()
    {
        var supplierA = await app.ClientForAsync(DemoUsers.SupplierA);
        var supplierB = await app.ClientForAsync(DemoUsers.SupplierB);
        var awaitingA = await EndedChangeAsync(supplierA);
        var reviewedA = await EndedChangeAsync(supplierA);
        await (await supplierA.SendJsonAsync(HttpMethod.Put, ReviewUrl(reviewedA), Body("AsPlanned"), reviewedA.Revision())).ExpectAsync(HttpStatusCode.OK);
        var cancelledA = await EndedChangeAsync(supplierA, cancelled: true);
        var futureA = await supplierA.NotifyAsync(Bodies.Change(TestDates.Next()));
        var awaitingB = await EndedChangeAsync(supplierB);

        var forA = References(await supplierA.GetJsonAsync("/api/v1/changes?review=awaiting"));
        var forStaff = References(await (await app.ClientForAsync(DemoUsers.Manager)).GetJsonAsync("/api/v1/changes?review=awaiting"));

        Assert.Contains(awaitingA.Reference(), forA);
        Assert.DoesNotContain(reviewedA.Reference(), forA);
        Assert.DoesNotContain(cancelledA.Reference(), forA);
        Assert.DoesNotContain(futureA.Reference(), forA);
        Assert.DoesNotContain(awaitingB.Reference(), forA);
        Assert.Contains(awaitingA.Reference(), forStaff);
        Assert.Contains(awaitingB.Reference(), forStaff);
        Assert.DoesNotContain(reviewedA.Reference(), forStaff);
        Assert.DoesNotContain(cancelledA.Reference(), forStaff);
        var counts = await app.Services.GetRequiredService<AwaitingReviews>().ByOrganisationAsync(CancellationToken.None);
        Assert.Equal(forStaff.Count, counts.Sum(c => c.Changes));
        Assert.Contains(counts, c => c.Organisation == "Supplier B" && c.Changes >= 1);
    }

    [Fact]
    public async Task An_unknown_review_filter_answers_400_naming_it()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);

        using var response = await supplier.GetAsync(new Uri("/api/v1/changes?review=done", UriKind.Relative));

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "review");
    }

    [Fact]
    public async Task The_note_is_encrypted_at_rest_and_the_write_is_audited_as_change_reviewed()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var change = await EndedChangeAsync(supplier);

        await (await supplier.SendJsonAsync(HttpMethod.Put, ReviewUrl(change), Body("PartlyDone", note: Note), change.Revision())).ExpectAsync(HttpStatusCode.OK);

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<ChangeCoordinationDb>>().CreateDbContextAsync();
        var id = await db.Changes.Where(c => c.Reference == change.Reference()).Select(c => c.Id).SingleAsync();
        var stored = await db.Database.SqlQueryRaw<string>("SELECT \"Note\" AS \"Value\" FROM \"ChangeReviews\" WHERE \"ChangeId\" = {0}", id).SingleAsync();
        Assert.DoesNotContain("Firewall", stored, StringComparison.Ordinal);
        Assert.Equal(Note, (await db.Changes.AsNoTracking().SingleAsync(c => c.Id == id)).Review!.Note);
        Assert.True(await db.AuditEvents.AnyAsync(a => a.Action == "change.reviewed" && a.Subject == change.Reference() && a.Actor == DemoUsers.SupplierA));
    }

    [Fact]
    public async Task The_bell_reminds_the_owning_organisation_once_per_ended_unreviewed_change()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var change = await EndedChangeAsync(supplier);
        var reminder = app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<ReviewReminder>().Single();

        await reminder.RemindAsync(CancellationToken.None);
        await reminder.RemindAsync(CancellationToken.None);

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<ChangeCoordinationDb>>().CreateDbContextAsync();
        var text = ReviewReminder.TextFor(change.Reference());
        Assert.Equal(1, await db.Notifications.CountAsync(n => n.RecipientEmail == DemoUsers.SupplierA && n.Text == text));
        Assert.False(await db.Notifications.AnyAsync(n => n.RecipientEmail == DemoUsers.SupplierB && n.Text == text));
    }

    private static string ReviewUrl(JsonElement change) => $"/api/v1/changes/{change.Reference()}/review";

    private static Dictionary<string, object?> Body(string outcome, DateTimeOffset? start = null, DateTimeOffset? end = null, string? note = null) => new()
    {
        ["outcome"] = outcome,
        ["actualStart"] = start is { } s ? London.Text(s) : null,
        ["actualEnd"] = end is { } e ? London.Text(e) : null,
        ["note"] = note,
    };

    /// <summary>"-3" is three hours before the test's now, "+2" two hours after it; anything else is sent as written.</summary>
    private string? Hours(string? offset) =>
        offset is null ? null
        : int.TryParse(offset, System.Globalization.CultureInfo.InvariantCulture, out var hours) ? London.Text(app.Clock.GetUtcNow().AddHours(hours))
        : offset;

    private static HashSet<string> References(JsonElement list) => [.. list.EnumerateArray().Select(c => c.Reference())];

    /// <summary>
    /// A change notified ahead (as the horizon requires) whose window is then moved into the past, as if the days had
    /// passed: the app's clock stays where every other test of the class expects it.
    /// </summary>
    private async Task<JsonElement> EndedChangeAsync(HttpClient client, bool cancelled = false)
    {
        var change = await client.NotifyAsync(Bodies.Change(TestDates.Next()));
        if (cancelled)
        {
            change = await client.CancelAsync(change.Reference());
        }

        var now = app.Clock.GetUtcNow();
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<ChangeCoordinationDb>>().CreateDbContextAsync();
        await db.Changes.Where(c => c.Reference == change.Reference())
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.Start, now.AddHours(-6)).SetProperty(x => x.End, now.AddHours(-4)));
        return change;
    }
}
