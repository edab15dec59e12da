using System.Net;
using ChangeCoordination.Web.Tests.Infrastructure;

namespace ChangeCoordination.Web.Tests.Api;

/// <summary>Every bad request answers a 4xx problem naming what is wrong, and changes nothing.</summary>
public sealed class BadInputTests(AppFactory app) : IClassFixture<AppFactory>
{
    /// <summary>A spoilt field of a change body, and the field the errors must name; the last two apply to new changes only.</summary>
    private static readonly (string Spoilt, string Field)[] Spoilt =
    [
        ("end before start", "end"),
        ("end equal to start", "end"),
        ("type Banana", "type"),
        ("kind planned2", "kind"),
        ("kind as two names", "kind"),
        ("type as a number", "type"),
        ("no start", "start"),
        ("no type", "type"),
        ("start without offset", "start"),
        ("description of 4001 characters", "description"),
        ("planned without description", "description"),
        ("planned firmware without devices", "deviceCombinations"),
        ("unknown device", "deviceCombinations[0].devices[0]"),
        ("unknown SMETS generation", "deviceCombinations[0].smets"),
        ("window already over", "end"),
        ("unplanned more than 20 working days out", "kind"),
    ];

    public static TheoryData<string, string> SpoiltNewFields => Cases(Spoilt);

    public static TheoryData<string, string> SpoiltUpdateFields => Cases(Spoilt[..^2]);

    [Theory]
    [MemberData(nameof(SpoiltNewFields))]
    public async Task A_new_change_with_a_bad_field_answers_400_naming_it_and_nothing_is_notified(string spoilt, string field)
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var date = TestDates.Next();
        var body = Spoil(Bodies.Change(date), spoilt, date);

