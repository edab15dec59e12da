using System.Net;
using System.Text.Json;
using ChangeCoordination.Web.Tests.Infrastructure;

namespace ChangeCoordination.Web.Tests.Assessment;

/// <summary>
/// The advice the assessor is given, from a history the test makes: Supplier A's ten User System changes of a month
/// that has passed, three of which overran.
/// </summary>
public sealed class AdviceTests : IDisposable
{
    private readonly AppFactory app = new();
    private readonly DateOnly today = TestClock.Today;

    [Fact]
    public async Task Ten_similar_changes_of_which_three_overran_suggest_Unlikely_with_each_of_them_as_evidence()
    {
        var supplierA = await app.ClientForAsync(DemoUsers.SupplierA);
        await HistoryAsync(supplierA, overran: 3);
        var next = await supplierA.NotifyAsync(Bodies.Change(today.AddDays(70)));

        var advice = await (await app.ClientForAsync(DemoUsers.Assessor)).GetJsonAsync($"/api/v1/changes/{next.Reference()}/advice");

        Assert.Equal("Unlikely", advice.Text("suggested"));
        Assert.Equal((3, 10), Counts(advice.GetProperty("wentWrong")));
        Assert.StartsWith("Similar changes: 3 of 10 went wrong", advice.Text("summary"), StringComparison.Ordinal);
        Assert.StartsWith("Supplier A's User System changes", advice.Text("similar"), StringComparison.Ordinal);
        var evidence = advice.GetProperty("evidence").EnumerateArray().ToList();
        Assert.Equal(10, evidence.Count);
        Assert.Equal(3, evidence.Count(e => e.GetProperty("wentWrong").GetBoolean()));
        Assert.All(evidence.Where(e => e.GetProperty("wentWrong").GetBoolean()), e => Assert.Equal("Overran", e.Text("outcome")));
    }

    [Fact]
    public async Task Assessing_against_the_advice_is_recorded_as_overruled_and_following_it_as_followed()
    {
        var supplierA = await app.ClientForAsync(DemoUsers.SupplierA);
        await HistoryAsync(supplierA, overran: 3);
        var against = await supplierA.NotifyAsync(Bodies.Change(today.AddDays(70)));
        var along = await supplierA.NotifyAsync(Bodies.Change(today.AddDays(72)));
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);

        await assessor.AssessAsync(against.Reference(), against.Revision(), "HighlyLikely");
        await assessor.AssessAsync(along.Reference(), along.Revision(), "Unlikely");

        var manager = await app.ClientForAsync(DemoUsers.Manager);
        var overruled = Assert.Single((await manager.GetJsonAsync("/api/v1/audit?action=assessment.advice.overruled")).GetProperty("events").EnumerateArray());
        var followed = Assert.Single((await manager.GetJsonAsync("/api/v1/audit?action=assessment.advice.followed")).GetProperty("events").EnumerateArray());
        Assert.Equal($"{against.Reference()}: assessed Highly likely; advised Unlikely (3 of 10 similar went wrong)", overruled.Text("subject"));
        Assert.Equal(DemoUsers.Assessor, overruled.Text("actor"));
        Assert.StartsWith($"{along.Reference()}: assessed Unlikely; advised Unlikely", followed.Text("subject"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_organisation_with_no_history_of_its_own_is_advised_from_every_users_changes()
    {
        await HistoryAsync(await app.ClientForAsync(DemoUsers.SupplierA), overran: 8);
        var other = await (await app.ClientForAsync(DemoUsers.SupplierB)).NotifyAsync(Bodies.Change(today.AddDays(70)));

        var advice = await (await app.ClientForAsync(DemoUsers.Assessor)).GetJsonAsync($"/api/v1/changes/{other.Reference()}/advice");

        Assert.Equal("HighlyLikely", advice.Text("suggested"));
        Assert.StartsWith("every User's User System changes", advice.Text("similar"), StringComparison.Ordinal);
        Assert.All(advice.GetProperty("evidence").EnumerateArray(), e => Assert.Equal("Supplier A", e.Text("organisation")));
    }

    [Fact]
    public async Task With_too_little_history_nothing_is_suggested_and_an_assessment_records_no_advice()
    {
        var supplierA = await app.ClientForAsync(DemoUsers.SupplierA);
        var change = await supplierA.NotifyAsync(Bodies.Change(today.AddDays(30)));
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);

        var advice = await assessor.GetJsonAsync($"/api/v1/changes/{change.Reference()}/advice");
        await assessor.AssessAsync(change.Reference(), change.Revision(), "Likely");

        Assert.Equal(JsonValueKind.Null, advice.GetProperty("suggested").ValueKind);
        Assert.StartsWith("Too little history to advise: 0 similar changes", advice.Text("summary"), StringComparison.Ordinal);
        var manager = await app.ClientForAsync(DemoUsers.Manager);
        Assert.Empty((await manager.GetJsonAsync("/api/v1/audit?action=assessment.advice.followed")).GetProperty("events").EnumerateArray());
        Assert.Empty((await manager.GetJsonAsync("/api/v1/audit?action=assessment.advice.overruled")).GetProperty("events").EnumerateArray());
    }

    [Fact]
    public async Task The_advice_is_for_the_dcc_alone_and_an_unknown_change_is_not_found()
    {
        var supplierA = await app.ClientForAsync(DemoUsers.SupplierA);
        var change = await supplierA.NotifyAsync(Bodies.Change(today.AddDays(30)));

        using var forUser = await supplierA.GetAsync(new Uri($"/api/v1/changes/{change.Reference()}/advice", UriKind.Relative));
        using var unknown = await (await app.ClientForAsync(DemoUsers.Assessor)).GetAsync(new Uri("/api/v1/changes/CHG-99999/advice", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, forUser.StatusCode);
        await unknown.ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    public void Dispose() => app.Dispose();

    private static (int Count, int Total) Counts(JsonElement share) => (share.GetProperty("count").GetInt32(), share.GetProperty("total").GetInt32());

    /// <summary>Ten User System changes of two hours, assessed Likely; after a month, the first <paramref name="overran"/> reviewed as overran, the rest as planned.</summary>
    private async Task HistoryAsync(HttpClient owner, int overran)
    {
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        var changes = new List<JsonElement>();
        for (var i = 0; i < 10; i++)
        {
            var change = await owner.NotifyAsync(Bodies.Change(today.AddDays(5 + i)));
            changes.Add(await assessor.AssessAsync(change.Reference(), change.Revision(), "Likely"));
        }

        app.Clock.Advance(TimeSpan.FromDays(41));
        for (var i = 0; i < changes.Count; i++)
        {
            using var reviewed = await owner.SendJsonAsync(HttpMethod.Put, $"/api/v1/changes/{changes[i].Reference()}/review", new { outcome = i < overran ? "Overran" : "AsPlanned" }, changes[i].Revision());
            await reviewed.ExpectAsync(HttpStatusCode.OK);
        }
    }
}
