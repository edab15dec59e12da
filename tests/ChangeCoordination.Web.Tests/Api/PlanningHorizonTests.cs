using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using ChangeCoordination.Core;
using ChangeCoordination.Web.Data;
using ChangeCoordination.Web.Features.Calendar;
using ChangeCoordination.Web.Features.Changes;
using ChangeCoordination.Web.Features.Changes.Upload;
using ChangeCoordination.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChangeCoordination.Web.Tests.Api;

/// <summary>
/// The planning horizon (<c>Planning:YearsBack</c> 8, <c>Planning:YearsAhead</c> 3 by default): every path that
/// writes a date refuses one outside it with a 400 naming the field and the days allowed, and writes nothing; every
/// range read refuses one with a 400 rather than failing.
/// </summary>
public sealed class PlanningHorizonTests(PlanningHorizonTests.DefaultHorizonApp fixture) : IClassFixture<PlanningHorizonTests.DefaultHorizonApp>
{
    private static int daysHandedOut;

    private readonly AppFactory app = fixture.App;

    private static readonly DateOnly FirstStart = TestClock.Today.AddYears(-8);
    private static readonly DateOnly LastStart = TestClock.Today.AddYears(3);

    /// <summary>Start days outside the horizon: the last day of the calendar, a day past each end, and one in year 1.</summary>
    public static TheoryData<string> OutsideStarts => new()
    {
        "9999-12-31T10:00:00+00:00",
        London.Text(London.At(LastStart.AddDays(1), 10)),
        London.Text(London.At(FirstStart.AddDays(-1), 10)),
        "0001-01-02T10:00:00+00:00",
    };

    /// <summary>Range reads outside the horizon, each with the parameter its 400 must name.</summary>
    public static TheoryData<string, string> OutsideReads => new()
    {
        { $"/api/v1/heatmap?from={TestDates.Iso(TestClock.Today)}&to=9999-12-31", "to" },
        { "/api/v1/heatmap?from=9999-12-31", "from" },
        { "/api/v1/heatmap?from=0001-01-01&to=0001-01-31", "from" },
        { "/api/v1/days/9999-12-31", "date" },
        { "/api/v1/days/0001-01-01", "date" },
        { $"/api/v1/changes?from={TestDates.Iso(TestClock.Today)}&to=9999-12-31", "to" },
        { "/api/v1/internal-changes?from=9999-12-30&to=9999-12-31", "from" },
        { "/api/v1/high-risk-days?from=9999-12-31", "from" },
        { "/api/v1/outcomes?from=0001-01-01&to=0001-01-02", "from" },
        { "/api/v1/operations/report?month=9999-12", "month" },
    };

    [Theory]
    [MemberData(nameof(OutsideStarts))]
    public async Task A_change_starting_outside_the_horizon_answers_400_naming_start_and_the_days_allowed_and_nothing_is_notified(string start)
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var before = await CountAsync(supplier, "/api/v1/changes");
        var body = Bodies.Change(FreshDay());
        body["start"] = start;
        body["end"] = Later(start, hours: 2);

