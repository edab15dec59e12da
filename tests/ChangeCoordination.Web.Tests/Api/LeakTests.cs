using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChangeCoordination.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChangeCoordination.Web.Tests.Api;

/// <summary>
/// Supplier A's change carries marked details (description, devices, rationale, organisation). Supplier B, and the
/// wall display, read every page, response, export, feed, hub message and error a caller of theirs can reach: none
/// carries a mark. Another organisation's change shows to a DCC User as a start and an end, nothing more.
/// </summary>
public sealed class LeakTests(LeakTests.Fixture fixture) : IClassFixture<LeakTests.Fixture>
{
    private const string Description = "LEAK-MARK-DESCRIPTION head-end cut-over";
    private const string Manufacturer = "LeakMarkMaker";
    private const string Model = "LeakMarkModel";
    private const string Firmware = "9.9.9-leakmark";
    private const string Rationale = "LEAK-MARK-RATIONALE the last cut-over failed";
    private const string Organisation = "Supplier A";

    /// <summary>What another DCC User may never see of the change.</summary>
    private static readonly string[] Marks = [Description, Manufacturer, Model, Firmware, Rationale, Organisation];

    /// <summary>What the wall display (and staff without a grant) may never see: the details, though it sees organisations.</summary>
    private static readonly string[] DetailMarks = [Description, Manufacturer, Model, Firmware, Rationale];

    public static TheoryData<string> ApiReads => new()
    {
        "GET /api/v1/days/{date}",
        "GET /api/v1/heatmap?view=overall&from={date}&to={date}",
        "GET /api/v1/heatmap?view=user&from={date}&to={date}",
        "GET /api/v1/changes?from={date}&to={date}",
        "GET /api/v1/changes/{reference}",
        "GET /api/v1/changes/{reference}/revisions",
        "PUT /api/v1/changes/{reference}",
        "POST /api/v1/changes/{reference}/cancel",
        "POST /api/v1/changes/{reference}/assessment",
        "GET /api/v1/assessment-queue",
        "GET /api/v1/high-risk-days?from={date}&to={date}",
        "GET /api/v1/internal-changes/export.csv",
        "GET /api/v1/internal-changes/export.ics",
        "GET /api/v1/notifications",
        "GET /api/v1/audit?subject={reference}",
    };

    public static TheoryData<string> Pages => new()
    {
        "/",
        "/heatmap",
        "/days/{date}",
        "/wall",
        "/changes",
        "/changes/{reference}",
        "/changes/{reference}/edit",
        "/internal-changes",
    };

    [Theory]
    [MemberData(nameof(ApiReads))]
    public async Task No_response_to_another_dcc_user_carries_a_detail_or_the_organisation(string route)
    {
        var client = await fixture.App.ClientForAsync(DemoUsers.SupplierB);

        var text = await SendAsync(client, route);

        AssertNoMark(text, Marks, route);
    }

