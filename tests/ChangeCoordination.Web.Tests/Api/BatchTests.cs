using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using ChangeCoordination.Core;
using ChangeCoordination.Core.Heatmap;
using ChangeCoordination.Web.Data;
using ChangeCoordination.Web.Features.Changes.Upload;
using ChangeCoordination.Web.Live;
using ChangeCoordination.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChangeCoordination.Web.Tests.Api;

/// <summary><c>POST /api/v1/changes/batch</c>: a whole plan in one call, every row checked first, all notified or none.</summary>
public sealed class BatchTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Url = "/api/v1/changes/batch";
    private const string Header = "kind,type,start,end,description,devices,smets,manufacturer,model,firmwareVersion";

    [Fact]
    public async Task A_CSV_plan_notifies_every_row_and_answers_the_references_in_row_order_without_a_location()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var day = TestDates.Next();
        var csv = $"{Header}\n{CsvRow(day, 20, "First release")}\n{CsvRow(day, 22, "Second release", "Firmware", "ESME;CommsHub,SMETS2,Acme,E470,4.2.0")}\n";

        using var response = await supplier.SendRawAsync(HttpMethod.Post, Url, csv, "text/csv");

        var references = await ReferencesAsync(response);
        Assert.Null(response.Headers.Location);
        Assert.Equal(["First release", "Second release"], await DescriptionsAsync(supplier, references));
        var second = await supplier.GetJsonAsync($"/api/v1/changes/{references[1]}");
        Assert.Equal("Firmware", second.Text("type"));
        Assert.Equal("AwaitingAssessment", second.Text("status"));
    }

    [Fact]
    public async Task The_xlsx_template_filled_in_notifies_its_rows()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierB);
        var day = TestDates.Next();
        var workbook = ExcelFill.Plan(PlanWorkbook.Write(TestClock.Today),
        [
            ["Planned", "UserSystem", day.ToDateTime(new TimeOnly(20, 0)), day.ToDateTime(new TimeOnly(21, 0)), "Head-end release", null, null, null, null, null],
            ["Planned", "BusinessCritical", day.ToDateTime(new TimeOnly(22, 0)), day.ToDateTime(new TimeOnly(23, 0)), "Emergency patch", null, null, null, null, null],
        ]);

        using var response = await supplier.SendAsync(new HttpRequestMessage(HttpMethod.Post, new Uri(Url, UriKind.Relative)) { Content = Bytes(workbook, PlanWorkbook.ContentType) });

        var references = await ReferencesAsync(response);
        Assert.Equal(["Head-end release", "Emergency patch"], await DescriptionsAsync(supplier, references));
        var first = await supplier.GetJsonAsync($"/api/v1/changes/{references[0]}");
        Assert.Equal(London.At(day, 20), first.GetProperty("start").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_pipeline_with_an_API_key_notifies_a_JSON_array_of_change_bodies_for_its_organisation()
    {
        var owner = await app.ClientForAsync(DemoUsers.Owner);
        var issued = await (await owner.PostAsJsonAsync("/api/v1/api-keys", new { name = "Release pipeline", organisation = "Network C" })).ExpectAsync(HttpStatusCode.Created);
        var pipeline = app.CreateClient();
        pipeline.DefaultRequestHeaders.Add("X-Api-Key", issued.Text("key"));
        var day = TestDates.Next();

        using var response = await pipeline.SendJsonAsync(HttpMethod.Post, Url, new[]
        {
            Bodies.Change(day, startHour: 9, description: "Morning release"),
            Bodies.Change(day, "Firmware", startHour: 14, description: "Afternoon firmware"),
        });

        var references = await ReferencesAsync(response);
        var networkC = await app.ClientForAsync(DemoUsers.NetworkC);
        Assert.Equal(["Morning release", "Afternoon firmware"], await DescriptionsAsync(networkC, references));
        foreach (var reference in references)
        {
            Assert.Equal("Network C", (await networkC.GetJsonAsync($"/api/v1/changes/{reference}")).Text("organisation"));
        }
    }

    [Fact]
    public async Task A_plan_of_500_rows_is_notified_whole_and_each_reference_names_its_own_row()
    {
        var supplier = await app.ClientForAsync(DemoUsers.NetworkC);
        var first = TestDates.NextRange(10);
        var bodies = Enumerable.Range(1, PlanUpload.MaxRows)
            .Select(i => Bodies.Change(first.AddDays(i % 10), startHour: i % 20, description: $"Row {i}"))
            .ToArray();

        using var response = await supplier.SendJsonAsync(HttpMethod.Post, Url, bodies);

        var references = await ReferencesAsync(response);
        Assert.Equal(PlanUpload.MaxRows, references.Distinct(StringComparer.Ordinal).Count());
        var listed = (await supplier.GetJsonAsync($"/api/v1/changes?from={TestDates.Iso(first)}&to={TestDates.Iso(first.AddDays(9))}"))
            .EnumerateArray()
            .ToDictionary(c => c.Reference(), c => c.Text("description"));
        Assert.Equal(Enumerable.Range(1, PlanUpload.MaxRows).Select(i => $"Row {i}"), references.Select(r => listed[r]));
    }

    [Fact]
    public async Task A_CSV_plan_with_one_bad_row_writes_nothing_and_answers_the_row_and_its_column()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var day = TestDates.Next();
        var at = London.At(day, 21);
        var csv = $"{Header}\n{CsvRow(day, 20, "Good release")}\nPlanned,UserSystem,{Local(at)},{Local(at.AddHours(-1))},Backwards release,,,,,\n{CsvRow(day, 23, "Another good one")}\n";

        using var response = await supplier.SendRawAsync(HttpMethod.Post, Url, csv, "text/csv");

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "rows[3].End");
        var row = Assert.Single(problem.GetProperty("rows").EnumerateArray());
        Assert.Equal(3, row.GetProperty("row").GetInt32());
        Assert.Equal(["End"], row.GetProperty("errors").PropertyNames());
        Assert.False(string.IsNullOrWhiteSpace(row.GetProperty("errors").Text("End")));
        Assert.Contains("nothing was notified", problem.Text("title"), StringComparison.Ordinal);
        await AssertNothingOnAsync(supplier, day);
    }

    [Fact]
    public async Task A_JSON_plan_with_bad_rows_numbers_them_from_1_with_the_APIs_field_names_and_writes_nothing()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var day = TestDates.Next();
        var wrongType = Bodies.Change(day, startHour: 12);
        wrongType["type"] = "Banana";
        var noDevices = Bodies.Change(day, "Firmware", startHour: 14);
        noDevices["deviceCombinations"] = null;

        using var response = await supplier.SendJsonAsync(HttpMethod.Post, Url, new[] { Bodies.Change(day), wrongType, noDevices });

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "rows[2].type", "rows[3].deviceCombinations");
        var rows = problem.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal([2, 3], rows.Select(r => r.GetProperty("row").GetInt32()));
        Assert.Equal(["type"], rows[0].GetProperty("errors").PropertyNames());
        Assert.Equal(["deviceCombinations"], rows[1].GetProperty("errors").PropertyNames());
        await AssertNothingOnAsync(supplier, day);
    }

    [Fact]
    public async Task More_than_500_rows_are_refused_as_JSON_and_as_CSV_and_nothing_is_written()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierB);
        var day = TestDates.Next();
        var bodies = Enumerable.Range(0, PlanUpload.MaxRows + 1).Select(i => Bodies.Change(day, startHour: i % 20)).ToArray();
        var csv = Header + "\n" + string.Concat(Enumerable.Range(0, PlanUpload.MaxRows + 1).Select(i => CsvRow(day, i % 20, "Release") + "\n"));

        using var json = await supplier.SendJsonAsync(HttpMethod.Post, Url, bodies);
        using var file = await supplier.SendRawAsync(HttpMethod.Post, Url, csv, "text/csv");

        var jsonProblem = await json.ExpectProblemAsync(HttpStatusCode.BadRequest, "$");
        var fileProblem = await file.ExpectProblemAsync(HttpStatusCode.BadRequest, "file");
        Assert.Contains("at most 500", jsonProblem.GetProperty("errors").GetProperty("$")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("at most 500", fileProblem.GetProperty("errors").GetProperty("file")[0].GetString(), StringComparison.Ordinal);
        await AssertNothingOnAsync(supplier, day);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/octet-stream")]
    public async Task A_body_of_another_type_answers_415_naming_the_three_accepted_types(string contentType)
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);

        using var response = await supplier.SendRawAsync(HttpMethod.Post, Url, "kind,type\n", contentType);

        var problem = await response.ExpectProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Equal(["text/csv", PlanWorkbook.ContentType, "application/json"], problem.GetProperty("accepted").EnumerateArray().Select(t => t.GetString()));
        Assert.Contains("JSON array", problem.Text("detail"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("garbage as xlsx", "xlsx", "\u0001\u0002 not a zip at all")]
    [InlineData("an xlsx of nothing", "xlsx", "")]
    [InlineData("a JSON object", "application/json", "{\"kind\":\"Planned\"}")]
    [InlineData("JSON null", "application/json", "null")]
    [InlineData("an empty array", "application/json", "[]")]
    [InlineData("nulls in the array", "application/json", "[null,null]")]
    [InlineData("a number where a row goes", "application/json", "[5]")]
    [InlineData("a number where a field's text goes", "application/json", "[{\"start\":5}]")]
    [InlineData("broken JSON", "application/json", "[{\"kind\":")]
    [InlineData("no body", "application/json", "")]
    [InlineData("CSV with no rows", "text/csv", "kind,type,start,end\n")]
    [InlineData("CSV that is not the template", "text/csv", "name,age\nalex,3\n")]
    [InlineData("CSV with NUL", "text/csv", "a,b\r\n\"x\0,1\r\n")]
    public async Task A_hostile_body_answers_400_and_writes_nothing(string label, string contentType, string body)
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var before = await CountAsync();

        using var response = await supplier.SendAsync(new HttpRequestMessage(HttpMethod.Post, new Uri(Url, UriKind.Relative))
        {
            Content = Bytes(Encoding.UTF8.GetBytes(body), contentType == "xlsx" ? PlanWorkbook.ContentType : contentType),
        });

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.TryGetProperty("errors", out var errors) && errors.EnumerateObject().Any(), $"{label}: {problem}");
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task A_CSV_body_that_is_not_UTF8_is_refused_saying_how_to_save_it()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);

        using var response = await supplier.SendAsync(new HttpRequestMessage(HttpMethod.Post, new Uri(Url, UriKind.Relative))
        {
            Content = Bytes([.. Encoding.UTF8.GetBytes(Header + "\nPlanned,UserSystem,"), 0xFF, 0xFE], "text/csv"),
        });

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "file");
        Assert.Contains("UTF-8", problem.GetProperty("errors").GetProperty("file")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/json", false)]
    [InlineData("text/csv", false)]
    [InlineData("application/json", true)]
    public async Task A_body_past_the_limit_answers_413_whether_or_not_it_says_its_length(string contentType, bool chunked)
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var body = "[" + new string(' ', BatchEndpoints.MaxJsonBytes) + "]";

        using var response = await supplier.SendRawAsync(HttpMethod.Post, Url, body, contentType, chunked: chunked);

        await response.ExpectProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task The_days_a_plan_moves_are_published_once_for_the_whole_plan()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierB);
        var first = TestDates.NextRange(2);
        var dates = new[] { TestDates.Iso(first), TestDates.Iso(first.AddDays(1)) };
        var marker = TestDates.Next();
        var published = Channel.CreateUnbounded<IReadOnlyList<DayStatusChange>>();
        using var subscription = app.Services.GetRequiredService<DayStatusFeed>().Subscribe(days =>
        {
            published.Writer.TryWrite(days);
            return Task.CompletedTask;
        });
        var bodies = Enumerable.Range(0, 40).Select(i => Bodies.Change(first.AddDays(i % 2), "BusinessCritical", startHour: i % 20)).ToArray();

        await ReferencesAsync(await supplier.SendJsonAsync(HttpMethod.Post, Url, bodies));
        await supplier.NotifyAsync(Bodies.Change(marker));

        var aboutThePlan = new List<IReadOnlyList<DayStatusChange>>();
        while (true)
        {
            var days = await published.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            if (days.Any(d => TestDates.Iso(d.Date) == TestDates.Iso(marker)))
            {
                break;
            }

            if (days.Any(d => dates.Contains(TestDates.Iso(d.Date))))
            {
                aboutThePlan.Add(days);
            }
        }

        var once = Assert.Single(aboutThePlan);
        Assert.Equal(
            [$"Overall {dates[0]}", $"Overall {dates[1]}", $"User {dates[0]}", $"User {dates[1]}"],
            once.Select(d => $"{d.View} {TestDates.Iso(d.Date)}").Order(StringComparer.Ordinal));
        foreach (var day in once)
        {
            var stands = await supplier.HeatmapDayAsync(day.View == HeatmapView.Overall ? "overall" : "user", day.Date);
            Assert.Equal(stands.Text("status"), day.Status.ToString());
        }
    }

    private static string CsvRow(DateOnly day, int hour, string description, string type = "UserSystem", string devices = ",,,,")
    {
        var start = London.At(day, hour);
        return $"Planned,{type},{Local(start)},{Local(start.AddHours(1))},{description},{devices}";
    }

    /// <summary>A London wall-clock time as the CSV template writes it.</summary>
    private static string Local(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById("Europe/London")).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static ByteArrayContent Bytes(byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        return content;
    }

    private static async Task<IReadOnlyList<string>> ReferencesAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var created = await response.ExpectAsync(HttpStatusCode.Created);
            return [.. created.GetProperty("references").EnumerateArray().Select(r => r.GetString()!)];
        }
    }

    private static async Task<IReadOnlyList<string?>> DescriptionsAsync(HttpClient client, IReadOnlyList<string> references)
    {
        var descriptions = new List<string?>();
        foreach (var reference in references)
        {
            descriptions.Add((await client.GetJsonAsync($"/api/v1/changes/{reference}")).Text("description"));
        }

        return descriptions;
    }

    private static async Task AssertNothingOnAsync(HttpClient client, DateOnly day) =>
        Assert.Empty((await client.GetJsonAsync($"/api/v1/changes?from={TestDates.Iso(day)}&to={TestDates.Iso(day)}")).EnumerateArray());

    /// <summary>Every change stored, of every organisation.</summary>
    private async Task<int> CountAsync()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<ChangeCoordinationDb>>().CreateDbContextAsync();
        return await db.Changes.CountAsync();
    }
}