        using var response = await supplier.SendJsonAsync(HttpMethod.Post, "/api/v1/changes", body);

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "start");
        AssertNamesTheHorizon(problem, "start");
        Assert.Equal(before, await CountAsync(supplier, "/api/v1/changes"));
    }

    [Fact]
    public async Task A_change_ending_at_the_first_instant_of_the_calendar_answers_400_naming_end_and_nothing_is_notified()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var before = await CountAsync(supplier, "/api/v1/changes");
        var body = Bodies.Change(FreshDay());
        body["end"] = "0001-01-01T00:00:00Z";

        using var response = await supplier.SendJsonAsync(HttpMethod.Post, "/api/v1/changes", body);

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "end");
        Assert.Equal(before, await CountAsync(supplier, "/api/v1/changes"));
    }

    [Fact]
    public async Task A_change_may_start_on_the_last_day_of_the_horizon()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);

        var created = await supplier.NotifyAsync(Bodies.Change(LastStart));

        Assert.Equal(TestDates.Iso(LastStart), created.Text("start")![..10]);
    }

    [Theory]
    [MemberData(nameof(OutsideStarts))]
    public async Task An_update_moving_a_change_outside_the_horizon_answers_400_naming_start_and_changes_nothing(string start)
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var created = await supplier.NotifyAsync(Bodies.Change(FreshDay()));
        var body = Bodies.Change(FreshDay());
        body["start"] = start;
        body["end"] = Later(start, hours: 2);

        using var response = await supplier.SendJsonAsync(HttpMethod.Put, $"/api/v1/changes/{created.Reference()}", body, ifMatch: 1);

        AssertNamesTheHorizon(await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "start"), "start");
        var after = await supplier.GetJsonAsync($"/api/v1/changes/{created.Reference()}");
        Assert.Equal(1, after.Revision());
        Assert.Equal(created.Text("start"), after.Text("start"));
    }

    [Fact]
    public async Task An_update_may_correct_a_window_on_the_first_day_of_the_horizon()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var created = await supplier.NotifyAsync(Bodies.Change(FreshDay()));

        var updated = await supplier.UpdateAsync(created.Reference(), 1, Bodies.Change(FirstStart));

        Assert.Equal(TestDates.Iso(FirstStart), updated.Text("start")![..10]);
    }

    [Theory]
    [MemberData(nameof(OutsideStarts))]
    public async Task An_internal_change_starting_outside_the_horizon_answers_400_naming_start_and_nothing_is_entered(string start)
    {
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        var before = await CountAsync(assessor, "/api/v1/internal-changes");
        var body = Bodies.Internal(FreshDay(), 5, 5);
        body["start"] = start;
        body["end"] = Later(start, hours: 2);

        using var response = await assessor.SendJsonAsync(HttpMethod.Post, "/api/v1/internal-changes", body);

        AssertNamesTheHorizon(await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "start"), "start");
        Assert.Equal(before, await CountAsync(assessor, "/api/v1/internal-changes"));
    }

    [Fact]
    public async Task An_internal_change_moved_to_the_last_day_of_the_calendar_answers_400_and_changes_nothing()
    {
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        using var created = await assessor.SendJsonAsync(HttpMethod.Post, "/api/v1/internal-changes", Bodies.Internal(FreshDay(), 5, 5));
        var change = await created.ExpectAsync(HttpStatusCode.Created);
        var body = Bodies.Internal(FreshDay(), 5, 5);
        body["start"] = "9999-12-31T21:00:00+00:00";
        body["end"] = "9999-12-31T23:00:00+00:00";

        using var response = await assessor.SendJsonAsync(HttpMethod.Put, $"/api/v1/internal-changes/{change.Reference()}", body, change.Revision());

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "start");
        var after = await assessor.GetJsonAsync($"/api/v1/internal-changes/{change.Reference()}");
        Assert.Equal(change.Revision(), after.Revision());
        Assert.Equal(change.Text("start"), after.Text("start"));
    }

    [Fact]
    public async Task An_internal_changes_CSV_import_with_a_row_outside_the_horizon_names_the_row_and_imports_nothing()
    {
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        var before = await CountAsync(assessor, "/api/v1/internal-changes");
        var good = FreshDay();
        var csv = "title,services,plannedMaintenance,start,end,impactScore,probabilityScore\n"
                  + $"DSP patch,UserInterface,yes,{London.Text(London.At(good, 21))},{London.Text(London.At(good, 23))},2,2\n"
                  + "Far patch,UserInterface,yes,9999-12-31T21:00:00+00:00,9999-12-31T23:00:00+00:00,2,2\n";

        using var response = await assessor.SendRawAsync(HttpMethod.Post, "/api/v1/internal-changes/import", csv, "text/csv");

        var problem = await response.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains(problem.GetProperty("errors").EnumerateObject(), e => e.Name.EndsWith(".start", StringComparison.Ordinal) && e.Value.ToString().Contains("planning horizon", StringComparison.Ordinal));
        Assert.Equal(before, await CountAsync(assessor, "/api/v1/internal-changes"));
    }

    [Theory]
    [InlineData("0001-01-01", "0001-01-02")]
    [InlineData("9999-12-01", "9999-12-31")]
    public async Task A_freeze_window_outside_the_horizon_answers_400_naming_from_and_nothing_is_declared(string from, string to)
    {
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        var before = await CountAsync(assessor, "/api/v1/freeze-windows");

        using var response = await assessor.SendJsonAsync(HttpMethod.Post, "/api/v1/freeze-windows", new { title = "Far freeze", from, to });

        AssertNamesTheHorizon(await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "from"), "from");
        Assert.Equal(before, await CountAsync(assessor, "/api/v1/freeze-windows"));
    }

    [Theory]
    [InlineData("9999-12-31")]
    [InlineData("0001-01-01")]
    public async Task A_support_plan_write_for_a_day_outside_the_horizon_answers_400_naming_date(string date)
    {
        var manager = await app.ClientForAsync(DemoUsers.Manager);

        using var response = await manager.SendJsonAsync(HttpMethod.Put, $"/api/v1/support-plans/{date}/assignment", new { tocLead = "Alex", mimContact = "Sam" }, ifMatch: 1);

        AssertNamesTheHorizon(await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "date"), "date");
        await using var db = await DbAsync();
        Assert.False(await db.SupportPlans.AnyAsync(p => p.Date == DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task A_methodology_version_taking_force_beyond_the_horizon_answers_400_naming_effectiveFrom_and_stays_in_consultation()
    {
        var owner = await app.ClientForAsync(DemoUsers.Owner);
        var consulted = await owner.StepAsync(await owner.CreateDraftAsync(), "consultation");
        var url = $"/api/v1/methodology/versions/{consulted.Text("version")}";

        foreach (var effectiveFrom in new[] { TestDates.Iso(LastStart.AddDays(1)), "9999-12-31" })
        {
            using var response = await owner.SendJsonAsync(HttpMethod.Post, $"{url}/approval", new { panelDecision = "Panel meeting, minute 6", effectiveFrom }, consulted.Revision());

            AssertNamesTheHorizon(await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "effectiveFrom"), "effectiveFrom");
        }

        var after = await owner.GetJsonAsync(url);
        Assert.Equal(consulted.Revision(), after.Revision());
        Assert.Equal(consulted.Text("state"), after.Text("state"));
    }

    [Fact]
    public async Task An_outage_import_dated_outside_the_horizon_names_the_row_and_field_and_imports_nothing()
    {
        var toc = await app.ClientForAsync(DemoUsers.Toc);
        var reference = $"OUT-FAR-{Guid.NewGuid():N}";
        var rows = new object[]
        {
            new { reference, services = new[] { "UserInterface" }, subSystem = "DSP adapter", start = "9999-12-31T10:00:00+00:00", end = "9999-12-31T11:00:00+00:00", planned = false },
        };

        using var response = await toc.SendJsonAsync(HttpMethod.Post, "/api/v1/operations/outages", rows);

        AssertNamesTheHorizon(await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "[0].start", "[0].end"), "[0].start");
        await using var db = await DbAsync();
        Assert.False(await db.Outages.AnyAsync(o => o.Reference == reference));
    }

    [Fact]
    public async Task A_service_request_CSV_dated_in_year_1_names_the_line_and_field_and_imports_nothing()
    {
        var toc = await app.ClientForAsync(DemoUsers.Toc);
        var requestId = $"SR-FAR-{Guid.NewGuid():N}";
        var csv = $"requestId,srv,smets,region,received,responded,outcomeCode\n{requestId},2.2,SMETS2,North,0001-01-02T12:00:00+00:00,0001-01-02T12:00:08+00:00,I0\n";

        using var response = await toc.SendRawAsync(HttpMethod.Post, "/api/v1/operations/imports/service-requests", csv, "text/csv");

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "rows[2].received", "rows[2].responded");
        await using var db = await DbAsync();
        Assert.False(await db.ServiceRequests.AnyAsync(r => r.RequestId == requestId));
    }

    [Fact]
    public void A_plan_upload_row_starting_outside_the_horizon_is_refused_naming_start()
    {
        var upload = app.Services.GetRequiredService<PlanUpload>();
        var good = FreshDay();
        var csv = "kind,type,start,end,description\n"
                  + $"Planned,UserSystem,{TestDates.Iso(good)} 20:00,{TestDates.Iso(good)} 21:00,Head-end release\n"
                  + "Planned,UserSystem,9999-12-31 20:00,9999-12-31 21:00,Head-end release\n";

        var rows = upload.Check("plan.csv", Encoding.UTF8.GetBytes(csv));

        Assert.True(rows[0].IsValid);
        Assert.Contains("planning horizon", Assert.Single(rows[1].Errors["Start"]), StringComparison.Ordinal);
    }

    [Fact]
    public void The_wizard_refuses_a_start_past_the_horizon_with_the_same_words_as_the_API()
    {
        var form = new ChangeForm
        {
            Kind = ChangeKind.Planned,
            Type = ChangeType.UserSystem,
            StartDate = TestDates.Iso(LastStart.AddDays(1)),
            StartTime = "20:00",
            EndDate = TestDates.Iso(LastStart.AddDays(1)),
            EndTime = "21:00",
            Description = "Head-end release",
        };

        var problems = form.Validate(TestClock.Now, app.Services.GetRequiredService<RuleBook>(), isNew: true);

        Assert.Equal(
            $"'start' is outside the planning horizon: it must fall on a London day from {TestDates.Iso(FirstStart)} to {TestDates.Iso(LastStart)} (8 years back to 3 years ahead of today).",
            problems["start"]);
    }

    [Theory]
    [MemberData(nameof(OutsideReads))]
    public async Task A_range_read_outside_the_horizon_answers_400_naming_the_parameter(string url, string field)
    {
        var manager = await app.ClientForAsync(DemoUsers.Manager);

        using var response = await manager.GetAsync(new Uri(url, UriKind.Relative));

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, field);
        Assert.Contains("planning horizon", problem.GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("9999-12-31")]
    [InlineData("0001-01-01")]
    public async Task A_day_page_outside_the_horizon_says_so_instead_of_failing(string date)
    {
        using var manager = await app.PageClientForAsync(DemoUsers.Manager);

        using var response = await manager.GetAsync(new Uri($"/days/{date}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("outside the planning horizon", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>The message names the field, the horizon and its first and last days as ISO dates.</summary>
    private static void AssertNamesTheHorizon(JsonElement problem, string field)
    {
        var message = problem.GetProperty("errors").GetProperty(field)[0].GetString()!;
        Assert.Contains($"'{field.Split('.')[^1]}'", message, StringComparison.Ordinal);
        Assert.Contains("planning horizon", message, StringComparison.Ordinal);
        Assert.Contains(TestDates.Iso(FirstStart), message, StringComparison.Ordinal);
        Assert.Contains(TestDates.Iso(LastStart), message, StringComparison.Ordinal);
    }

    private static string Later(string start, int hours) =>
        DateTimeOffset.Parse(start, CultureInfo.InvariantCulture).AddHours(hours).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static async Task<int> CountAsync(HttpClient client, string url) => (await client.GetJsonAsync(url)).GetArrayLength();

    private Task<ChangeCoordinationDb> DbAsync() => app.Services.GetRequiredService<IDbContextFactory<ChangeCoordinationDb>>().CreateDbContextAsync();

    /// <summary>The app with the planning horizon as configured by default (the other tests' apps plan further ahead).</summary>
    /// <summary>
    /// A day of this class's own app, a month and more ahead: the run-wide <see cref="TestDates"/> march on for as
    /// many days as the whole suite takes, past the 3 years this app plans ahead.
    /// </summary>
    private static DateOnly FreshDay() => TestClock.Today.AddDays(30 + (2 * Interlocked.Increment(ref daysHandedOut)));

    public sealed class DefaultHorizonApp : IDisposable
    {
        public AppFactory App { get; } = new() { Customise = b => b.UseSetting("Planning:YearsAhead", new PlanningSettings().YearsAhead.ToString(CultureInfo.InvariantCulture)) };

        public void Dispose() => App.Dispose();
    }
}