        using var response = await supplier.SendJsonAsync(HttpMethod.Post, "/api/v1/changes", body);

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, field);
        await AssertNothingOnAsync(supplier, date);
    }

    [Theory]
    [MemberData(nameof(SpoiltUpdateFields))]
    public async Task An_update_with_a_bad_field_answers_400_naming_it_and_changes_nothing(string spoilt, string field)
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var date = TestDates.Next();
        var created = await supplier.NotifyAsync(Bodies.Change(date));
        var body = Spoil(Bodies.Change(date), spoilt, date);

        using var response = await supplier.SendJsonAsync(HttpMethod.Put, $"/api/v1/changes/{created.Reference()}", body, ifMatch: 1);

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, field);
        await AssertUnchangedAsync(supplier, created);
    }

    [Theory]
    [InlineData("{\"kind\": \"Planned\", \"type\": ", "$")]
    [InlineData("{\"kind\": \"Planned\" \"type\": \"UserSystem\"}", "$")]
    [InlineData("[1, 2, 3]", "$")]
    [InlineData("null", "$")]
    [InlineData("{\"kind\": \"Planned\", \"type\": \"UserSystem\", \"start\": 20270201, \"end\": \"2027-02-01T12:00:00+00:00\"}", "start")]
    [InlineData("{\"kind\": \"Planned\", \"type\": [\"UserSystem\"]}", "type")]
    [InlineData("{\"kind\": \"Planned\", \"deviceCombinations\": {\"devices\": [\"ESME\"]}}", "deviceCombinations")]
    [InlineData("{\"kind\": \"Planned\", \"deviceCombinations\": [{\"devices\": \"ESME\"}]}", "deviceCombinations[0].devices")]
    public async Task Malformed_JSON_or_a_value_of_the_wrong_JSON_type_answers_400_naming_the_field(string json, string field)
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var date = TestDates.Next();
        var created = await supplier.NotifyAsync(Bodies.Change(date));
        var before = await ChangesAsync(supplier);

        using var post = await supplier.SendRawAsync(HttpMethod.Post, "/api/v1/changes", json);
        using var put = await supplier.SendRawAsync(HttpMethod.Put, $"/api/v1/changes/{created.Reference()}", json, ifMatch: 1);

        await post.ExpectProblemAsync(HttpStatusCode.BadRequest, field);
        await put.ExpectProblemAsync(HttpStatusCode.BadRequest, field);
        Assert.Equal(before, await ChangesAsync(supplier));
        await AssertUnchangedAsync(supplier, created);
    }

    [Fact]
    public async Task Malformed_or_mistyped_JSON_to_assessments_and_internal_changes_answers_400_and_changes_nothing()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        var date = TestDates.Next();
        var created = await supplier.NotifyAsync(Bodies.Change(date, "BusinessCritical"));
        var internalChange = await assessor.CreateInternalAsync(Bodies.Internal(date, 2, 2));
        var internalUrl = $"/api/v1/internal-changes/{internalChange.Reference()}";

        using var assessment = await assessor.SendRawAsync(HttpMethod.Post, $"/api/v1/changes/{created.Reference()}/assessment", "{\"probability\": \"Likely\", ", ifMatch: 1);
        using var mistypedAssessment = await assessor.SendRawAsync(HttpMethod.Post, $"/api/v1/changes/{created.Reference()}/assessment", "{\"probability\": 2, \"rationale\": \"x\"}", ifMatch: 1);
        using var internalPost = await assessor.SendRawAsync(HttpMethod.Post, "/api/v1/internal-changes", "{\"title\": \"x\", \"impactScore\": \"high\"}");
        using var internalPut = await assessor.SendRawAsync(HttpMethod.Put, internalUrl, "{\"title\": \"x\", \"plannedMaintenance\": \"yes\"}", ifMatch: 1);
        using var internalBroken = await assessor.SendRawAsync(HttpMethod.Put, internalUrl, "{\"title\": ", ifMatch: 1);

        await assessment.ExpectProblemAsync(HttpStatusCode.BadRequest, "$");
        await mistypedAssessment.ExpectProblemAsync(HttpStatusCode.BadRequest, "probability");
        await internalPost.ExpectProblemAsync(HttpStatusCode.BadRequest, "impactScore");
        await internalPut.ExpectProblemAsync(HttpStatusCode.BadRequest, "plannedMaintenance");
        await internalBroken.ExpectProblemAsync(HttpStatusCode.BadRequest, "$");
        await AssertUnchangedAsync(supplier, created);
        Assert.Equal(internalChange.ToString(), (await assessor.GetJsonAsync(internalUrl)).ToString());
        var iso = TestDates.Iso(date);
        Assert.Single((await assessor.GetJsonAsync($"/api/v1/internal-changes?from={iso}&to={iso}")).EnumerateArray());
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task A_body_that_is_not_JSON_answers_415_and_changes_nothing(string contentType)
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        var date = TestDates.Next();
        var created = await supplier.NotifyAsync(Bodies.Change(date));
        var before = await ChangesAsync(supplier);
        var json = System.Text.Json.JsonSerializer.Serialize(Bodies.Change(date));

        using var post = await supplier.SendRawAsync(HttpMethod.Post, "/api/v1/changes", json, contentType);
        using var put = await supplier.SendRawAsync(HttpMethod.Put, $"/api/v1/changes/{created.Reference()}", json, contentType, ifMatch: 1);
        using var assess = await assessor.SendRawAsync(HttpMethod.Post, $"/api/v1/changes/{created.Reference()}/assessment", "{\"probability\":\"Likely\",\"rationale\":\"x\"}", contentType, ifMatch: 1);
        using var internalPost = await assessor.SendRawAsync(HttpMethod.Post, "/api/v1/internal-changes", System.Text.Json.JsonSerializer.Serialize(Bodies.Internal(date, 1, 1)), contentType);

        await post.ExpectProblemAsync(HttpStatusCode.UnsupportedMediaType);
        await put.ExpectProblemAsync(HttpStatusCode.UnsupportedMediaType);
        await assess.ExpectProblemAsync(HttpStatusCode.UnsupportedMediaType);
        await internalPost.ExpectProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Equal(before, await ChangesAsync(supplier));
        await AssertUnchangedAsync(supplier, created);
        Assert.Equal(0, (await supplier.HeatmapDayAsync("internal", date)).GetProperty("changeCount").GetInt32());
    }

    [Fact]
    public async Task A_stale_If_Match_answers_412_and_changes_nothing()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        var date = TestDates.Next();
        var created = await supplier.NotifyAsync(Bodies.Change(date, "BusinessCritical"));
        var current = await supplier.UpdateAsync(created.Reference(), 1, Bodies.Change(date, "BusinessCritical", description: "Revised"));

        using var put = await supplier.SendJsonAsync(HttpMethod.Put, $"/api/v1/changes/{created.Reference()}", Bodies.Change(date, "UserSystem"), ifMatch: 1);
        using var assess = await assessor.SendJsonAsync(HttpMethod.Post, $"/api/v1/changes/{created.Reference()}/assessment", Bodies.Assessment("HighlyLikely"), ifMatch: 1);
        using var cancel = await supplier.SendJsonAsync(HttpMethod.Post, $"/api/v1/changes/{created.Reference()}/cancel", null, ifMatch: 1);
        using var future = await supplier.SendJsonAsync(HttpMethod.Put, $"/api/v1/changes/{created.Reference()}", Bodies.Change(date, "UserSystem"), ifMatch: 3);

        foreach (var response in new[] { put, assess, cancel, future })
        {
            await response.ExpectProblemAsync(HttpStatusCode.PreconditionFailed);
        }

        await AssertUnchangedAsync(supplier, current);
        var day = await supplier.HeatmapDayAsync("user", date);
        Assert.Equal(("Green", "Red"), (day.Text("status"), day.Text("provisionalStatus")));
    }

    [Fact]
    public async Task A_missing_If_Match_on_an_update_or_an_assessment_answers_428_and_changes_nothing()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        var date = TestDates.Next();
        var created = await supplier.NotifyAsync(Bodies.Change(date, "BusinessCritical"));

        using var put = await supplier.SendJsonAsync(HttpMethod.Put, $"/api/v1/changes/{created.Reference()}", Bodies.Change(date, "UserSystem"));
        using var assess = await assessor.SendJsonAsync(HttpMethod.Post, $"/api/v1/changes/{created.Reference()}/assessment", Bodies.Assessment("HighlyLikely"));

        await put.ExpectProblemAsync(HttpStatusCode.PreconditionRequired);
        await assess.ExpectProblemAsync(HttpStatusCode.PreconditionRequired);
        await AssertUnchangedAsync(supplier, created);
    }

    [Theory]
    [InlineData("", "rationale")]
    [InlineData("   ", "rationale")]
    [InlineData(null, "rationale")]
    public async Task An_assessment_without_a_rationale_answers_400_naming_it_and_changes_nothing(string? rationale, string field)
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        var created = await supplier.NotifyAsync(Bodies.Change(TestDates.Next(), "BusinessCritical"));

        using var response = await assessor.SendJsonAsync(HttpMethod.Post, $"/api/v1/changes/{created.Reference()}/assessment", new { probability = "Likely", rationale }, ifMatch: 1);

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, field);
        await AssertUnchangedAsync(supplier, created);
        Assert.Contains((await assessor.GetJsonAsync("/api/v1/assessment-queue")).EnumerateArray(), c => c.Reference() == created.Reference());
    }

    [Theory]
    [InlineData("Possibly")]
    [InlineData("Unlikely,Likely")]
    [InlineData("2")]
    [InlineData("")]
    public async Task An_assessment_with_an_unknown_probability_answers_400_naming_it_and_changes_nothing(string probability)
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        var created = await supplier.NotifyAsync(Bodies.Change(TestDates.Next(), "BusinessCritical"));

        using var response = await assessor.SendJsonAsync(HttpMethod.Post, $"/api/v1/changes/{created.Reference()}/assessment", Bodies.Assessment(probability), ifMatch: 1);

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "probability");
        await AssertUnchangedAsync(supplier, created);
    }

    [Fact]
    public async Task Cancelling_a_cancelled_change_answers_409_and_changes_nothing()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var cancelled = await supplier.CancelAsync((await supplier.NotifyAsync(Bodies.Change(TestDates.Next()))).Reference());

        using var response = await supplier.SendJsonAsync(HttpMethod.Post, $"/api/v1/changes/{cancelled.Reference()}/cancel", null);

        await response.ExpectProblemAsync(HttpStatusCode.Conflict);
        await AssertUnchangedAsync(supplier, cancelled);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_cancellation_reason_over_2000_characters_answers_400_naming_it_and_changes_nothing(bool chunked)
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var created = await supplier.NotifyAsync(Bodies.Change(TestDates.Next()));
        var url = $"/api/v1/changes/{created.Reference()}/cancel";
        var body = new { reason = new string('r', 2001) };

        using var response = await supplier.SendRawAsync(HttpMethod.Post, url, System.Text.Json.JsonSerializer.Serialize(body), chunked: chunked);

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "reason");
        await AssertUnchangedAsync(supplier, created);
    }

    [Fact]
    public async Task Assessing_or_updating_a_cancelled_change_answers_409_and_changes_nothing()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        var date = TestDates.Next();
        var cancelled = await supplier.CancelAsync((await supplier.NotifyAsync(Bodies.Change(date, "BusinessCritical"))).Reference());

        using var assess = await assessor.SendJsonAsync(HttpMethod.Post, $"/api/v1/changes/{cancelled.Reference()}/assessment", Bodies.Assessment("HighlyLikely"), ifMatch: 2);
        using var update = await supplier.SendJsonAsync(HttpMethod.Put, $"/api/v1/changes/{cancelled.Reference()}", Bodies.Change(date), ifMatch: 2);

        await assess.ExpectProblemAsync(HttpStatusCode.Conflict);
        await update.ExpectProblemAsync(HttpStatusCode.Conflict);
        await AssertUnchangedAsync(supplier, cancelled);
        Assert.Equal("White", (await supplier.HeatmapDayAsync("overall", date)).Text("status"));
    }

    [Fact]
    public async Task Writes_to_a_change_that_does_not_exist_answer_404()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);

        using var put = await supplier.SendJsonAsync(HttpMethod.Put, "/api/v1/changes/CHG-99999", Bodies.Change(TestDates.Next()), ifMatch: 1);
        using var cancel = await supplier.SendJsonAsync(HttpMethod.Post, "/api/v1/changes/CHG-99999/cancel", null);
        using var assess = await assessor.SendJsonAsync(HttpMethod.Post, "/api/v1/changes/CHG-99999/assessment", Bodies.Assessment("Likely"), ifMatch: 1);
        using var internalPut = await assessor.SendJsonAsync(HttpMethod.Put, "/api/v1/internal-changes/FSC-99999", Bodies.Internal(TestDates.Next(), 1, 1), ifMatch: 1);

        foreach (var response in new[] { put, cancel, assess, internalPut })
        {
            await response.ExpectProblemAsync(HttpStatusCode.NotFound);
        }
    }

    [Theory]
    [InlineData("view=overall&from=2027-03-10&to=2027-03-09", "to")]
    [InlineData("view=weekly&from=2027-03-01&to=2027-03-09", "view")]
    [InlineData("view=user,internal&from=2027-03-01&to=2027-03-09", "view")]
    [InlineData("view=overall,user&from=2027-03-01&to=2027-03-09", "view")]
    [InlineData("view=1&from=2027-03-01&to=2027-03-09", "view")]
    [InlineData("view=overall&from=2027-02-30&to=2027-03-09", "from")]
    [InlineData("view=overall&from=2027-03-01&to=09/03/2027", "to")]
    [InlineData("view=overall&from=2025-01-01&to=2027-12-31", "to")]
    public async Task A_bad_heatmap_query_answers_400_naming_the_parameter_and_changes_nothing(string query, string field)
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        const string Range = "from=2027-03-01&to=2027-03-10";
        var before = (await supplier.GetJsonAsync($"/api/v1/heatmap?view=overall&{Range}")).ToString();

        using var response = await supplier.GetAsync(new Uri($"/api/v1/heatmap?{query}", UriKind.Relative));

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, field);
        Assert.Equal(before, (await supplier.GetJsonAsync($"/api/v1/heatmap?view=overall&{Range}")).ToString());
    }

    [Theory]
    [InlineData("/api/v1/days/2027-02-30", "date")]
    [InlineData("/api/v1/days/tomorrow", "date")]
    [InlineData("/api/v1/days/01-03-2027", "date")]
    [InlineData("/api/v1/changes?from=2027-03-10&to=2027-03-01", "to")]
    [InlineData("/api/v1/changes?from=March", "from")]
    [InlineData("/api/v1/changes?status=Pending", "status")]
    [InlineData("/api/v1/high-risk-days?from=2027-03-10&to=2027-03-01", "to")]
    [InlineData("/api/v1/high-risk-days?from=2027-13-01", "from")]
    [InlineData("/api/v1/internal-changes?to=2027/03/01", "to")]
    public async Task A_bad_date_or_filter_answers_400_naming_it(string url, string field)
    {
        var manager = await app.ClientForAsync(DemoUsers.Manager);

        using var response = await manager.GetAsync(new Uri(url, UriKind.Relative));

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, field);
    }

    private static Dictionary<string, object?> Spoil(Dictionary<string, object?> body, string spoilt, DateOnly date)
    {
        switch (spoilt)
        {
            case "end before start":
                body["end"] = London.Text(London.At(date, 9));
                break;
            case "end equal to start":
                body["end"] = body["start"];
                break;
            case "type Banana":
                body["type"] = "Banana";
                break;
            case "kind planned2":
                body["kind"] = "planned2";
                break;
            case "kind as two names":
                body["kind"] = "Planned,Unplanned";
                break;
            case "type as a number":
                body["type"] = "1";
                break;
            case "no start":
                body.Remove("start");
                break;
            case "no type":
                body.Remove("type");
                break;
            case "start without offset":
                body["start"] = $"{TestDates.Iso(date)}T10:00:00";
                break;
            case "description of 4001 characters":
                body["description"] = new string('x', 4001);
                break;
            case "planned without description":
                body.Remove("description");
                break;
            case "planned firmware without devices":
                body["type"] = "Firmware";
                body["deviceCombinations"] = Array.Empty<object>();
                break;
            case "unknown device":
                body["deviceCombinations"] = Bodies.Devices("Toaster");
                break;
            case "unknown SMETS generation":
                body["deviceCombinations"] = new[] { new { devices = new[] { "GSME" }, smets = "SMETS3" } };
                break;
            case "window already over":
                body["start"] = London.Text(London.At(TestClock.Today.AddDays(-1), 10));
                body["end"] = London.Text(London.At(TestClock.Today.AddDays(-1), 12));
                break;
            case "unplanned more than 20 working days out":
                body["kind"] = "Unplanned";
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(spoilt), spoilt, "No such spoilt field.");
        }

        return body;
    }

    private static TheoryData<string, string> Cases(IEnumerable<(string Spoilt, string Field)> spoilt)
    {
        var cases = new TheoryData<string, string>();
        foreach (var (what, field) in spoilt)
        {
            cases.Add(what, field);
        }

        return cases;
    }

    private static async Task<string> ChangesAsync(HttpClient client) => (await client.GetJsonAsync("/api/v1/changes")).ToString();

    private static async Task AssertNothingOnAsync(HttpClient client, DateOnly date)
    {
        var iso = TestDates.Iso(date);
        Assert.Empty((await client.GetJsonAsync($"/api/v1/changes?from={iso}&to={iso}")).EnumerateArray());
        Assert.Equal(0, (await client.HeatmapDayAsync("overall", date)).GetProperty("changeCount").GetInt32());
    }

    private static async Task AssertUnchangedAsync(HttpClient owner, System.Text.Json.JsonElement expected)
    {
        var reference = expected.Reference();
        Assert.Equal(expected.ToString(), (await owner.GetJsonAsync($"/api/v1/changes/{reference}")).ToString());
        Assert.Equal(expected.Revision(), (await owner.GetJsonAsync($"/api/v1/changes/{reference}/revisions")).GetArrayLength());
    }
}
