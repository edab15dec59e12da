using System.Net;
using System.Text.Json;
using ChangeCoordination.Web.Tests.Infrastructure;

namespace ChangeCoordination.Web.Tests.Causes;

/// <summary>DCC staff tie an imported incident to the changes that caused it; the product suggests, never ties by itself.</summary>
public sealed class IncidentLinkTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task The_changes_in_progress_when_an_incident_opened_are_suggested_and_none_is_tied_until_staff_say_so()
    {
        var (incident, during, justEnded, later) = await IncidentWithChangesAsync();
        var toc = await app.ClientForAsync(DemoUsers.Toc);

        var read = await toc.GetJsonAsync($"/api/v1/operations/incidents/{incident}");

        Assert.Empty(read.GetProperty("links").EnumerateArray());
        var candidates = read.GetProperty("candidates").EnumerateArray().ToList();
        Assert.Equal([during, justEnded], candidates.Select(c => c.Text("change")));
        Assert.True(candidates[0].GetProperty("inProgress").GetBoolean());
        Assert.False(candidates[1].GetProperty("inProgress").GetBoolean());
        Assert.DoesNotContain(later, candidates.Select(c => c.Text("change")));
        Assert.All(candidates, c => Assert.Equal(JsonValueKind.Null, c.GetProperty("linked").ValueKind));
    }

    [Fact]
    public async Task Staff_tie_the_changes_with_the_links_revision_and_the_tie_is_audited_listed_and_replaced_whole()
    {
        var (incident, during, justEnded, _) = await IncidentWithChangesAsync();
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        var manager = await app.ClientForAsync(DemoUsers.Manager);
        var revision = (await assessor.GetJsonAsync($"/api/v1/operations/incidents/{incident}")).GetProperty("linksRevision").GetInt32();

        using var tied = await assessor.SendJsonAsync(HttpMethod.Put, $"/api/v1/operations/incidents/{incident}/links", new { links = new[] { new { change = during, role = "Caused" }, new { change = justEnded, role = "Contributed" } } }, revision);
        var body = await tied.ExpectAsync(HttpStatusCode.OK);

        Assert.Equal($"\"{revision + 1}\"", tied.Headers.ETag?.Tag);
        Assert.Equal([(justEnded, "Contributed"), (during, "Caused")], body.GetProperty("links").EnumerateArray().Select(l => (l.Text("change"), l.Text("role"))));
        Assert.Equal("Caused", body.GetProperty("candidates").EnumerateArray().Single(c => c.Text("change") == during).Text("linked"));
        var audit = await manager.GetJsonAsync("/api/v1/audit?action=incident.linked");
        Assert.Contains(audit.GetProperty("events").EnumerateArray(), e => e.Text("subject") == $"{incident}: 2 changes");

        using var replaced = await assessor.SendJsonAsync(HttpMethod.Put, $"/api/v1/operations/incidents/{incident}/links", new { links = new[] { new { change = justEnded, role = "Caused" } } }, revision + 1);
        var after = await replaced.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([(justEnded, "Caused")], after.GetProperty("links").EnumerateArray().Select(l => (l.Text("change"), l.Text("role"))));
        var day = TestDates.Iso(DateOnly.FromDateTime(after.GetProperty("opened").GetDateTimeOffset().DateTime));
        var listed = await manager.GetJsonAsync($"/api/v1/operations/incidents?from={day}&to={day}");
        Assert.Equal(justEnded, listed.EnumerateArray().Single(i => i.Text("reference") == incident).GetProperty("links")[0].Text("change"));
    }

    [Fact]
    public async Task A_stale_or_missing_revision_and_bad_links_change_nothing_and_name_the_field()
    {
        var (incident, during, _, _) = await IncidentWithChangesAsync();
        var toc = await app.ClientForAsync(DemoUsers.Toc);
        var url = $"/api/v1/operations/incidents/{incident}/links";
        var links = new { links = new[] { new { change = during, role = "Caused" } } };

        using (var missing = await toc.SendJsonAsync(HttpMethod.Put, url, links))
        {
            Assert.Equal((HttpStatusCode)428, missing.StatusCode);
        }

        using (var stale = await toc.SendJsonAsync(HttpMethod.Put, url, links, 7))
        {
            Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        }

        using (var bad = await toc.SendJsonAsync(HttpMethod.Put, url, new { links = new object?[] { new { change = "CHG-99999", role = "Caused" }, new { change = during, role = "Blamed" }, null } }, 1))
        {
            await bad.ExpectProblemAsync(HttpStatusCode.BadRequest, "links[0].change", "links[1].role", "links[2]");
        }

        using (var twice = await toc.SendJsonAsync(HttpMethod.Put, url, new { links = new[] { new { change = during, role = "Caused" }, new { change = during, role = "Contributed" } } }, 1))
        {
            await twice.ExpectProblemAsync(HttpStatusCode.BadRequest, "links[1].change");
        }

        using (var none = await toc.SendJsonAsync(HttpMethod.Put, url, new { }, 1))
        {
            await none.ExpectProblemAsync(HttpStatusCode.BadRequest, "links");
        }

        var read = await toc.GetJsonAsync($"/api/v1/operations/incidents/{incident}");
        Assert.Empty(read.GetProperty("links").EnumerateArray());
        Assert.Equal(1, read.GetProperty("linksRevision").GetInt32());
    }

    [Fact]
    public async Task A_range_without_dates_or_longer_than_a_quarter_is_refused_by_name()
    {
        var toc = await app.ClientForAsync(DemoUsers.Toc);

        using var none = await toc.GetAsync(new Uri("/api/v1/operations/incidents", UriKind.Relative));
        await none.ExpectProblemAsync(HttpStatusCode.BadRequest, "from");
        using var longer = await toc.GetAsync(new Uri("/api/v1/operations/incidents?from=2026-01-01&to=2026-12-31", UriKind.Relative));
        await longer.ExpectProblemAsync(HttpStatusCode.BadRequest, "to");
    }

    /// <summary>
    /// An incident opened at 14:00 on a fresh day; a change 12:00-16:00 (in progress), one 09:00-11:00 (ended three
    /// hours before) and one 18:00-19:00 (after).
    /// </summary>
    private async Task<(string Incident, string During, string JustEnded, string Later)> IncidentWithChangesAsync()
    {
        var date = TestDates.Next();
        var user = await app.ClientForAsync(DemoUsers.SupplierA);
        var during = (await user.NotifyAsync(Bodies.Change(date, startHour: 12, hours: 4))).Reference();
        var justEnded = (await user.NotifyAsync(Bodies.Change(date, startHour: 9, hours: 2))).Reference();
        var later = (await user.NotifyAsync(Bodies.Change(date, startHour: 18, hours: 1))).Reference();
        var reference = $"INC-{Guid.NewGuid():N}"[..20];
        var manager = await app.ClientForAsync(DemoUsers.Manager);
        using var imported = await manager.SendJsonAsync(HttpMethod.Post, "/api/v1/operations/incidents", new[]
        {
            new { reference, category = 2, opened = London.Text(London.At(date, 14)), responsibleParty = "Dcc", summary = "Install and Commission requests failing" },
        });
        await imported.ExpectAsync(HttpStatusCode.OK);
        return (reference, during, justEnded, later);
    }
}
