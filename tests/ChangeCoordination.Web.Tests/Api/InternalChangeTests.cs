using System.Net;
using ChangeCoordination.Web.Tests.Infrastructure;

namespace ChangeCoordination.Web.Tests.Api;

public sealed class InternalChangeTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Entering_an_internal_change_answers_201_with_Location_ETag_score_and_risk()
    {
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        var date = TestDates.Next();

        using var response = await assessor.SendJsonAsync(HttpMethod.Post, "/api/v1/internal-changes", Bodies.Internal(date, impactScore: 3, probabilityScore: 4));

        var change = await response.ExpectAsync(HttpStatusCode.Created);
        var reference = change.Reference();
        Assert.StartsWith("FSC-", reference, StringComparison.Ordinal);
        Assert.Equal($"/api/v1/internal-changes/{reference}", response.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        Assert.Equal("DSP firewall rule update", change.Text("title"));
        Assert.Equal(["UserInterface"], change.GetProperty("services").EnumerateArray().Select(s => s.GetString()));
        Assert.True(change.GetProperty("plannedMaintenance").GetBoolean());
        Assert.Equal(London.At(date, 21), change.GetProperty("start").GetDateTimeOffset());
        Assert.Equal(120, change.GetProperty("durationMinutes").GetInt32());
        Assert.Equal(12, change.GetProperty("score").GetInt32());
        Assert.Equal("Amber", change.Text("risk"));
        Assert.Equal("Scheduled", change.Text("status"));
        Assert.Equal(1, change.Revision());
    }

    [Theory]
    [InlineData(1, 1, 1, "Green")]
    [InlineData(2, 3, 6, "Green")]
    [InlineData(2, 4, 8, "Amber")]
    [InlineData(3, 4, 12, "Amber")]
    [InlineData(5, 3, 15, "Red")]
    [InlineData(5, 5, 25, "Red")]
    public async Task The_score_is_impact_times_probability_mapped_Green_1_to_6_Amber_7_to_14_Red_15_to_25(int impact, int probability, int score, string risk)
    {
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        var date = TestDates.Next();

        var change = await assessor.CreateInternalAsync(Bodies.Internal(date, impact, probability));

        Assert.Equal(score, change.GetProperty("score").GetInt32());
        Assert.Equal(risk, change.Text("risk"));
        var day = await assessor.HeatmapDayAsync("internal", date);
        Assert.Equal(risk, day.Text("status"));
        Assert.Equal(risk, day.Text("provisionalStatus"));
        Assert.Equal(risk, (await assessor.HeatmapDayAsync("overall", date)).Text("status"));
        Assert.Equal("White", (await assessor.HeatmapDayAsync("user", date)).Text("status"));
    }

    [Fact]
    public async Task Everyone_signed_in_reads_an_internal_change_with_its_ETag()
    {
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        var supplier = await app.ClientForAsync(DemoUsers.SupplierB);
        var created = await assessor.CreateInternalAsync(Bodies.Internal(TestDates.Next(), 2, 2));

        using var response = await supplier.GetAsync(new Uri($"/api/v1/internal-changes/{created.Reference()}", UriKind.Relative));

        var read = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        Assert.Equal(created.ToString(), read.ToString());
    }

    [Fact]
    public async Task An_update_answers_200_with_the_next_revision_and_moves_the_days()
    {
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        var first = TestDates.Next();
        var second = TestDates.Next();
        var created = await assessor.CreateInternalAsync(Bodies.Internal(first, 5, 4));

        using var response = await assessor.SendJsonAsync(HttpMethod.Put, $"/api/v1/internal-changes/{created.Reference()}", Bodies.Internal(second, 1, 2), ifMatch: 1);

        var updated = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("\"2\"", response.Headers.ETag?.Tag);
        Assert.Equal(2, updated.Revision());
        Assert.Equal(2, updated.GetProperty("score").GetInt32());
        Assert.Equal("Green", updated.Text("risk"));
        Assert.Equal("White", (await assessor.HeatmapDayAsync("internal", first)).Text("status"));
        Assert.Equal("Green", (await assessor.HeatmapDayAsync("internal", second)).Text("status"));
        var read = await assessor.GetJsonAsync($"/api/v1/internal-changes/{created.Reference()}");
        Assert.Equal(updated.ToString(), read.ToString());
    }

    [Fact]
    public async Task Cancelling_an_internal_change_answers_200_and_clears_its_day()
    {
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        var date = TestDates.Next();
        var created = await assessor.CreateInternalAsync(Bodies.Internal(date, 3, 3));

        using var response = await assessor.SendJsonAsync(HttpMethod.Post, $"/api/v1/internal-changes/{created.Reference()}/cancel", null);

        var cancelled = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("\"2\"", response.Headers.ETag?.Tag);
        Assert.Equal("Cancelled", cancelled.Text("status"));
        Assert.Equal("White", (await assessor.HeatmapDayAsync("internal", date)).Text("status"));
        using var again = await assessor.SendJsonAsync(HttpMethod.Post, $"/api/v1/internal-changes/{created.Reference()}/cancel", null);
        await again.ExpectProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_stale_If_Match_on_an_internal_change_answers_412_and_changes_nothing()
    {
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        var date = TestDates.Next();
        var created = await assessor.CreateInternalAsync(Bodies.Internal(date, 3, 3));
        await (await assessor.SendJsonAsync(HttpMethod.Put, $"/api/v1/internal-changes/{created.Reference()}", Bodies.Internal(date, 3, 4), ifMatch: 1)).ExpectAsync(HttpStatusCode.OK);
        var before = await assessor.GetJsonAsync($"/api/v1/internal-changes/{created.Reference()}");

        using var stale = await assessor.SendJsonAsync(HttpMethod.Put, $"/api/v1/internal-changes/{created.Reference()}", Bodies.Internal(date, 5, 5), ifMatch: 1);
        using var missing = await assessor.SendJsonAsync(HttpMethod.Put, $"/api/v1/internal-changes/{created.Reference()}", Bodies.Internal(date, 5, 5));
        using var staleCancel = await assessor.SendJsonAsync(HttpMethod.Post, $"/api/v1/internal-changes/{created.Reference()}/cancel", null, ifMatch: 1);

        await stale.ExpectProblemAsync(HttpStatusCode.PreconditionFailed);
        await missing.ExpectProblemAsync(HttpStatusCode.PreconditionRequired);
        await staleCancel.ExpectProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal(before.ToString(), (await assessor.GetJsonAsync($"/api/v1/internal-changes/{created.Reference()}")).ToString());
        Assert.Equal("Amber", (await assessor.HeatmapDayAsync("internal", date)).Text("status"));
    }

    [Fact]
    public async Task Invalid_internal_change_fields_are_each_named_and_nothing_is_entered()
    {
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        var date = TestDates.Next();
        var body = Bodies.Internal(date, 0, 6);
        body["title"] = " ";
        body["services"] = new[] { "Mainframe" };
        body.Remove("plannedMaintenance");
        body["end"] = body["start"];

        using var response = await assessor.SendJsonAsync(HttpMethod.Post, "/api/v1/internal-changes", body);

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "title", "services[0]", "plannedMaintenance", "end", "impactScore", "probabilityScore");
        var iso = TestDates.Iso(date);
        Assert.Empty((await assessor.GetJsonAsync($"/api/v1/internal-changes?from={iso}&to={iso}")).EnumerateArray());
        Assert.Equal(0, (await assessor.HeatmapDayAsync("internal", date)).GetProperty("changeCount").GetInt32());
    }

    [Fact]
    public async Task The_forward_schedule_lists_internal_changes_in_a_date_range_earliest_first()
    {
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        var wall = await app.ClientForAsync(DemoUsers.Wall);
        var first = TestDates.NextRange(2);
        var later = await assessor.CreateInternalAsync(Bodies.Internal(first.AddDays(1), 1, 1));
        var earlier = await assessor.CreateInternalAsync(Bodies.Internal(first, 1, 1));

        var list = await wall.GetJsonAsync($"/api/v1/internal-changes?from={TestDates.Iso(first)}&to={TestDates.Iso(first.AddDays(1))}");

        Assert.Equal([earlier.Reference(), later.Reference()], list.EnumerateArray().Select(c => c.Reference()));
    }
}
