using System.Net;
using ChangeCoordination.Web.Tests.Infrastructure;

namespace ChangeCoordination.Web.Tests.Api;

/// <summary>Approvals order the versions in time, so this has a database of its own.</summary>
public sealed class MethodologyApprovalRaceTests(CalendarAppFactory app) : IClassFixture<CalendarAppFactory>
{
    [Fact]
    public async Task Of_two_approvals_for_the_same_day_at_once_one_is_recorded_and_the_other_asks_for_a_later_date()
    {
        var owner = await app.ClientForAsync(DemoUsers.Owner);
        var first = await owner.StepAsync(await owner.CreateDraftAsync(v => v["largeAboveHours"] = 8), "consultation");
        var second = await owner.StepAsync(await owner.CreateDraftAsync(v => v["largeAboveHours"] = 9), "consultation");
        var body = new { panelDecision = "Panel meeting, minute 6", effectiveFrom = "2027-03-01" };

        var answers = await Task.WhenAll(
            owner.SendJsonAsync(HttpMethod.Post, $"/api/v1/methodology/versions/{first.Text("version")}/approval", body, first.Revision()),
            owner.SendJsonAsync(HttpMethod.Post, $"/api/v1/methodology/versions/{second.Text("version")}/approval", body, second.Revision()));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.BadRequest], answers.Select(a => a.StatusCode).Order());
        await answers.Single(a => a.StatusCode == HttpStatusCode.BadRequest).ExpectProblemAsync(HttpStatusCode.BadRequest, "effectiveFrom");
        var versions = await owner.GetJsonAsync("/api/v1/methodology/versions");
        Assert.Single(versions.EnumerateArray(), v => v.Text("effectiveFrom") == "2027-03-01");
        foreach (var answer in answers)
        {
            answer.Dispose();
        }
    }
}
