using System.Net;
using System.Text.Json;
using ChangeCoordination.Web.Tests.Infrastructure;

namespace ChangeCoordination.Web.Tests.Api;

public sealed class SupportPlanTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_manager_assigns_the_leads_the_TOC_acknowledges_and_works_the_checklist_and_the_log_records_it_all()
    {
        var (date, plan) = await RedDayWithPlanAsync();
        var manager = await app.ClientForAsync(DemoUsers.Manager);
        var toc = await app.ClientForAsync(DemoUsers.Toc);

        var assigned = await (await manager.SendJsonAsync(HttpMethod.Put, $"/api/v1/support-plans/{date}/assignment", new { tocLead = "Tom Okafor", majorIncidentContact = "MIM duty manager" }, plan.Revision()))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Assigned", assigned.Text("state"));
        var acknowledged = await (await toc.SendJsonAsync(HttpMethod.Post, $"/api/v1/support-plans/{date}/acknowledgement", null, assigned.Revision()))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Acknowledged", acknowledged.Text("state"));
        Assert.Equal(DemoUsers.Toc, acknowledged.Text("acknowledgedBy"));
        var ticked = await (await toc.SendJsonAsync(HttpMethod.Put, $"/api/v1/support-plans/{date}/checklist", new { briefingSent = true }, acknowledged.Revision()))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.True(ticked.GetProperty("checklist").GetProperty("briefingSent").GetBoolean());
        var noted = await (await toc.SendJsonAsync(HttpMethod.Post, $"/api/v1/support-plans/{date}/log", new { text = "Extra monitoring on the DUIS queue from 19:00." }))
            .ExpectAsync(HttpStatusCode.OK);

        var log = noted.GetProperty("log").EnumerateArray().Select(l => l.Text("text")).ToList();
        Assert.Equal(
            ["The day turned Red: plan created.", "TOC monitoring lead Tom Okafor; Major Incident Management MIM duty manager.", "Acknowledged by the TOC.", "Checklist: briefing sent done.", "Extra monitoring on the DUIS queue from 19:00."],
            log);
    }

    [Fact]
    public async Task The_TOC_cannot_acknowledge_a_plan_without_leads()
    {
        var (date, plan) = await RedDayWithPlanAsync();
        var toc = await app.ClientForAsync(DemoUsers.Toc);

        var response = await toc.SendJsonAsync(HttpMethod.Post, $"/api/v1/support-plans/{date}/acknowledgement", null, plan.Revision());

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task An_assignment_on_a_stale_revision_is_refused_and_the_other_assignment_kept()
    {
        var (date, plan) = await RedDayWithPlanAsync();
        var manager = await app.ClientForAsync(DemoUsers.Manager);
        await (await manager.SendJsonAsync(HttpMethod.Put, $"/api/v1/support-plans/{date}/assignment", new { tocLead = "First", majorIncidentContact = "First MIM" }, plan.Revision()))
            .ExpectAsync(HttpStatusCode.OK);

        var second = await manager.SendJsonAsync(HttpMethod.Put, $"/api/v1/support-plans/{date}/assignment", new { tocLead = "Second", majorIncidentContact = "Second MIM" }, plan.Revision());

        Assert.Equal(HttpStatusCode.PreconditionFailed, second.StatusCode);
        var stored = await manager.GetJsonAsync($"/api/v1/days/{date}");
        Assert.Equal("First", stored.GetProperty("supportPlan").Text("tocLead"));
    }

    [Fact]
    public async Task An_assignment_without_names_is_refused_naming_both_fields()
    {
        var (date, plan) = await RedDayWithPlanAsync();
        var manager = await app.ClientForAsync(DemoUsers.Manager);

        var response = await manager.SendJsonAsync(HttpMethod.Put, $"/api/v1/support-plans/{date}/assignment", new { tocLead = " " }, plan.Revision());

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "tocLead", "majorIncidentContact");
    }

    [Theory]
    [InlineData(DemoUsers.Toc, "assignment", HttpStatusCode.Forbidden)]
    [InlineData(DemoUsers.Assessor, "assignment", HttpStatusCode.Forbidden)]
    [InlineData(DemoUsers.Manager, "acknowledgement", HttpStatusCode.Forbidden)]
    [InlineData(DemoUsers.SupplierA, "log", HttpStatusCode.Forbidden)]
    [InlineData(DemoUsers.Wall, "checklist", HttpStatusCode.Forbidden)]
    public async Task Only_the_right_role_may_do_each_thing_to_a_plan(string user, string action, HttpStatusCode expected)
    {
        var (date, plan) = await RedDayWithPlanAsync();
        var client = await app.ClientForAsync(user);
        var method = action is "assignment" or "checklist" ? HttpMethod.Put : HttpMethod.Post;

        var response = await client.SendJsonAsync(method, $"/api/v1/support-plans/{date}/{action}", new { text = "x", tocLead = "x", majorIncidentContact = "y" }, plan.Revision());

        Assert.Equal(expected, response.StatusCode);
    }

    private async Task<(string Date, JsonElement Plan)> RedDayWithPlanAsync()
    {
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        var date = TestDates.Next();
        await assessor.CreateInternalAsync(Bodies.Internal(date, 5, 3));
        return (TestDates.Iso(date), await assessor.SupportPlanOfRedDayAsync(date));
    }
}
