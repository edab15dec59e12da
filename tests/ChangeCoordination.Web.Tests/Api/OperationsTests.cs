using System.Globalization;
using System.Net;
using System.Text.Json;
using ChangeCoordination.Web.Tests.Infrastructure;

namespace ChangeCoordination.Web.Tests.Api;

public sealed class OperationsTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string RequestsHeader = "requestId,srv,smets,region,received,responded,outcomeCode,alertCode";

    private static readonly string[] UserInterfaceOnly = ["UserInterface"];

    private static double[] Doubles(JsonElement element, params string[] properties) => [.. properties.Select(p => element.GetProperty(p).GetDouble())];

    private static int[] Ints(JsonElement element, params string[] properties) => [.. properties.Select(p => element.GetProperty(p).GetInt32())];

    private static string Request(string id, string srv, string smets, string region, string received, int seconds, string outcome = "I0", string alert = "")
    {
        var start = DateTimeOffset.Parse(received, CultureInfo.InvariantCulture);
        return $"{id},{srv},{smets},{region},{London.Text(start)},{London.Text(start.AddSeconds(seconds))},{outcome},{alert}";
    }

    private static async Task<JsonElement> ImportCsvAsync(HttpClient client, string kind, string csv)
    {
        using var response = await client.SendRawAsync(HttpMethod.Post, $"/api/v1/operations/imports/{kind}", csv, "text/csv");
        return await response.ExpectAsync(HttpStatusCode.OK);
    }

    private static async Task<JsonElement> ImportJsonAsync(HttpClient client, string kind, object rows)
    {
        using var response = await client.SendJsonAsync(HttpMethod.Post, $"/api/v1/operations/{kind}", rows);
        return await response.ExpectAsync(HttpStatusCode.OK);
    }

    private static object Incident(string reference, int category, string opened, double? respondedHours, double? resolvedHours, string party = "Dcc", string? summary = null)
    {
        var at = DateTimeOffset.Parse(opened, CultureInfo.InvariantCulture);
        return new
        {
            reference,
            category,
            summary,
            opened = London.Text(at),
            responded = respondedHours is { } r ? London.Text(at.AddHours(r)) : null,
            resolved = resolvedHours is { } s ? London.Text(at.AddHours(s)) : null,
            responsibleParty = party,
        };
    }

    [Fact]
    public async Task A_month_of_imported_files_gives_the_hand_computed_report()
    {
        var toc = await app.ClientForAsync(DemoUsers.Toc);
        var manager = await app.ClientForAsync(DemoUsers.Manager);
        await ImportCsvAsync(toc, "service-requests", string.Join('\n',
            RequestsHeader,
            Request("N-1", "2.2", "SMETS2", "North", "2030-11-04T10:00:00Z", 10),
            Request("N-2", "2.2", "SMETS2", "North", "2030-11-04T10:01:00Z", 20, "E201"),
            Request("N-3", "2.2", "SMETS2", "North", "2030-11-04T10:02:00Z", 40, alert: "N12"),
            Request("N-4", "2.2", "SMETS2", "North", "2030-11-04T10:03:00Z", 90),
            Request("N-5", "6.23", "SMETS1", "South", "2030-11-05T10:00:00Z", 5)));
        await ImportCsvAsync(toc, "outages",
            "reference,services,subSystem,region,start,end,planned\n" +
            "N-O1,UserInterface;SelfServiceInterface,DSP adapter,,2030-11-06T10:00:00+00:00,2030-11-06T13:55:00+00:00,no\n" +
            "N-O2,UserInterface,DSP database,North,2030-11-07T21:00:00+00:00,2030-11-07T23:00:00+00:00,yes\n");
        await ImportJsonAsync(manager, "incidents", new[]
        {
            Incident("N-I1", 3, "2030-11-06T10:05:00Z", 3, 20),
            Incident("N-I2", 3, "2030-11-08T10:00:00Z", 5, 48),
            Incident("N-I3", 4, "2030-11-10T00:00:00Z", 8, null),
            Incident("N-I4", 1, "2030-11-06T11:00:00Z", 0.25, 2, "DccUser"),
        });

        var report = await manager.GetJsonAsync("/api/v1/operations/report?month=2030-11");

        Assert.Equal((5, 2, 4), (report.GetProperty("serviceRequests").GetInt32(), report.GetProperty("outages").GetInt32(), report.GetProperty("incidents").GetInt32()));
        var prepayment = report.GetProperty("rsvp").EnumerateArray().Single(r => r.Text("process") == "Prepayment");
        Assert.Equal(("SMETS2", "North", 4), (prepayment.Text("smets"), prepayment.Text("region"), prepayment.GetProperty("volume").GetInt32()));
        Assert.Equal([40, 30, 10, 90, 0.5, 0.5], Doubles(prepayment, "meanSeconds", "medianSeconds", "minSeconds", "maxSeconds", "withinTargetShare", "failureShare"));
        var cos = report.GetProperty("rsvp").EnumerateArray().Single(r => r.Text("process") == "ChangeOfSupplier");
        Assert.Equal(("SMETS1", "South", 0.0), (cos.Text("smets"), cos.Text("region"), cos.GetProperty("failureShare").GetDouble()));

        var daily = report.GetProperty("rsvpDaily").EnumerateArray().Select(d => (d.Text("date"), d.Text("process"), d.Text("smets"), d.Text("region"), d.GetProperty("volume").GetInt32(), d.GetProperty("withinTarget").GetInt32(), d.GetProperty("failures").GetInt32()));
        Assert.Equal([("2030-11-04", "Prepayment", "SMETS2", "North", 4, 2, 2), ("2030-11-05", "ChangeOfSupplier", "SMETS1", "South", 1, 1, 0)], daily);

        var north = report.GetProperty("availability").EnumerateArray().Single(a => a.Text("service") == "UserInterface" && a.Text("region") == "North");
        Assert.Equal(3.91m, north.GetProperty("downtimeHours").GetDecimal());
        Assert.Equal(2.00m, north.GetProperty("plannedMaintenanceHours").GetDecimal());
        Assert.Equal(1, north.GetProperty("failures").GetInt32());
        Assert.Equal(42845.0 / 43080, north.GetProperty("availability").GetDouble(), 12);
        Assert.Equal(235.0 / 60, north.GetProperty("mttrHours").GetDouble(), 12);
        Assert.Equal(42845.0 / 60, north.GetProperty("mtbfHours").GetDouble(), 12);
        Assert.Equal(3.91m, north.GetProperty("bands").EnumerateArray().Single(b => b.Text("band") == "WeekdayDay").GetProperty("downtimeHours").GetDecimal());
        var ssiSouth = report.GetProperty("availability").EnumerateArray().Single(a => a.Text("service") == "SelfServiceInterface" && a.Text("region") == "South");
        Assert.Equal((3.91m, 0m), (ssiSouth.GetProperty("downtimeHours").GetDecimal(), ssiSouth.GetProperty("plannedMaintenanceHours").GetDecimal()));
        var rdi = report.GetProperty("availability").EnumerateArray().Single(a => a.Text("service") == "RegistrationDataInterface" && a.Text("region") == "Central");
        Assert.Equal(1.0, rdi.GetProperty("availability").GetDouble());
        Assert.Equal(JsonValueKind.Null, rdi.GetProperty("mttrHours").ValueKind);

        var cpm5 = report.GetProperty("cpm5").EnumerateArray().ToDictionary(c => c.GetProperty("category").GetInt32());
        Assert.Equal([2, 1, 1, 0], Ints(cpm5[3], "raised", "responseMet", "resolutionMet", "unresolved"));
        Assert.Equal([34, 34, 48], Doubles(cpm5[3], "meanResolutionHours", "medianResolutionHours", "maxResolutionHours"));
        Assert.Equal([1, 1, 0, 1], Ints(cpm5[4], "raised", "responseMet", "resolutionMet", "unresolved"));
        Assert.Equal(0, cpm5[5].GetProperty("raised").GetInt32());
        var counts = report.GetProperty("incidentsByCategory").EnumerateArray().Select(c => (c.GetProperty("raised").GetInt32(), c.GetProperty("dccResponsible").GetInt32()));
        Assert.Equal([(1, 0), (0, 0), (2, 2), (1, 1), (0, 0)], counts);
        Assert.Equal("2030-11-10", report.Text("dataThrough"));
        Assert.Equal(30 * 5, report.GetProperty("availabilityDaily").GetArrayLength());
    }

    [Fact]
    public async Task The_report_exports_as_CSV_one_figure_a_row()
    {
        var toc = await app.ClientForAsync(DemoUsers.Toc);
        await ImportCsvAsync(toc, "outages", "reference,services,subSystem,start,end\nC-O1,UserInterface,DSP adapter,2031-01-06T10:00:00Z,2031-01-06T13:55:00Z\n");

        using var response = await toc.GetAsync(new Uri("/api/v1/operations/report.csv?month=2031-01", UriKind.Relative));
        var csv = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("section,about,period,measure,value\r\n", csv, StringComparison.Ordinal);
        Assert.Contains("Availability,UserInterface North,2031-01,unplanned downtime (h),3.91\r\n", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_with_one_bad_row_writes_nothing_and_names_each_row_and_column()
    {
        var toc = await app.ClientForAsync(DemoUsers.Toc);
        var csv = string.Join('\n',
            RequestsHeader,
            Request("B-1", "2.2", "SMETS2", "North", "2030-12-02T10:00:00Z", 10),
            "B-2,99.9,SMETS3,Midlands,2030-12-02T10:00:00Z,2030-12-02T09:00:00Z,,",
            Request("B-1", "2.2", "SMETS2", "North", "2030-12-02T11:00:00Z", 10));

        using var response = await toc.SendRawAsync(HttpMethod.Post, "/api/v1/operations/imports/service-requests", csv, "text/csv");

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "rows[3].srv", "rows[3].smets", "rows[3].region", "rows[3].responded", "rows[3].outcomeCode", "rows[4].requestId");
        Assert.Contains("2.2", problem.GetProperty("errors").GetProperty("rows[3].srv")[0].GetString(), StringComparison.Ordinal);
        var report = await toc.GetJsonAsync("/api/v1/operations/report?month=2030-12");
        Assert.Equal(0, report.GetProperty("serviceRequests").GetInt32());
    }

    [Fact]
    public async Task Bad_JSON_rows_are_named_by_index_and_nothing_is_written()
    {
        var manager = await app.ClientForAsync(DemoUsers.Manager);
        var rows = new object[]
        {
            new { reference = "J-O1", services = UserInterfaceOnly, subSystem = "DSP adapter", start = "2031-02-03T10:00:00Z", end = "2031-02-03T11:00:00Z", planned = false },
            new { reference = "J-O2", services = new[] { "Teleporter" }, subSystem = "", start = "2031-02-03T10:00:00Z", end = "2031-02-03T09:00:00Z", planned = false },
        };

        using var response = await manager.SendJsonAsync(HttpMethod.Post, "/api/v1/operations/outages", rows);

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "[1].services", "[1].subSystem", "[1].end");
        var report = await manager.GetJsonAsync("/api/v1/operations/report?month=2031-02");
        Assert.Equal(0, report.GetProperty("outages").GetInt32());
    }

    [Theory]
    [InlineData("reference,category,opened,responsibleParty\nX-1,9,2031-03-03T10:00:00Z,Dcc\n", "rows[2].category")]
    [InlineData("reference,category,opened,responsibleParty\nX-1,three,2031-03-03T10:00:00Z,Dcc\n", "rows[2].category")]
    [InlineData("reference,category,opened,responsibleParty\nX-1,3,2031-03-03 10:00,Nobody\n", "rows[2].opened", "rows[2].responsibleParty")]
    [InlineData("reference,category,opened,responsibleParty,resolved\nX-1,3,2031-03-03T10:00:00Z,Dcc,2031-03-02T10:00:00Z\n", "rows[2].resolved")]
    [InlineData("reference,opened\nX-1,2031-03-03T10:00:00Z\n", "file")]
    [InlineData("", "file")]
    public async Task Bad_incident_files_answer_400_naming_the_cell_or_the_file(string csv, params string[] fields)
    {
        var toc = await app.ClientForAsync(DemoUsers.Toc);

        using var response = await toc.SendRawAsync(HttpMethod.Post, "/api/v1/operations/imports/incidents", csv, "text/csv");

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, fields);
    }

    [Fact]
    public async Task Importing_again_keeps_requests_once_and_replaces_an_incident_with_its_resolution()
    {
        var toc = await app.ClientForAsync(DemoUsers.Toc);
        var csv = $"{RequestsHeader}\n{Request("R-1", "11.3", "SMETS2", "Central", "2031-04-01T10:00:00Z", 12)}\n";

        var first = await ImportCsvAsync(toc, "service-requests", csv);
        var second = await ImportCsvAsync(toc, "service-requests", csv);
        await ImportJsonAsync(toc, "incidents", new[] { Incident("R-I1", 3, "2031-04-01T10:00:00Z", 1, null) });
        var resolved = await ImportJsonAsync(toc, "incidents", new[] { Incident("R-I1", 3, "2031-04-01T10:00:00Z", 1, 10) });

        Assert.Equal((1, 0), (first.GetProperty("added").GetInt32(), first.GetProperty("unchanged").GetInt32()));
        Assert.Equal((0, 1), (second.GetProperty("added").GetInt32(), second.GetProperty("unchanged").GetInt32()));
        Assert.Equal(1, resolved.GetProperty("updated").GetInt32());
        var report = await toc.GetJsonAsync("/api/v1/operations/report?month=2031-04");
        Assert.Equal(1, report.GetProperty("serviceRequests").GetInt32());
        var category3 = report.GetProperty("cpm5").EnumerateArray().Single(c => c.GetProperty("category").GetInt32() == 3);
        Assert.Equal((1, 0), (category3.GetProperty("resolutionMet").GetInt32(), category3.GetProperty("unresolved").GetInt32()));
    }

    [Fact]
    public async Task Every_import_is_in_the_audit_log_with_who_and_how_many()
    {
        var toc = await app.ClientForAsync(DemoUsers.Toc);
        var manager = await app.ClientForAsync(DemoUsers.Manager);

        await ImportJsonAsync(toc, "incidents", new[] { Incident("AUD-I1", 4, "2031-05-01T10:00:00Z", 1, null) });

        var found = await manager.GetJsonAsync("/api/v1/audit?action=operations.imported&subject=incidents");
        Assert.Contains(found.GetProperty("events").EnumerateArray(), e => e.Text("actor") == DemoUsers.Toc && e.Text("subject") == "incidents: 1 row, 1 added, 0 updated, 0 unchanged");
    }

    [Theory]
    [InlineData("/api/v1/operations/report", "month")]
    [InlineData("/api/v1/operations/report?month=2031-13", "month")]
    [InlineData("/api/v1/outcomes?from=2031-01-01", "to")]
    [InlineData("/api/v1/outcomes?from=2031-02-01&to=2031-01-01", "to")]
    [InlineData("/api/v1/outcomes?from=2030-01-01&to=2031-12-31", "to")]
    [InlineData("/api/v1/outcomes?from=1%20May&to=2031-01-01", "from")]
    public async Task A_bad_month_or_range_answers_400_naming_it(string url, string field)
    {
        var manager = await app.ClientForAsync(DemoUsers.Manager);

        using var response = await manager.GetAsync(new Uri(url, UriKind.Relative));

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task A_red_day_shows_what_happened_to_DCC_staff_and_nothing_to_DCC_Users()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        var toc = await app.ClientForAsync(DemoUsers.Toc);
        var date = new DateOnly(2031, 6, 10);
        var change = await supplier.NotifyAsync(Bodies.Change(date, "BusinessCritical", startHour: 20));
        await assessor.AssessAsync(change.Reference(), change.Revision(), "HighlyLikely");
        var iso = TestDates.Iso(date);
        await ImportJsonAsync(toc, "incidents", new[] { Incident("D-I1", 2, London.Text(London.At(date, 20, 30)), 0.5, 3, summary: "Head-end release failed over") });
        await ImportJsonAsync(toc, "outages", new[] { new { reference = "D-O1", services = UserInterfaceOnly, subSystem = "DUIS gateway", start = London.Text(London.At(date, 21)), end = London.Text(London.At(date, 22)), planned = false } });
        await ImportCsvAsync(toc, "service-requests", $"{RequestsHeader}\n{Request("D-R1", "2.2", "SMETS2", "North", London.Text(London.At(date, 21, 10)), 50, "E212")}\n{Request("D-R2", "2.2", "SMETS2", "North", London.Text(London.At(date, 23)), 5)}\n");

        var day = await toc.GetJsonAsync($"/api/v1/days/{iso}");
        var hidden = await supplier.GetJsonAsync($"/api/v1/days/{iso}");

        var happened = day.GetProperty("whatHappened");
        Assert.Equal("Red", happened.Text("predicted"));
        Assert.True(happened.GetProperty("hasData").GetBoolean());
        Assert.Equal("D-I1", Assert.Single(happened.GetProperty("incidents").EnumerateArray()).Text("reference"));
        Assert.Equal(1.00m, happened.GetProperty("downtimeHours").GetDecimal());
        Assert.Equal((2, 1, 0.5), (happened.GetProperty("requests").GetInt32(), happened.GetProperty("failures").GetInt32(), happened.GetProperty("failureShare").GetDouble()));
        Assert.Equal(JsonValueKind.Null, hidden.GetProperty("whatHappened").ValueKind);

        var outcomes = await toc.GetJsonAsync($"/api/v1/outcomes?from={TestDates.Iso(date.AddDays(-1))}&to={TestDates.Iso(date.AddDays(1))}");

        Assert.Equal(1, outcomes.GetProperty("daysWithData").GetInt32());
        var red = outcomes.GetProperty("byStatus").EnumerateArray().Single(g => g.Text("key") == "Red");
        Assert.Equal((1, 1, 1.00m, 0.5), (red.GetProperty("days").GetInt32(), red.GetProperty("incidents").GetInt32(), red.GetProperty("downtimeHours").GetDecimal(), red.GetProperty("failureShare").GetDouble()));
        Assert.False(red.GetProperty("enoughToTell").GetBoolean());
        Assert.StartsWith("Too few days to tell: 1 day Red and 0 days Green", outcomes.Text("verdict"), StringComparison.Ordinal);
        Assert.Equal("BusinessCritical", Assert.Single(outcomes.GetProperty("byChangeType").EnumerateArray()).Text("key"));
        Assert.Equal("Supplier A", Assert.Single(outcomes.GetProperty("byOrganisation").EnumerateArray()).Text("key"));
        Assert.Equal(iso, Assert.Single(outcomes.GetProperty("days").EnumerateArray()).Text("date"));
    }

    [Fact]
    public async Task Each_template_imports_as_it_is()
    {
        var toc = await app.ClientForAsync(DemoUsers.Toc);

        foreach (var kind in new[] { "service-requests", "outages", "incidents" })
        {
            using var template = await toc.GetAsync(new Uri($"/api/v1/operations/templates/{kind}.csv", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, template.StatusCode);
            var imported = await ImportCsvAsync(toc, kind, await template.Content.ReadAsStringAsync());
            Assert.Equal(1, imported.GetProperty("rows").GetInt32());
        }
    }

    [Fact]
    public async Task A_CSV_import_must_be_sent_as_CSV()
    {
        var toc = await app.ClientForAsync(DemoUsers.Toc);

        using var json = await toc.SendRawAsync(HttpMethod.Post, "/api/v1/operations/imports/outages", "[]");
        using var unknown = await toc.SendRawAsync(HttpMethod.Post, "/api/v1/operations/imports/weather", "a,b\n", "text/csv");

        await json.ExpectProblemAsync(HttpStatusCode.UnsupportedMediaType);
        await unknown.ExpectProblemAsync(HttpStatusCode.NotFound);
    }
}
