using System.Data.Common;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using ChangeCoordination.Web.Data;
using ChangeCoordination.Web.Identity;
using ChangeCoordination.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChangeCoordination.Web.Tests.Api;

/// <summary>The Site Owner's access: people, detail-access grants and API keys; and the audit log that records it all.</summary>
public sealed class AccessTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task An_api_key_is_shown_once_stored_as_a_hash_and_acts_as_a_dcc_user_of_its_organisation()
    {
        var owner = await app.ClientForAsync(DemoUsers.Owner);
        var (id, key) = await IssueAsync(owner, "Release pipeline", "Supplier A");
        var date = TestDates.Next();
        var system = KeyClient(key);

        var change = await system.NotifyAsync(Bodies.Change(date));
        var theirs = await (await app.ClientForAsync(DemoUsers.SupplierB)).NotifyAsync(Bodies.Change(date, description: "Supplier B's secret work"));
        var list = await system.GetJsonAsync($"/api/v1/changes?from={TestDates.Iso(date)}&to={TestDates.Iso(date)}");

        Assert.StartsWith("cc_", key, StringComparison.Ordinal);
        Assert.Equal("Supplier A", change.Text("organisation"));
        Assert.Equal([change.Reference()], list.EnumerateArray().Select(c => c.Reference()));
        Assert.DoesNotContain(theirs.Reference(), list.ToString(), StringComparison.Ordinal);
        var listed = (await owner.GetJsonAsync("/api/v1/api-keys")).EnumerateArray().Single(k => k.GetProperty("id").GetInt32() == id);
        Assert.Equal(JsonValueKindNull, listed.GetProperty("key").ValueKind);
        Assert.NotEqual(JsonValueKindNull, listed.GetProperty("lastUsedAt").ValueKind);
        await using var db = await Db();
        var stored = await db.ApiKeys.AsNoTracking().SingleAsync(k => k.Id == id);
        Assert.DoesNotContain(key[10..], stored.SecretHash + stored.Prefix + stored.Name, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revoked_key_and_an_unknown_key_answer_401_in_either_header()
    {
        var owner = await app.ClientForAsync(DemoUsers.Owner);
        var (id, key) = await IssueAsync(owner, "Old integration", "Network C");
        Assert.Equal(HttpStatusCode.OK, (await KeyClient(key).GetAsync(new Uri("/api/v1/changes", UriKind.Relative))).StatusCode);

        using var revoked = await owner.DeleteAsync(new Uri($"/api/v1/api-keys/{id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);

        using var afterRevoke = await KeyClient(key).GetAsync(new Uri("/api/v1/changes", UriKind.Relative));
        var viaAuthorization = app.CreateClient();
        viaAuthorization.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", "cc_not-a-key-anyone-was-given");
        using var unknown = await viaAuthorization.GetAsync(new Uri("/api/v1/changes", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, afterRevoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
    }

    [Fact]
    public async Task A_key_opens_no_page()
    {
        var (_, key) = await IssueAsync(await app.ClientForAsync(DemoUsers.Owner), "Curious script", "Supplier B");
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("X-Api-Key", key);

        using var response = await client.GetAsync(new Uri("/heatmap", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/signin", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DCC", "organisation")]
    [InlineData("No Such Supplier", "organisation")]
    [InlineData(null, "organisation")]
    public async Task A_key_for_anything_but_a_dcc_user_organisation_answers_400(string? organisation, string field)
    {
        var owner = await app.ClientForAsync(DemoUsers.Owner);

        using var response = await owner.PostAsJsonAsync("/api/v1/api-keys", new { name = "x", organisation });

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task A_person_the_site_owner_adds_can_sign_in_and_a_withdrawn_grant_hides_details_at_once()
    {
        var owner = await app.ClientForAsync(DemoUsers.Owner);
        var change = await (await app.ClientForAsync(DemoUsers.SupplierA)).NotifyAsync(Bodies.Change(TestDates.Next(), description: "Rotate HES certificates"));
        var person = await (await owner.PostAsJsonAsync("/api/v1/people", new
        {
            email = "Nia.Lewis@dcc.example",
            displayName = "Nia Lewis",
            role = "DccAssessor",
            organisation = "DCC",
            hasDetailAccess = true,
        })).ExpectAsync(HttpStatusCode.Created);
        var nia = await app.ClientForAsync("nia.lewis@dcc.example");
        Assert.Equal("Rotate HES certificates", (await nia.GetJsonAsync($"/api/v1/changes/{change.Reference()}")).Text("description"));

        using var withdrawn = await owner.SendJsonAsync(HttpMethod.Put, $"/api/v1/people/{person.GetProperty("id").GetInt32()}", new { hasDetailAccess = false }, person.GetProperty("revision").GetInt32());
        await withdrawn.ExpectAsync(HttpStatusCode.OK);

        var now = await nia.GetJsonAsync($"/api/v1/changes/{change.Reference()}");
        Assert.Equal(JsonValueKindNull, now.GetProperty("description").ValueKind);
        var audit = await (await app.ClientForAsync(DemoUsers.Manager)).GetJsonAsync("/api/v1/audit?subject=nia.lewis@dcc.example");
        var actions = audit.GetProperty("events").EnumerateArray().Select(e => e.Text("action")).ToList();
        Assert.Contains("person.added", actions);
        Assert.Contains("detail-access.granted", actions);
        Assert.Contains("detail-access.withdrawn", actions);
        Assert.All(audit.GetProperty("events").EnumerateArray(), e => Assert.Equal(DemoUsers.Owner, e.Text("actor")));
    }

    [Fact]
    public async Task A_page_already_open_stops_being_current_when_the_grant_behind_it_is_withdrawn()
    {
        var owner = await app.ClientForAsync(DemoUsers.Owner);
        var person = await (await owner.PostAsJsonAsync("/api/v1/people", new
        {
            email = "ravi.shah@dcc.example",
            displayName = "Ravi Shah",
            role = "DccManager",
            organisation = "DCC",
            hasDetailAccess = true,
        })).ExpectAsync(HttpStatusCode.Created);
        var people = app.Services.GetRequiredService<PeopleDirectory>();
        var transformation = new CallerClaimsTransformation(people, app.Services.GetRequiredService<IOptions<IdentitySettings>>());
        var signedIn = await transformation.TransformAsync(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Email, "ravi.shah@dcc.example")], "test")));
        Assert.True(await CallerRevalidation.IsCurrentAsync(people, signedIn, CancellationToken.None));

        using var withdrawn = await owner.SendJsonAsync(HttpMethod.Put, $"/api/v1/people/{person.GetProperty("id").GetInt32()}", new { hasDetailAccess = false }, person.GetProperty("revision").GetInt32());
        await withdrawn.ExpectAsync(HttpStatusCode.OK);

        Assert.False(await CallerRevalidation.IsCurrentAsync(people, signedIn, CancellationToken.None));
    }

    [Theory]
    [InlineData("DccUser", "DCC", true, "organisation")]
    [InlineData("DccUser", "Supplier A", true, "hasDetailAccess")]
    [InlineData("WallDisplay", "DCC", true, "hasDetailAccess")]
    [InlineData("DccAssessor", "Supplier A", false, "organisation")]
    [InlineData("Boss", "DCC", false, "role")]
    public async Task A_person_whose_role_organisation_or_grant_do_not_fit_answers_400_and_is_not_added(string role, string organisation, bool hasDetailAccess, string field)
    {
        var owner = await app.ClientForAsync(DemoUsers.Owner);
        var email = $"misfit-{Guid.NewGuid():N}@example.com";

        using var response = await owner.PostAsJsonAsync("/api/v1/people", new { email, displayName = "Misfit", role, organisation, hasDetailAccess });

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, field);
        Assert.DoesNotContain(email, (await owner.GetJsonAsync("/api/v1/people")).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_last_site_owner_cannot_step_down()
    {
        var owner = await app.ClientForAsync(DemoUsers.Owner);
        var me = (await owner.GetJsonAsync("/api/v1/people")).EnumerateArray().Single(p => p.Text("email") == DemoUsers.Owner);

        using var response = await owner.SendJsonAsync(HttpMethod.Put, $"/api/v1/people/{me.GetProperty("id").GetInt32()}", new { role = "DccManager" }, me.GetProperty("revision").GetInt32());

        await response.ExpectProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_change_to_a_person_needs_the_revision_it_was_made_from_and_a_stale_one_changes_nothing()
    {
        var owner = await app.ClientForAsync(DemoUsers.Owner);
        var person = await (await owner.PostAsJsonAsync("/api/v1/people", new
        {
            email = "lee.fox@dcc.example",
            displayName = "Lee Fox",
            role = "TocOperator",
            organisation = "DCC",
            hasDetailAccess = true,
        })).ExpectAsync(HttpStatusCode.Created);
        var url = $"/api/v1/people/{person.GetProperty("id").GetInt32()}";
        var seen = person.GetProperty("revision").GetInt32();

        using var first = await owner.SendJsonAsync(HttpMethod.Put, url, new { role = "DccManager" }, seen);
        using var stale = await owner.SendJsonAsync(HttpMethod.Put, url, new { hasDetailAccess = false }, seen);
        using var missing = await owner.SendJsonAsync(HttpMethod.Put, url, new { hasDetailAccess = false });

        var changed = await first.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(seen + 1, changed.GetProperty("revision").GetInt32());
        await stale.ExpectProblemAsync(HttpStatusCode.PreconditionFailed);
        await missing.ExpectProblemAsync(HttpStatusCode.PreconditionRequired);
        var now = (await owner.GetJsonAsync("/api/v1/people")).EnumerateArray().Single(p => p.Text("email") == "lee.fox@dcc.example");
        Assert.Equal(("DccManager", true), (now.Text("role"), now.GetProperty("hasDetailAccess").GetBoolean()));
    }

    [Fact]
    public async Task The_audit_log_is_searched_by_actor_action_subject_and_date_and_paged_newest_first()
    {
        var user = await app.ClientForAsync(DemoUsers.NetworkC);
        var change = await user.NotifyAsync(Bodies.Change(TestDates.Next()));
        await user.CancelAsync(change.Reference());
        var manager = await app.ClientForAsync(DemoUsers.Manager);
        var today = TestDates.Iso(DateOnly.FromDateTime(AppFactory.Now.UtcDateTime));

        var found = await manager.GetJsonAsync($"/api/v1/audit?actor=network-c&subject={change.Reference()}&from={today}&to={today}&pageSize=1");
        var byAction = await manager.GetJsonAsync($"/api/v1/audit?action=change.cancelled&subject={change.Reference()}");
        var otherDay = await manager.GetJsonAsync($"/api/v1/audit?subject={change.Reference()}&from=2020-01-01&to=2020-01-02");

        Assert.Equal(2, found.GetProperty("total").GetInt32());
        var newest = Assert.Single(found.GetProperty("events").EnumerateArray());
        Assert.Equal("change.cancelled", newest.Text("action"));
        Assert.Equal(DemoUsers.NetworkC, newest.Text("actor"));
        Assert.Equal(1, byAction.GetProperty("total").GetInt32());
        Assert.Equal(0, otherDay.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task The_audit_search_ignores_case_as_it_does_on_every_provider()
    {
        var user = await app.ClientForAsync(DemoUsers.SupplierB);
        var change = await user.NotifyAsync(Bodies.Change(TestDates.Next()));
        var manager = await app.ClientForAsync(DemoUsers.Manager);

        var found = await manager.GetJsonAsync($"/api/v1/audit?actor=SUPPLIER-B&action=Change.Notified&subject={change.Reference().ToLowerInvariant()}");

        var only = Assert.Single(found.GetProperty("events").EnumerateArray());
        Assert.Equal((DemoUsers.SupplierB, change.Reference()), (only.Text("actor"), only.Text("subject")));
    }

    [Theory]
    [InlineData("/api/v1/changes/{reference}")]
    [InlineData("/api/v1/changes/{reference}/revisions")]
    [InlineData("/api/v1/changes?from={date}&to={date}")]
    [InlineData("/api/v1/days/{date}")]
    [InlineData("/api/v1/assessment-queue")]
    public async Task Every_read_of_change_details_by_dcc_staff_is_audited(string route)
    {
        var date = TestDates.Next();
        var change = await (await app.ClientForAsync(DemoUsers.SupplierA)).NotifyAsync(Bodies.Change(date));
        var manager = await app.ClientForAsync(DemoUsers.Manager);
        var before = (await manager.GetJsonAsync($"/api/v1/audit?action=change.read&subject={change.Reference()}")).GetProperty("total").GetInt32();

        await (await app.ClientForAsync(DemoUsers.Assessor)).GetJsonAsync(route.Replace("{reference}", change.Reference(), StringComparison.Ordinal).Replace("{date}", TestDates.Iso(date), StringComparison.Ordinal));

        var after = await manager.GetJsonAsync($"/api/v1/audit?action=change.read&subject={change.Reference()}&actor={DemoUsers.Assessor}");
        Assert.Equal(before + 1, after.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("from=yesterday", "from")]
    [InlineData("from=2026-12-02&to=2026-12-01", "to")]
    [InlineData("page=0", "page")]
    [InlineData("page=100001", "page")]
    [InlineData("pageSize=100000", "pageSize")]
    public async Task A_bad_audit_search_answers_400_naming_the_field(string query, string field)
    {
        var owner = await app.ClientForAsync(DemoUsers.Owner);

        using var response = await owner.GetAsync(new Uri($"/api/v1/audit?{query}", UriKind.Relative));

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Theory]
    [InlineData("UPDATE \"AuditEvents\" SET \"Actor\" = 'someone else'")]
    [InlineData("DELETE FROM \"AuditEvents\"")]
    public async Task The_database_refuses_to_change_or_delete_an_audit_event(string sql)
    {
        await (await app.ClientForAsync(DemoUsers.SupplierA)).NotifyAsync(Bodies.Change(TestDates.Next()));
        await using var db = await Db();
        var before = await db.AuditEvents.CountAsync();

        var refusal = await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlRawAsync(sql));

        Assert.Contains("append-only", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(before, await db.AuditEvents.CountAsync());
    }

    [PostgreSqlFact]
    public async Task PostgreSQL_refuses_to_truncate_the_audit_log()
    {
        await (await app.ClientForAsync(DemoUsers.SupplierA)).NotifyAsync(Bodies.Change(TestDates.Next()));
        await using var db = await Db();
        var before = await db.AuditEvents.CountAsync();

        var refusal = await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlRawAsync("TRUNCATE \"AuditEvents\""));

        Assert.Contains("append-only", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(before, await db.AuditEvents.CountAsync());
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    private static async Task<(int Id, string Key)> IssueAsync(HttpClient owner, string name, string organisation)
    {
        using var response = await owner.PostAsJsonAsync("/api/v1/api-keys", new { name, organisation });
        var issued = await response.ExpectAsync(HttpStatusCode.Created);
        return (issued.GetProperty("id").GetInt32(), issued.Text("key")!);
    }

    private HttpClient KeyClient(string key)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    private async Task<ChangeCoordinationDb> Db() =>
        await app.Services.GetRequiredService<IDbContextFactory<ChangeCoordinationDb>>().CreateDbContextAsync();
}
