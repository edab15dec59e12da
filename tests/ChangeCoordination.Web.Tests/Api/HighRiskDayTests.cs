using System.Net;
using System.Text.Json;
using ChangeCoordination.Web.Tests.Infrastructure;

namespace ChangeCoordination.Web.Tests.Api;

public sealed class HighRiskDayTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_red_day_is_a_high_risk_day_with_an_unassigned_support_plan()
    {
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        var manager = await app.ClientForAsync(DemoUsers.Manager);
        var first = TestDates.NextRange(3);
        await assessor.CreateInternalAsync(Bodies.Internal(first.AddDays(1), 5, 3));
        await assessor.CreateInternalAsync(Bodies.Internal(first.AddDays(2), 3, 4));

        var days = await EventuallyPlannedAsync(manager, first, first.AddDays(2));

        var day = Assert.Single(days.EnumerateArray());
        Assert.Equal(TestDates.Iso(first.AddDays(1)), day.Text("date"));
        Assert.Equal("Red", day.Text("status"));
        Assert.Equal(1, day.GetProperty("changeCount").GetInt32());
        var plan = day.GetProperty("supportPlan");
        Assert.Equal(TestDates.Iso(first.AddDays(1)), plan.Text("date"));
        Assert.Equal("Unassigned", plan.Text("state"));
        Assert.Equal(JsonValueKind.Null, plan.GetProperty("stoodDownAt").ValueKind);
        var dayView = await manager.GetJsonAsync($"/api/v1/days/{TestDates.Iso(first.AddDays(1))}");
        Assert.Equal("Unassigned", dayView.GetProperty("supportPlan").Text("state"));
    }

    [Fact]
    public async Task An_assessed_major_and_highly_likely_change_makes_a_high_risk_day()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        var toc = await app.ClientForAsync(DemoUsers.Toc);
        var date = TestDates.Next();
        var created = await supplier.NotifyAsync(Bodies.Change(date, "BusinessCritical"));
        var iso = TestDates.Iso(date);
        Assert.Empty((await toc.GetJsonAsync($"/api/v1/high-risk-days?from={iso}&to={iso}")).EnumerateArray());

        await assessor.AssessAsync(created.Reference(), 1, "HighlyLikely");

        var days = await EventuallyPlannedAsync(toc, date, date);
        var day = Assert.Single(days.EnumerateArray());
        Assert.Equal(0, day.GetProperty("unassessedCount").GetInt32());
        Assert.Equal("Unassigned", day.GetProperty("supportPlan").Text("state"));
    }

    [Fact]
    public async Task When_a_day_stops_being_red_its_plan_is_stood_down_not_deleted()
    {
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        var owner = await app.ClientForAsync(DemoUsers.Owner);
        var date = TestDates.Next();
        var iso = TestDates.Iso(date);
        var created = await assessor.CreateInternalAsync(Bodies.Internal(date, 5, 5));
        await EventuallyPlannedAsync(owner, date, date);

        using var cancelled = await assessor.SendJsonAsync(HttpMethod.Post, $"/api/v1/internal-changes/{created.Reference()}/cancel", null);
        await cancelled.ExpectAsync(HttpStatusCode.OK);

        var day = await TestApi.EventuallyAsync(
            () => owner.GetJsonAsync($"/api/v1/days/{iso}"),
            d => d.GetProperty("supportPlan").ValueKind == JsonValueKind.Object && d.GetProperty("supportPlan").Text("state") == "StoodDown",
            "the support plan to be stood down");
        Assert.Equal("White", day.GetProperty("overall").Text("status"));
        Assert.Equal(AppFactory.Now, day.GetProperty("supportPlan").GetProperty("stoodDownAt").GetDateTimeOffset());
        Assert.Empty((await owner.GetJsonAsync($"/api/v1/high-risk-days?from={iso}&to={iso}")).EnumerateArray());
    }

    [Fact]
    public async Task A_day_that_turns_red_again_gets_its_plan_back()
    {
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        var date = TestDates.Next();
        var created = await assessor.CreateInternalAsync(Bodies.Internal(date, 5, 5));
        await EventuallyPlannedAsync(assessor, date, date);
        using var lowered = await assessor.SendJsonAsync(HttpMethod.Put, $"/api/v1/internal-changes/{created.Reference()}", Bodies.Internal(date, 1, 1), ifMatch: 1);
        await lowered.ExpectAsync(HttpStatusCode.OK);
        await TestApi.EventuallyAsync(
            () => assessor.GetJsonAsync($"/api/v1/days/{TestDates.Iso(date)}"),
            d => d.GetProperty("supportPlan").Text("state") == "StoodDown",
            "the support plan to be stood down");

        using var raised = await assessor.SendJsonAsync(HttpMethod.Put, $"/api/v1/internal-changes/{created.Reference()}", Bodies.Internal(date, 5, 4), ifMatch: 2);
        await raised.ExpectAsync(HttpStatusCode.OK);

        var days = await EventuallyPlannedAsync(assessor, date, date, state: "Unassigned");
        Assert.Equal(JsonValueKind.Null, Assert.Single(days.EnumerateArray()).GetProperty("supportPlan").GetProperty("stoodDownAt").ValueKind);
    }

    [Theory]
    [InlineData(DemoUsers.SupplierA)]
    [InlineData(DemoUsers.NetworkC)]
    public async Task DCC_Users_may_not_read_high_risk_days(string user)
    {
        var client = await app.ClientForAsync(user);

        using var response = await client.GetAsync(new Uri("/api/v1/high-risk-days", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    /// <summary>Plans are written by a background subscriber a moment after the write: poll for them.</summary>
    private static Task<JsonElement> EventuallyPlannedAsync(HttpClient client, DateOnly from, DateOnly to, string state = "Unassigned") =>
        TestApi.EventuallyAsync(
            () => client.GetJsonAsync($"/api/v1/high-risk-days?from={TestDates.Iso(from)}&to={TestDates.Iso(to)}"),
            days => days.GetArrayLength() > 0 && days.EnumerateArray().All(d =>
                d.GetProperty("supportPlan").ValueKind == JsonValueKind.Object && d.GetProperty("supportPlan").Text("state") == state),
            "a support plan on every red day");
}
