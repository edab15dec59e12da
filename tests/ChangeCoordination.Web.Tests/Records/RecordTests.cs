using System.Net;
using System.Text.Json;
using ChangeCoordination.Web.Tests.Infrastructure;

namespace ChangeCoordination.Web.Tests.Records;

/// <summary>
/// Each organisation's record and the DCC's calibration, on a month that has passed: Supplier A notified two changes
/// late and one on time, reviewed one as planned and one overran (tied to an incident); Supplier B's change was
/// assessed but neither reviewed nor tied.
/// </summary>
public sealed class RecordTests : IDisposable
{
    private readonly AppFactory app = new();
    private readonly DateOnly today = TestClock.Today;

    [Fact]
    public async Task Each_organisation_sees_its_own_record_with_the_counts_behind_every_share_and_the_dcc_sees_all()
    {
        await PassedMonthAsync();
        var range = $"from={TestDates.Iso(today)}&to={TestDates.Iso(today.AddDays(41))}";

        var own = await (await app.ClientForAsync(DemoUsers.SupplierA)).GetJsonAsync($"/api/v1/records?{range}");
        var other = await (await app.ClientForAsync(DemoUsers.SupplierB)).GetJsonAsync($"/api/v1/records?{range}");
        var all = await (await app.ClientForAsync(DemoUsers.Manager)).GetJsonAsync($"/api/v1/records?{range}");

        var record = Assert.Single(own.EnumerateArray());
        Assert.Equal("Supplier A", record.Text("organisation"));
        Assert.Equal(3, record.GetProperty("changes").GetInt32());
        Assert.Equal((2, 3), Counts(record.GetProperty("notifiedLate")));
        Assert.Equal((2, 3), Counts(record.GetProperty("reviewed")));
        Assert.Equal((1, 2), Counts(record.GetProperty("asPlanned")));
        Assert.Equal(0.5, record.GetProperty("asPlanned").GetProperty("share").GetDouble());
        Assert.InRange(record.GetProperty("asPlanned").GetProperty("low").GetDouble(), 0.05, 0.15);
        Assert.Equal(1, record.GetProperty("overran").GetInt32());
        Assert.Equal(1, record.GetProperty("incidentsTied").GetInt32());
        Assert.Equal(["Supplier B"], other.EnumerateArray().Select(r => r.Text("organisation")));
        Assert.Equal(["Supplier A", "Supplier B"], all.EnumerateArray().Select(r => r.Text("organisation")));
    }

    [Fact]
    public async Task Calibration_scores_the_reviewed_or_tied_changes_against_their_probability_and_only_managers_see_it_by_assessor()
    {
        await PassedMonthAsync();
        var range = $"from={TestDates.Iso(today)}&to={TestDates.Iso(today.AddDays(40))}";

        var calibration = await (await app.ClientForAsync(DemoUsers.Manager)).GetJsonAsync($"/api/v1/calibration?{range}");
        var forAssessor = await (await app.ClientForAsync(DemoUsers.Assessor)).GetJsonAsync($"/api/v1/calibration?{range}");

        Assert.Equal((2, 1), (calibration.GetProperty("scored").GetInt32(), calibration.GetProperty("unknown").GetInt32()));
        // Likely (0.65) went right, Highly likely (0.85) went wrong: ((0.65 - 0)^2 + (0.85 - 1)^2) / 2.
        Assert.Equal(0.2225, calibration.GetProperty("brier").GetDouble(), 6);
        var rows = calibration.GetProperty("byProbability").EnumerateArray().ToDictionary(r => r.Text("probability")!);
        Assert.Equal((0, 1), Counts(rows["Likely"].GetProperty("wentWrong")));
        Assert.Equal((1, 1), Counts(rows["HighlyLikely"].GetProperty("wentWrong")));
        Assert.Equal("too few to tell", rows["HighlyLikely"].Text("reading"));
        Assert.StartsWith("Too few", calibration.Text("verdict"), StringComparison.Ordinal);
        Assert.Equal(DemoUsers.Assessor, Assert.Single(calibration.GetProperty("byAssessor").EnumerateArray()).Text("assessor"));
        Assert.Equal(JsonValueKind.Null, forAssessor.GetProperty("byAssessor").ValueKind);
        var days = calibration.GetProperty("byDayStatus").EnumerateArray().Select(d => Counts(d.GetProperty("withIncident"))).ToList();
        Assert.Equal((1, 41), (days.Sum(d => d.Count), days.Sum(d => d.Total)));
    }