    [Theory]
    [MemberData(nameof(ApiReads))]
    public async Task No_response_to_the_wall_display_carries_a_detail(string route)
    {
        var client = await fixture.App.ClientForAsync(DemoUsers.Wall);

        var text = await SendAsync(client, route);

        AssertNoMark(text, DetailMarks, route);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task No_page_for_another_dcc_user_carries_a_detail_or_the_organisation(string path)
    {
        var client = await fixture.App.PageClientForAsync(DemoUsers.SupplierB);

        using var response = await client.GetAsync(new Uri(fixture.Fill(path), UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        AssertNoMark(text, Marks, path);
    }

    [Fact]
    public async Task The_marks_show_to_the_owning_organisation_and_to_staff_with_a_grant_so_their_absence_elsewhere_means_something()
    {
        var owner = await fixture.App.ClientForAsync(DemoUsers.SupplierA);
        var ownerPages = await fixture.App.PageClientForAsync(DemoUsers.SupplierA);
        var assessor = await fixture.App.ClientForAsync(DemoUsers.Assessor);

        var day = (await owner.GetJsonAsync($"/api/v1/days/{TestDates.Iso(fixture.Date)}")).GetRawText();
        var page = await ownerPages.GetStringAsync(new Uri(fixture.Fill("/changes/{reference}"), UriKind.Relative));
        var assessed = (await assessor.GetJsonAsync(fixture.Fill("/api/v1/changes/{reference}"))).GetRawText();

        Assert.Contains(Description, day, StringComparison.Ordinal);
        Assert.Contains(Manufacturer, day, StringComparison.Ordinal);
        Assert.Contains(Description, page, StringComparison.Ordinal);
        Assert.Contains(Rationale, assessed, StringComparison.Ordinal);
        Assert.Contains(Organisation, assessed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_organisations_change_in_a_day_is_a_start_and_an_end_and_nothing_more()
    {
        var client = await fixture.App.ClientForAsync(DemoUsers.SupplierB);

        var day = await client.GetJsonAsync($"/api/v1/days/{TestDates.Iso(fixture.Date)}");

        var change = Assert.Single(day.GetProperty("changes").EnumerateArray());
        Assert.Equal(["end", "start"], change.PropertyNames());
    }

    [Fact]
    public async Task The_organisations_own_calendar_feed_carries_nothing_of_another_organisations_change()
    {
        var client = await fixture.App.ClientForAsync(DemoUsers.SupplierB);
        using var created = await client.PostAsJsonAsync("/api/v1/feeds", new { kind = "OrganisationChanges" });
        var url = new Uri((await created.ExpectAsync(HttpStatusCode.Created)).Text("url")!);

        var calendar = await fixture.App.CreateClient().GetStringAsync(new Uri(url.PathAndQuery, UriKind.Relative));

        Assert.StartsWith("BEGIN:VCALENDAR", calendar, StringComparison.Ordinal);
        AssertNoMark(calendar, Marks, "the feed");
        Assert.DoesNotContain(fixture.Reference, calendar, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hub_message_about_another_organisations_change_carries_statuses_only()
    {
        var token = await fixture.App.TokenForAsync(DemoUsers.SupplierB);
        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(fixture.App.Server.BaseAddress, "/hubs/heatmap"), options =>
            {
                options.HttpMessageHandlerFactory = _ => fixture.App.Server.CreateHandler();
                options.Transports = HttpTransportType.LongPolling;
                options.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build();
        connection.On<JsonElement>("DaysChanged", days => received.TrySetResult(days.GetRawText()));
        await connection.StartAsync();

        var date = TestDates.Next();
        await (await fixture.App.ClientForAsync(DemoUsers.SupplierA)).NotifyAsync(Fixture.MarkedChange(date));

        var message = await received.Task.WaitAsync(TimeSpan.FromSeconds(10));
        AssertNoMark(message, Marks, "DaysChanged");
        Assert.Contains(TestDates.Iso(date), message, StringComparison.Ordinal);
    }

    private async Task<string> SendAsync(HttpClient client, string route)
    {
        var (method, path) = (route.Split(' ')[0], fixture.Fill(route.Split(' ')[1]));
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative))
        {
            Content = method == "GET" ? null : JsonContent.Create(path.EndsWith("/assessment", StringComparison.Ordinal) ? Bodies.Assessment("Likely") : Fixture.MarkedChange(fixture.Date)),
        };
        request.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"1\""));
        using var response = await client.SendAsync(request);
        return await response.Content.ReadAsStringAsync();
    }

    private static void AssertNoMark(string text, string[] marks, string where)
    {
        foreach (var mark in marks)
        {
            Assert.False(text.Contains(mark, StringComparison.OrdinalIgnoreCase), $"{where} carries '{mark}'.");
        }
    }

    /// <summary>An app with Supplier A's marked change, assessed with a marked rationale, alone on its day.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public AppFactory App { get; } = new();

        public DateOnly Date { get; } = TestDates.Next();

        public string Reference { get; private set; } = "";

        public static Dictionary<string, object?> MarkedChange(DateOnly date)
        {
            var body = Bodies.Change(date, "Firmware", hours: 7, startHour: 9, description: Description);
            body["deviceCombinations"] = new object[] { new { devices = new[] { "ESME", "GSME" }, smets = "SMETS2", manufacturer = Manufacturer, model = Model, firmwareVersion = Firmware } };
            return body;
        }

        public string Fill(string path) =>
            path.Replace("{date}", TestDates.Iso(Date), StringComparison.Ordinal).Replace("{reference}", Reference, StringComparison.Ordinal);

        public async Task InitializeAsync()
        {
            var change = await (await App.ClientForAsync(DemoUsers.SupplierA)).NotifyAsync(MarkedChange(Date));
            Reference = change.Reference();
            using var assessment = await (await App.ClientForAsync(DemoUsers.Assessor)).SendJsonAsync(
                HttpMethod.Post, $"/api/v1/changes/{Reference}/assessment", Bodies.Assessment("HighlyLikely", Rationale), change.Revision());
            await assessment.ExpectAsync(HttpStatusCode.OK);
        }

        public Task DisposeAsync()
        {
            App.Dispose();
            return Task.CompletedTask;
        }
    }
}
