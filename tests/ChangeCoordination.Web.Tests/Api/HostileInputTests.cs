using System.Net;
using System.Text.RegularExpressions;
using ChangeCoordination.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace ChangeCoordination.Web.Tests.Api;

/// <summary>The bad inputs that once answered 500: each answers a 400 that names the parameter, and changes nothing.</summary>
public sealed partial class HostileInputTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("abc")]
    [InlineData("%EF%BC%92%EF%BC%90%EF%BC%92%EF%BC%96")]
    [InlineData("99999999999")]
    [InlineData("")]
    public async Task A_year_that_is_not_a_whole_number_in_ASCII_digits_answers_400_naming_year(string year)
    {
        var client = await app.ClientForAsync(DemoUsers.SupplierA);

        using var response = await client.GetAsync(new Uri($"/api/v1/bank-holidays?year={year}", UriKind.Relative));

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "year");
    }

    [Fact]
    public async Task A_page_number_that_is_not_a_number_answers_400_naming_page()
    {
        var manager = await app.ClientForAsync(DemoUsers.Manager);

        using var response = await manager.GetAsync(new Uri("/api/v1/audit?page=1e3&pageSize=20", UriKind.Relative));

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "page");
    }

    [Theory]
    [InlineData("/api/v1/audit?actor=%00", "actor")]
    [InlineData("/api/v1/audit?subject=a%0Db", "subject")]
    public async Task A_query_value_with_a_control_character_answers_400_naming_it(string url, string field)
    {
        var manager = await app.ClientForAsync(DemoUsers.Manager);

        using var response = await manager.GetAsync(new Uri(url, UriKind.Relative));

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Theory]
    [InlineData("{\"email\": \"assessor@dcc.example\\u0000\"}", "email")]
    [InlineData("{\"email\": 5}", "email")]
    [InlineData("{\"email\": [\"assessor@dcc.example\"]}", "email")]
    [InlineData("{\"email\": ", "$")]
    [InlineData("null", "$")]
    public async Task A_dev_token_request_of_the_wrong_JSON_type_answers_400_naming_the_field(string json, string field)
    {
        using var client = app.CreateClient();

        using var response = await client.SendRawAsync(HttpMethod.Post, "/api/v1/dev/token", json);

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Theory]
    [InlineData("/heatmap\r\nSet-Cookie: x=1")]
    [InlineData("/heatmap\n")]
    [InlineData("/\r")]
    public async Task Signing_in_with_a_control_character_in_returnUrl_answers_400_naming_it_and_signs_nobody_in(string returnUrl)
    {
        var client = app.AnonymousPageClient();
        var form = await client.GetStringAsync(new Uri("/account/signin", UriKind.Relative));
        var token = AntiforgeryToken().Match(form).Groups[1].Value;

        using var response = await client.PostAsync(new Uri("/account/signin/demo", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = DemoUsers.SupplierA,
            ["returnUrl"] = returnUrl,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
        }));

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "returnUrl");
        Assert.False(response.Headers.Contains("Set-Cookie"), "A refused sign-in set a cookie.");
    }

    [Fact]
    public async Task A_sign_in_form_without_its_email_answers_400_naming_it()
    {
        var client = app.AnonymousPageClient();
        var form = await client.GetStringAsync(new Uri("/account/signin", UriKind.Relative));
        var token = AntiforgeryToken().Match(form).Groups[1].Value;

        using var response = await client.PostAsync(new Uri("/account/signin/demo", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["returnUrl"] = "/",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
        }));

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "email");
    }

    [Theory]
    [InlineData("/api/v1/days/9999-12-31", "date")]
    [InlineData("/api/v1/days/0001-01-01", "date")]
    [InlineData("/api/v1/changes?from=2026-01-01&to=9999-12-31", "to")]
    [InlineData("/api/v1/changes?from=0001-01-01", "from")]
    [InlineData("/api/v1/internal-changes?to=9999-12-31", "to")]
    [InlineData("/api/v1/audit?to=9999-12-31", "to")]
    [InlineData("/api/v1/operations/report?month=9999-12", "month")]
    [InlineData("/api/v1/operations/report?month=0001-01", "month")]
    [InlineData("/api/v1/operations/report.csv?month=9999-12", "month")]
    public async Task A_date_at_the_ends_of_the_calendar_in_a_read_answers_400_naming_it(string url, string field)
    {
        var manager = await app.ClientForAsync(DemoUsers.Manager);

        using var response = await manager.GetAsync(new Uri(url, UriKind.Relative));

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Theory]
    [InlineData("title", "\\ud800")]
    [InlineData("date", "\\ud800")]
    [InlineData("title", "Extra\\u0000")]
    [InlineData("title", "Extra\\r\\nday")]
    public async Task A_bank_holidays_file_with_a_lone_surrogate_or_a_control_character_answers_400_and_keeps_the_table(string property, string spoilt)
    {
        var manager = await app.ClientForAsync(DemoUsers.Manager);
        var before = (await manager.GetJsonAsync("/api/v1/bank-holidays/overrides")).ToString();
        var title = property == "title" ? spoilt : "Extra";
        var date = property == "date" ? spoilt : TestDates.Iso(TestDates.Next());
        var file = $$$"""{"england-and-wales":{"division":"england-and-wales","events":[{"title":"{{{title}}}","date":"{{{date}}}","notes":"","bunting":true}]}}""";

        using var response = await manager.SendRawAsync(HttpMethod.Put, "/api/v1/bank-holidays/overrides", file);

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "file");
        Assert.Equal(before, (await manager.GetJsonAsync("/api/v1/bank-holidays/overrides")).ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Blanking_a_persons_name_answers_400_naming_displayName_and_keeps_the_name(string displayName)
    {
        var owner = await app.ClientForAsync(DemoUsers.Owner);
        var person = await (await owner.SendJsonAsync(HttpMethod.Post, "/api/v1/people", new { email = $"blank.{Guid.NewGuid():N}@dcc.example", displayName = "Ada Byron", role = "DccAssessor", organisation = "DCC", hasDetailAccess = false }))
            .ExpectAsync(HttpStatusCode.Created);
        var id = person.GetProperty("id").GetInt32();

        using var response = await owner.SendJsonAsync(HttpMethod.Put, $"/api/v1/people/{id}", new { displayName }, person.Revision());

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "displayName");
        var people = await owner.GetJsonAsync("/api/v1/people");
        var now = Assert.Single(people.EnumerateArray(), p => p.GetProperty("id").GetInt32() == id);
        Assert.Equal("Ada Byron", now.Text("displayName"));
        Assert.Equal(person.Revision(), now.Revision());
    }

    [Fact]
    public async Task A_bank_holiday_title_longer_than_200_characters_answers_400()
    {
        var manager = await app.ClientForAsync(DemoUsers.Manager);
        var file = $$$"""{"england-and-wales":{"division":"england-and-wales","events":[{"title":"{{{new string('x', 201)}}}","date":"{{{TestDates.Iso(TestDates.Next())}}}"}]}}""";

        using var response = await manager.SendRawAsync(HttpMethod.Put, "/api/v1/bank-holidays/overrides", file);

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "file");
    }

    [Fact]
    public async Task A_binding_failure_answers_as_problem_details_outside_Development_too()
    {
        using var production = new AppFactory { Customise = builder => builder.UseEnvironment("Staging") };
        var client = await production.ClientForAsync(DemoUsers.SupplierA);

        using var response = await client.GetAsync(new Uri("/api/v1/bank-holidays?year=abc", UriKind.Relative));

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "year");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
