using System.Net;
using System.Text.Json;
using ChangeCoordination.Web.Tests.Infrastructure;

namespace ChangeCoordination.Web.Tests.Api;

public sealed class AssessmentTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task The_queue_holds_only_changes_awaiting_assessment_earliest_start_first()
    {
        var supplierA = await app.ClientForAsync(DemoUsers.SupplierA);
        var supplierB = await app.ClientForAsync(DemoUsers.SupplierB);
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        var first = TestDates.NextRange(5);
        var third = await supplierA.NotifyAsync(Bodies.Change(first.AddDays(3)));
        var firstLate = await supplierB.NotifyAsync(Bodies.Change(first, startHour: 15));
        var firstEarly = await supplierA.NotifyAsync(Bodies.Change(first, startHour: 9));
        var second = await supplierB.NotifyAsync(Bodies.Change(first.AddDays(1), "BusinessCritical"));
        var assessed = await supplierA.NotifyAsync(Bodies.Change(first.AddDays(2)));
        await assessor.AssessAsync(assessed.Reference(), 1, "Unlikely");
        var cancelled = await supplierA.NotifyAsync(Bodies.Change(first.AddDays(4)));
        await supplierA.CancelAsync(cancelled.Reference());
        string[] mine = [third.Reference(), firstLate.Reference(), firstEarly.Reference(), second.Reference(), assessed.Reference(), cancelled.Reference()];

        var queue = (await assessor.GetJsonAsync("/api/v1/assessment-queue")).EnumerateArray().ToList();

        Assert.Equal(
            [firstEarly.Reference(), firstLate.Reference(), second.Reference(), third.Reference()],
            queue.Select(c => c.Reference()).Where(mine.Contains));
        Assert.All(queue, c => Assert.Equal("AwaitingAssessment", c.Text("status")));
        var starts = queue.Select(c => c.GetProperty("start").GetDateTimeOffset()).ToList();
        Assert.Equal(starts.Order(), starts);
        Assert.Equal("Supplier B", queue.Single(c => c.Reference() == second.Reference()).Text("organisation"));
    }

    [Theory]
    [InlineData("BusinessCritical", 2, "Unlikely", "Green")]
    [InlineData("BusinessCritical", 2, "Likely", "Amber")]
    [InlineData("BusinessCritical", 2, "HighlyLikely", "Red")]
    [InlineData("Firmware", 2, "Likely", "Amber")]
    [InlineData("Firmware", 2, "HighlyLikely", "Amber")]
    [InlineData("UserSystem", 4, "HighlyLikely", "Amber")]
    [InlineData("UserSystem", 7, "HighlyLikely", "Red")]
    [InlineData("UserSystem", 1, "HighlyLikely", "Green")]
    public async Task An_assessment_sets_the_risk_from_impact_and_probability(string type, int hours, string probability, string risk)
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        var date = TestDates.Next();
        var created = await supplier.NotifyAsync(Bodies.Change(date, type, hours: hours, startHour: 9));

        using var response = await assessor.SendJsonAsync(HttpMethod.Post, $"/api/v1/changes/{created.Reference()}/assessment", Bodies.Assessment(probability, "Touches the billing path."), ifMatch: 1);

        var assessed = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("\"2\"", response.Headers.ETag?.Tag);
        Assert.Equal("Assessed", assessed.Text("status"));
        Assert.Equal(probability, assessed.Text("probability"));
        Assert.Equal(risk, assessed.Text("risk"));
        Assert.Equal(risk, assessed.GetProperty("riskRange").Text("lowest"));
        Assert.Equal(risk, assessed.GetProperty("riskRange").Text("highest"));
        Assert.Equal(2, assessed.Revision());
        var day = await supplier.HeatmapDayAsync("user", date);
        Assert.Equal(risk, day.Text("status"));
        Assert.Equal(risk, day.Text("provisionalStatus"));
        Assert.Equal(0, day.GetProperty("unassessedCount").GetInt32());
        var queue = await assessor.GetJsonAsync("/api/v1/assessment-queue");
        Assert.DoesNotContain(queue.EnumerateArray(), c => c.Reference() == created.Reference());
    }

    [Fact]
    public async Task Of_two_assessors_who_read_the_same_revision_the_second_gets_412_and_the_first_assessment_stands()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var first = await app.ClientForAsync(DemoUsers.Assessor);
        var second = await app.ClientForAsync(DemoUsers.Assessor);
        var date = TestDates.Next();
        var created = await supplier.NotifyAsync(Bodies.Change(date, "BusinessCritical"));
        var reference = created.Reference();
        using var firstRead = await first.GetAsync(new Uri($"/api/v1/changes/{reference}", UriKind.Relative));
        using var secondRead = await second.GetAsync(new Uri($"/api/v1/changes/{reference}", UriKind.Relative));
        Assert.Equal("\"1\"", firstRead.Headers.ETag?.Tag);
        Assert.Equal("\"1\"", secondRead.Headers.ETag?.Tag);

        using var firstAnswer = await first.SendJsonAsync(HttpMethod.Post, $"/api/v1/changes/{reference}/assessment", Bodies.Assessment("HighlyLikely", "First view."), ifMatch: 1);
        using var secondAnswer = await second.SendJsonAsync(HttpMethod.Post, $"/api/v1/changes/{reference}/assessment", Bodies.Assessment("Unlikely", "Second view."), ifMatch: 1);

        await firstAnswer.ExpectAsync(HttpStatusCode.OK);
        var problem = await secondAnswer.ExpectProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Contains("2", problem.Text("detail"), StringComparison.Ordinal);
        var change = await supplier.GetJsonAsync($"/api/v1/changes/{reference}");
        Assert.Equal("HighlyLikely", change.Text("probability"));
        Assert.Equal("Red", change.Text("risk"));
        Assert.Equal("First view.", change.Text("assessmentRationale"));
        Assert.Equal(2, change.Revision());
        var revisions = await supplier.GetJsonAsync($"/api/v1/changes/{reference}/revisions");
        Assert.Equal(2, revisions.GetArrayLength());
        Assert.Equal("Red", (await supplier.HeatmapDayAsync("user", date)).Text("status"));
    }

    [Fact]
    public async Task Of_two_simultaneous_assessments_of_one_revision_exactly_one_is_taken()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var first = await app.ClientForAsync(DemoUsers.Assessor);
        var second = await app.ClientForAsync(DemoUsers.Assessor);
        var created = await supplier.NotifyAsync(Bodies.Change(TestDates.Next(), "BusinessCritical"));
        var url = $"/api/v1/changes/{created.Reference()}/assessment";

        var answers = await Task.WhenAll(
            first.SendJsonAsync(HttpMethod.Post, url, Bodies.Assessment("HighlyLikely"), ifMatch: 1),
            second.SendJsonAsync(HttpMethod.Post, url, Bodies.Assessment("Unlikely"), ifMatch: 1));

        Assert.Equal(
            [HttpStatusCode.OK, HttpStatusCode.PreconditionFailed],
            answers.Select(a => a.StatusCode).Order());
        var winner = answers.Single(a => a.StatusCode == HttpStatusCode.OK);
        var taken = (await winner.JsonAsync()).Text("probability");
        var change = await supplier.GetJsonAsync($"/api/v1/changes/{created.Reference()}");
        Assert.Equal(taken, change.Text("probability"));
        Assert.Equal(2, change.Revision());
        foreach (var answer in answers)
        {
            answer.Dispose();
        }
    }

    [Fact]
    public async Task A_reassessment_with_the_current_revision_replaces_the_probability()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        var created = await supplier.NotifyAsync(Bodies.Change(TestDates.Next(), "BusinessCritical"));
        await assessor.AssessAsync(created.Reference(), 1, "HighlyLikely");

        var reassessed = await assessor.AssessAsync(created.Reference(), 2, "Likely");

        Assert.Equal("Amber", reassessed.Text("risk"));
        Assert.Equal(3, reassessed.Revision());
        Assert.Equal(JsonValueKind.String, reassessed.GetProperty("assessmentRationale").ValueKind);
    }
}
