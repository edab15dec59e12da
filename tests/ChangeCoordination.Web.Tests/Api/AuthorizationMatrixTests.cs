using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using ChangeCoordination.Web.Tests.Infrastructure;

namespace ChangeCoordination.Web.Tests.Api;

public sealed class AuthorizationMatrixTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Anonymous = "(no token)";

    /// <summary>The callers, in the order of the expected statuses below: no token, then the eight demo identities.</summary>
    private static readonly string[] Callers =
    [
        Anonymous, DemoUsers.SupplierA, DemoUsers.SupplierB, DemoUsers.NetworkC,
        DemoUsers.Assessor, DemoUsers.Toc, DemoUsers.Manager, DemoUsers.Owner, DemoUsers.Wall,
    ];

    /// <summary>
    /// Every route of shared/API.md (the hub aside) against every caller. The change and the internal change the
    /// routes name are fresh for each case and belong to Supplier A.
    /// </summary>
    private static readonly (string Route, int[] Expected)[] Matrix =
    [
        //                                                  none  A    B    C    Asr  TOC  Mgr  Own  Wall
        ("POST /api/v1/changes",                            [401, 201, 201, 201, 403, 403, 403, 403, 403]),
        ("POST /api/v1/changes/batch",                      [401, 201, 201, 201, 403, 403, 403, 403, 403]),
        ("GET /api/v1/changes",                             [401, 200, 200, 200, 200, 200, 200, 200, 200]),
        ("GET /api/v1/changes/{reference}",                 [401, 200, 404, 404, 200, 200, 200, 200, 200]),
        ("PUT /api/v1/changes/{reference}",                 [401, 200, 404, 404, 403, 403, 403, 403, 403]),
        ("POST /api/v1/changes/{reference}/cancel",         [401, 200, 404, 404, 403, 403, 403, 403, 403]),
        ("GET /api/v1/changes/{reference}/revisions",       [401, 200, 404, 404, 200, 200, 200, 200, 200]),
        ("GET /api/v1/assessment-queue",                    [401, 403, 403, 403, 200, 403, 403, 403, 403]),
        ("POST /api/v1/changes/{reference}/assessment",     [401, 403, 403, 403, 200, 403, 403, 403, 403]),
        ("GET /api/v1/changes/{reference}/advice",          [401, 403, 403, 403, 200, 403, 403, 403, 403]),
        ("POST /api/v1/internal-changes",                   [401, 403, 403, 403, 201, 403, 403, 403, 403]),
        ("GET /api/v1/internal-changes",                    [401, 200, 200, 200, 200, 200, 200, 200, 200]),
        ("GET /api/v1/internal-changes/{reference}",        [401, 200, 200, 200, 200, 200, 200, 200, 200]),
        ("PUT /api/v1/internal-changes/{reference}",        [401, 403, 403, 403, 200, 403, 403, 403, 403]),
        ("POST /api/v1/internal-changes/{reference}/cancel", [401, 403, 403, 403, 200, 403, 403, 403, 403]),
        ("GET /api/v1/heatmap",                             [401, 200, 200, 200, 200, 200, 200, 200, 200]),
        ("GET /api/v1/days/{date}",                         [401, 200, 200, 200, 200, 200, 200, 200, 200]),
        ("GET /api/v1/high-risk-days",                      [401, 403, 403, 403, 200, 200, 200, 200, 403]),
        ("POST /api/v1/operations/service-requests",        [401, 403, 403, 403, 403, 200, 200, 403, 403]),
        ("POST /api/v1/operations/outages",                 [401, 403, 403, 403, 403, 200, 200, 403, 403]),
        ("POST /api/v1/operations/incidents",               [401, 403, 403, 403, 403, 200, 200, 403, 403]),
        ("POST /api/v1/operations/imports/{kind}",          [401, 403, 403, 403, 403, 200, 200, 403, 403]),
        ("GET /api/v1/operations/templates/{kind}.csv",     [401, 403, 403, 403, 403, 200, 200, 403, 403]),
        ("GET /api/v1/operations/report",                   [401, 403, 403, 403, 200, 200, 200, 200, 403]),
        ("GET /api/v1/operations/report.csv",               [401, 403, 403, 403, 200, 200, 200, 200, 403]),
        ("GET /api/v1/outcomes",                            [401, 403, 403, 403, 200, 200, 200, 200, 403]),
    ];

    /// <summary>The routes this matrix covers, for the check that every route of the app is in a matrix.</summary>
    public static IEnumerable<string> Routes => Matrix.Select(m => m.Route);

    public static TheoryData<string, string, int> Cases
    {
        get
        {
            var cases = new TheoryData<string, string, int>();
            foreach (var (route, expected) in Matrix)
            {
                for (var i = 0; i < Callers.Length; i++)
                {
                    cases.Add(route, Callers[i], expected[i]);
                }
            }

            return cases;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Every_route_answers_every_caller_with_the_status_the_rules_give(string route, string caller, int expected)
    {
        var owner = await app.ClientForAsync(DemoUsers.SupplierA);
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        var date = TestDates.Next();
        var change = await owner.NotifyAsync(Bodies.Change(date, "BusinessCritical"));
        var internalChange = await assessor.CreateInternalAsync(Bodies.Internal(date, 2, 2));
        var client = caller == Anonymous ? app.CreateClient() : await app.ClientForAsync(caller);
        var iso = TestDates.Iso(date);
        var (method, path) = (route.Split(' ')[0], route.Split(' ')[1]);
        var url = path
            .Replace("/internal-changes/{reference}", $"/internal-changes/{internalChange.Reference()}", StringComparison.Ordinal)
            .Replace("{reference}", change.Reference(), StringComparison.Ordinal)
            .Replace("{date}", iso, StringComparison.Ordinal)
            .Replace("{kind}", "incidents", StringComparison.Ordinal);
        var unique = Guid.NewGuid().ToString("N");
        object? body = (method, path) switch
        {
            ("POST", "/api/v1/changes") or ("PUT", "/api/v1/changes/{reference}") => Bodies.Change(date, "BusinessCritical", description: "Edited"),
            ("POST", "/api/v1/changes/batch") => new[] { Bodies.Change(date, "BusinessCritical", description: "From a pipeline") },
            ("POST", "/api/v1/changes/{reference}/assessment") => Bodies.Assessment("Likely"),
            ("POST", "/api/v1/internal-changes") or ("PUT", "/api/v1/internal-changes/{reference}") => Bodies.Internal(date, 3, 3),
            ("POST", "/api/v1/operations/service-requests") => new[] { Bodies.ServiceRequest(unique, date) },
            ("POST", "/api/v1/operations/outages") => new[] { Bodies.Outage(unique, date) },
            ("POST", "/api/v1/operations/incidents") => new[] { Bodies.Incident(unique, date) },
            _ => null,
        };
        if (method == "GET" && path is "/api/v1/heatmap" or "/api/v1/high-risk-days" or "/api/v1/changes" or "/api/v1/internal-changes" or "/api/v1/outcomes")
        {
            url += $"?from={iso}&to={iso}";
        }

        if (path.StartsWith("/api/v1/operations/report", StringComparison.Ordinal))
        {
            url += $"?month={iso[..7]}";
        }

        using var response = path == "/api/v1/operations/imports/{kind}"
            ? await client.SendRawAsync(HttpMethod.Post, url, $"reference,category,opened,responsibleParty\n{unique},3,{London.Text(London.At(date, 12))},Dcc\n", "text/csv")
            : await client.SendJsonAsync(new HttpMethod(method), url, body, ifMatch: method == "GET" ? null : 1);

        Assert.Equal((HttpStatusCode)expected, response.StatusCode);
        if (expected >= 400)
        {
            Assert.Equal(TestApi.ProblemJson, response.Content.Headers.ContentType?.MediaType);
        }

        if (method != "GET" && expected >= 400)
        {
            var unchanged = await owner.GetJsonAsync($"/api/v1/changes/{change.Reference()}");
            Assert.Equal(change.ToString(), unchanged.ToString());
            var unchangedInternal = await owner.GetJsonAsync($"/api/v1/internal-changes/{internalChange.Reference()}");
            Assert.Equal(internalChange.ToString(), unchangedInternal.ToString());
            Assert.Single((await owner.GetJsonAsync($"/api/v1/changes?from={iso}&to={iso}")).EnumerateArray());
        }
    }

    [Fact]
    public async Task Another_organisations_change_is_not_found_exactly_like_a_change_that_does_not_exist()
    {
        var owner = await app.ClientForAsync(DemoUsers.SupplierA);
        var other = await app.ClientForAsync(DemoUsers.SupplierB);
        var change = await owner.NotifyAsync(Bodies.Change(TestDates.Next()));

        foreach (var suffix in new[] { "", "/revisions" })
        {
            using var hidden = await other.GetAsync(new Uri($"/api/v1/changes/{change.Reference()}{suffix}", UriKind.Relative));
            using var missing = await other.GetAsync(new Uri($"/api/v1/changes/CHG-99999{suffix}", UriKind.Relative));

            var hiddenProblem = await hidden.ExpectProblemAsync(HttpStatusCode.NotFound);
            var missingProblem = await missing.ExpectProblemAsync(HttpStatusCode.NotFound);
            Assert.Equal(missingProblem.Text("title"), hiddenProblem.Text("title"));
            Assert.Equal(missingProblem.Text("detail"), hiddenProblem.Text("detail"));
            Assert.DoesNotContain(change.Reference(), await hidden.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_token_that_is_not_ours_answers_401()
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer",
            "eyJhbGciOiJIUzI1NiJ9.eyJlbWFpbCI6InVzZXJAc3VwcGxpZXItYS5leGFtcGxlIn0.c2lnbmF0dXJl");

        using var response = await client.GetAsync(new Uri("/api/v1/changes", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("nobody@example.com")]
    [InlineData("")]
    [InlineData(null)]
    public async Task A_dev_token_for_an_unknown_email_answers_400_naming_email(string? email)
    {
        var client = app.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/v1/dev/token", new { email });

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "email");
    }

    [Fact]
    public async Task The_whole_API_is_published_as_OpenAPI()
    {
        var client = app.CreateClient();

        var document = await client.GetJsonAsync("/openapi/v1.json");

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/changes", paths);
        Assert.Contains("/api/v1/changes/{reference}/assessment", paths);
        Assert.Contains("/api/v1/heatmap", paths);
        Assert.Contains("/api/v1/high-risk-days", paths);
        Assert.Contains("/api/v1/operations/imports/{kind}", paths);
        Assert.Contains("/api/v1/outcomes", paths);
        Assert.Contains("/api/v1/audit", paths);
        Assert.Contains("/api/v1/people", paths);
        Assert.Contains("/api/v1/api-keys", paths);
    }
}