    [Fact]
    public async Task A_user_cannot_read_the_calibration_and_a_range_is_checked_by_name()
    {
        var user = await app.ClientForAsync(DemoUsers.SupplierA);
        var manager = await app.ClientForAsync(DemoUsers.Manager);

        Assert.Equal(HttpStatusCode.Forbidden, (await user.GetAsync(new Uri("/api/v1/calibration?from=2026-11-01&to=2026-11-30", UriKind.Relative))).StatusCode);
        using var backwards = await manager.GetAsync(new Uri("/api/v1/records?from=2026-11-30&to=2026-11-01", UriKind.Relative));
        await backwards.ExpectProblemAsync(HttpStatusCode.BadRequest, "to");
        using var missing = await manager.GetAsync(new Uri("/api/v1/calibration?to=2026-11-01", UriKind.Relative));
        await missing.ExpectProblemAsync(HttpStatusCode.BadRequest, "from");
    }

    public void Dispose() => app.Dispose();

    private static (int Count, int Total) Counts(JsonElement share) => (share.GetProperty("count").GetInt32(), share.GetProperty("total").GetInt32());

    private async Task PassedMonthAsync()
    {
        var supplierA = await app.ClientForAsync(DemoUsers.SupplierA);
        var supplierB = await app.ClientForAsync(DemoUsers.SupplierB);
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        var late = await supplierA.NotifyAsync(Bodies.Change(today.AddDays(5)));
        var overran = await supplierA.NotifyAsync(Bodies.Change(today.AddDays(6)));
        await supplierA.NotifyAsync(Bodies.Change(today.AddDays(40)));
        var unknown = await supplierB.NotifyAsync(Bodies.Change(today.AddDays(6)));
        late = await assessor.AssessAsync(late.Reference(), late.Revision(), "Likely");
        overran = await assessor.AssessAsync(overran.Reference(), overran.Revision(), "HighlyLikely");
        await assessor.AssessAsync(unknown.Reference(), unknown.Revision(), "Unlikely");

        app.Clock.Advance(TimeSpan.FromDays(41));
        await ReviewAsync(supplierA, late, "AsPlanned");
        await ReviewAsync(supplierA, overran, "Overran");
        var manager = await app.ClientForAsync(DemoUsers.Manager);
        using (var imported = await manager.SendJsonAsync(HttpMethod.Post, "/api/v1/operations/incidents", new[] { new { reference = "INC-REC-1", category = 3, opened = London.Text(London.At(today.AddDays(6), 11)), responsibleParty = "DccUser" } }))
        {
            await imported.ExpectAsync(HttpStatusCode.OK);
        }

        using var tied = await manager.SendJsonAsync(HttpMethod.Put, "/api/v1/operations/incidents/INC-REC-1/links", new { links = new[] { new { change = overran.Reference(), role = "Caused" } } }, 1);
        await tied.ExpectAsync(HttpStatusCode.OK);
    }

    private static async Task ReviewAsync(HttpClient client, JsonElement change, string outcome)
    {
        using var reviewed = await client.SendJsonAsync(HttpMethod.Put, $"/api/v1/changes/{change.Reference()}/review", new { outcome }, change.Revision());
        await reviewed.ExpectAsync(HttpStatusCode.OK);
    }
}
