using System.Net;
using ChangeCoordination.Web.Tests.Infrastructure;

namespace ChangeCoordination.Web.Tests.Api;

public sealed class MethodologyVersionTests(CalendarAppFactory app) : IClassFixture<CalendarAppFactory>
{
    private const string Versions = "/api/v1/methodology/versions";

    [Fact]
    public async Task Version_1_0_is_in_force_and_listed_as_approved_from_the_start()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierB);

        var inForce = await supplier.GetJsonAsync("/api/v1/methodology");
        var versions = await supplier.GetJsonAsync(Versions);

        Assert.Equal("1.0", inForce.Text("version"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, inForce.GetProperty("effectiveFrom").ValueKind);
        var first = Assert.Single(versions.EnumerateArray(), v => v.Text("version") == "1.0");
        Assert.Equal("Approved", first.Text("state"));
        Assert.True(first.GetProperty("inForce").GetBoolean());
        Assert.Equal(6, first.GetProperty("values").GetProperty("largeAboveHours").GetDouble());
    }

    [Fact]
    public async Task Only_a_Site_Owner_drafts_and_only_DCC_staff_read_a_draft()
    {
        var owner = await app.ClientForAsync(DemoUsers.Owner);
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var body = await MethodologyBodies.DraftAsync(owner, v => v["largeAboveHours"] = 8);

        using var bySupplier = await supplier.SendJsonAsync(HttpMethod.Post, Versions, body);
        using var byAssessor = await assessor.SendJsonAsync(HttpMethod.Post, Versions, body);
        using var byOwner = await owner.SendJsonAsync(HttpMethod.Post, Versions, body);

        Assert.Equal(HttpStatusCode.Forbidden, bySupplier.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byAssessor.StatusCode);
        var draft = await byOwner.ExpectAsync(HttpStatusCode.Created);
        var version = draft.Text("version")!;
        Assert.Equal($"{Versions}/{version}", byOwner.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", byOwner.Headers.ETag?.Tag);
        Assert.Equal("Draft", draft.Text("state"));
        Assert.Equal(8, draft.GetProperty("values").GetProperty("largeAboveHours").GetDouble());
        Assert.Equal(DemoUsers.Owner, Assert.Single(draft.GetProperty("history").EnumerateArray()).Text("by"));
        using var supplierRead = await supplier.GetAsync(new Uri($"{Versions}/{version}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, supplierRead.StatusCode);
        Assert.DoesNotContain((await supplier.GetJsonAsync(Versions)).EnumerateArray(), v => v.Text("version") == version);
        Assert.Equal("Draft", (await assessor.GetJsonAsync($"{Versions}/{version}")).Text("state"));
    }

    [Theory]
    [InlineData(DemoUsers.SupplierA)]
    [InlineData(DemoUsers.Assessor)]
    [InlineData(DemoUsers.Toc)]
    [InlineData(DemoUsers.Manager)]
    [InlineData(DemoUsers.Wall)]
    [InlineData(null)]
    public async Task Only_the_Site_Owner_takes_a_version_through_its_steps(string? email)
    {
        var owner = await app.ClientForAsync(DemoUsers.Owner);
        var draft = await owner.CreateDraftAsync();
        var url = $"{Versions}/{draft.Text("version")}";
        var caller = email is null ? app.CreateClient() : await app.ClientForAsync(email);
        var expected = email is null ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden;

        foreach (var (method, path, body) in new (HttpMethod, string, object?)[]
        {
            (HttpMethod.Post, Versions, await MethodologyBodies.DraftAsync(owner)),
            (HttpMethod.Put, url, await MethodologyBodies.DraftAsync(owner)),
            (HttpMethod.Post, $"{url}/consultation", null),
            (HttpMethod.Post, $"{url}/approval", new { panelDecision = "Panel", effectiveFrom = "2027-06-01" }),
            (HttpMethod.Post, $"{url}/withdrawal", null),
        })
        {
            using var response = await caller.SendJsonAsync(method, path, body, ifMatch: 1);
            Assert.True(response.StatusCode == expected, $"{method} {path} answered {(int)response.StatusCode} to {email ?? "no token"}");
        }

        var unchanged = await owner.GetJsonAsync(url);
        Assert.Equal("Draft", unchanged.Text("state"));
        Assert.Equal(1, unchanged.Revision());
    }

    [Fact]
    public async Task A_draft_is_edited_with_If_Match_and_a_stale_revision_changes_nothing()
    {
        var owner = await app.ClientForAsync(DemoUsers.Owner);
        var draft = await owner.CreateDraftAsync(v => v["largeAboveHours"] = 8);
        var url = $"{Versions}/{draft.Text("version")}";
        var body = await MethodologyBodies.DraftAsync(owner, v => v["largeAboveHours"] = 9);

        using var missing = await owner.SendJsonAsync(HttpMethod.Put, url, body);
        using var edited = await owner.SendJsonAsync(HttpMethod.Put, url, body, ifMatch: 1);
        using var stale = await owner.SendJsonAsync(HttpMethod.Put, url, await MethodologyBodies.DraftAsync(owner, v => v["largeAboveHours"] = 10), ifMatch: 1);

        await missing.ExpectProblemAsync(HttpStatusCode.PreconditionRequired);
        var now = await edited.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, now.Revision());
        await stale.ExpectProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal(9, (await owner.GetJsonAsync(url)).GetProperty("values").GetProperty("largeAboveHours").GetDouble());
    }

    [Theory]
    [InlineData("edges", "values.largeAboveHours")]
    [InlineData("matrix", "values.matrix")]
    [InlineData("ranges", "values.internalScoreRanges[1].from")]
    [InlineData("notice", "values.noticeWorkingDays")]
    [InlineData("summary", "summary")]
    [InlineData("enum", "values.impacts[0].impact")]
    public async Task Bad_values_answer_400_naming_the_field_and_draft_nothing(string spoil, string field)
    {
        var owner = await app.ClientForAsync(DemoUsers.Owner);
        var before = (await owner.GetJsonAsync(Versions)).GetArrayLength();
        var body = await MethodologyBodies.DraftAsync(owner, values =>
        {
            switch (spoil)
            {
                case "edges": values["largeAboveHours"] = 2; break;
                case "matrix": values["matrix"]!.AsArray().RemoveAt(0); break;
                case "ranges": values["internalScoreRanges"]![1]!["from"] = 9; break;
                case "notice": values["noticeWorkingDays"] = 0; break;
                case "enum": values["impacts"]![0]!["impact"] = "Catastrophic"; break;
            }
        });
        if (spoil == "summary")
        {
            body["summary"] = " ";
        }

        using var response = await owner.SendJsonAsync(HttpMethod.Post, Versions, body);

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, field);
        Assert.Equal(before, (await owner.GetJsonAsync(Versions)).GetArrayLength());
    }

    [Fact]
    public async Task Consultation_takes_one_response_per_organisation_which_the_DCC_reads_in_full()
    {
        var owner = await app.ClientForAsync(DemoUsers.Owner);
        var supplierA = await app.ClientForAsync(DemoUsers.SupplierA);
        var supplierB = await app.ClientForAsync(DemoUsers.SupplierB);
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        var draft = await owner.CreateDraftAsync(v => v["largeAboveHours"] = 8);
        var url = $"{Versions}/{draft.Text("version")}";
        using (var early = await supplierA.SendJsonAsync(HttpMethod.Put, $"{url}/responses/mine", new { text = "Too soon" }))
        {
            Assert.Equal(HttpStatusCode.NotFound, early.StatusCode);
        }

        var consulted = await owner.StepAsync(draft, "consultation");

        using var first = await supplierA.SendJsonAsync(HttpMethod.Put, $"{url}/responses/mine", new { text = "We support it." });
        using var replaced = await supplierA.SendJsonAsync(HttpMethod.Put, $"{url}/responses/mine", new { text = "We support it, from April." });
        using var other = await supplierB.SendJsonAsync(HttpMethod.Put, $"{url}/responses/mine", new { text = "No objection." });
        using var empty = await supplierB.SendJsonAsync(HttpMethod.Put, $"{url}/responses/mine", new { text = "" });
        using var byStaff = await assessor.SendJsonAsync(HttpMethod.Put, $"{url}/responses/mine", new { text = "Staff may not respond." });

        Assert.Equal("Consultation", consulted.Text("state"));
        var told = await supplierB.GetJsonAsync("/api/v1/notifications");
        Assert.Contains(told.GetProperty("recent").EnumerateArray(), n => n.Text("text") == $"Methodology version {draft.Text("version")} is open for consultation: read it and respond for your organisation.");
        await first.ExpectAsync(HttpStatusCode.Created);
        await replaced.ExpectAsync(HttpStatusCode.OK);
        await other.ExpectAsync(HttpStatusCode.Created);
        await empty.ExpectProblemAsync(HttpStatusCode.BadRequest, "text");
        Assert.Equal(HttpStatusCode.Forbidden, byStaff.StatusCode);
        var all = await assessor.GetJsonAsync($"{url}/responses");
        Assert.Equal(["No objection.", "We support it, from April."], all.EnumerateArray().Select(r => r.Text("text")).Order(StringComparer.Ordinal));
        var own = await supplierA.GetJsonAsync($"{url}/responses");
        Assert.Equal("We support it, from April.", Assert.Single(own.EnumerateArray()).Text("text"));
        Assert.Equal("Consultation", (await supplierB.GetJsonAsync(url)).Text("state"));
        Assert.Equal(2, (await owner.GetJsonAsync(url)).GetProperty("responseCount").GetInt32());
    }

    [Fact]
    public async Task Approval_needs_consultation_a_Panel_decision_and_a_future_date_and_then_the_version_is_never_edited()
    {
        var owner = await app.ClientForAsync(DemoUsers.Owner);
        var draft = await owner.CreateDraftAsync(v => v["largeAboveHours"] = 8);
        var url = $"{Versions}/{draft.Text("version")}";
        using (var tooEarly = await owner.SendJsonAsync(HttpMethod.Post, $"{url}/approval", new { panelDecision = "Panel 1", effectiveFrom = "2027-06-01" }, 1))
        {
            await tooEarly.ExpectProblemAsync(HttpStatusCode.Conflict);
        }

        var consulted = await owner.StepAsync(draft, "consultation");
        using (var today = await owner.SendJsonAsync(HttpMethod.Post, $"{url}/approval", new { panelDecision = "Panel 1", effectiveFrom = "2026-12-01" }, consulted.Revision()))
        {
            await today.ExpectProblemAsync(HttpStatusCode.BadRequest, "effectiveFrom");
        }

        using (var noDecision = await owner.SendJsonAsync(HttpMethod.Post, $"{url}/approval", new { effectiveFrom = "2027-06-01" }, consulted.Revision()))
        {
            await noDecision.ExpectProblemAsync(HttpStatusCode.BadRequest, "panelDecision");
        }

        Assert.Equal("Consultation", (await owner.GetJsonAsync(url)).Text("state"));
        var approved = await owner.StepAsync(consulted, "approval", new { panelDecision = "Panel meeting 14 Jan 2027, minute 6", effectiveFrom = "2027-06-01" });

        Assert.Equal("Approved", approved.Text("state"));
        var told = await (await app.ClientForAsync(DemoUsers.Toc)).GetJsonAsync("/api/v1/notifications");
        Assert.Contains(told.GetProperty("recent").EnumerateArray(), n => n.Text("text") == $"The Panel approved methodology version {draft.Text("version")}: it takes force on Tue 1 Jun 2027.");
        Assert.Equal("2027-06-01", approved.Text("effectiveFrom"));
        Assert.False(approved.GetProperty("inForce").GetBoolean());
        Assert.Equal(["Drafted", "Consultation opened", "Approved by the Panel"], approved.GetProperty("history").EnumerateArray().Select(s => s.Text("step")));
        using var edit = await owner.SendJsonAsync(HttpMethod.Put, url, await MethodologyBodies.DraftAsync(owner), approved.Revision());
        await edit.ExpectProblemAsync(HttpStatusCode.Conflict);
        using var withdraw = await owner.SendJsonAsync(HttpMethod.Post, $"{url}/withdrawal", null, approved.Revision());
        await withdraw.ExpectProblemAsync(HttpStatusCode.Conflict);
        var inForce = await owner.GetJsonAsync("/api/v1/methodology");
        Assert.Equal("1.0", inForce.Text("version"));
        Assert.Equal(draft.Text("version"), inForce.Text("nextVersion"));
        Assert.Equal("2027-06-01", inForce.Text("nextEffectiveFrom"));
        using var earlier = await owner.SendJsonAsync(HttpMethod.Post, $"{Versions}/{(await owner.StepAsync(await owner.CreateDraftAsync(), "consultation")).Text("version")}/approval", new { panelDecision = "Panel 2", effectiveFrom = "2027-05-01" }, 2);
        await earlier.ExpectProblemAsync(HttpStatusCode.BadRequest, "effectiveFrom");
    }

    [Fact]
    public async Task A_withdrawn_draft_stays_the_DCC_s_and_takes_no_more_steps()
    {
        var owner = await app.ClientForAsync(DemoUsers.Owner);
        var supplier = await app.ClientForAsync(DemoUsers.NetworkC);
        var draft = await owner.CreateDraftAsync();

        var withdrawn = await owner.StepAsync(draft, "withdrawal");

        Assert.Equal("Withdrawn", withdrawn.Text("state"));
        using var consult = await owner.SendJsonAsync(HttpMethod.Post, $"{Versions}/{draft.Text("version")}/consultation", null, withdrawn.Revision());
        await consult.ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.DoesNotContain((await supplier.GetJsonAsync(Versions)).EnumerateArray(), v => v.Text("version") == draft.Text("version"));
    }

    [Fact]
    public async Task The_what_if_heatmap_computes_days_with_a_draft_and_leaves_the_live_heatmap_alone()
    {
        var owner = await app.ClientForAsync(DemoUsers.Owner);
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        var date = TestDates.Next();
        var change = await supplier.NotifyAsync(Bodies.Change(date, hours: 7, startHour: 1));
        await assessor.AssessAsync(change.Reference(), 1, "HighlyLikely");
        var draft = await owner.CreateDraftAsync(v => v["largeAboveHours"] = 8);
        var iso = TestDates.Iso(date);

        var preview = await owner.GetJsonAsync($"/api/v1/heatmap?view=overall&from={iso}&to={iso}&methodology={draft.Text("version")}");

        Assert.Equal(draft.Text("version"), preview.Text("methodology"));
        Assert.Equal("Amber", Assert.Single(preview.GetProperty("days").EnumerateArray()).Text("status"));
        Assert.Equal("Red", (await owner.HeatmapDayAsync("overall", date)).Text("status"));
        using var hidden = await supplier.GetAsync(new Uri($"/api/v1/heatmap?from={iso}&to={iso}&methodology={draft.Text("version")}", UriKind.Relative));
        await hidden.ExpectProblemAsync(HttpStatusCode.BadRequest, "methodology");
    }
}
