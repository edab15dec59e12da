using System.Net;
using System.Net.Http.Json;
using System.Text;
using ChangeCoordination.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ChangeCoordination.Web.Tests.Api;

/// <summary>
/// The API routes beyond shared/API.md's table (which <see cref="AuthorizationMatrixTests"/> covers with its own
/// fixtures), against every caller. Writes that need a rich body send one that fails validation: an allowed caller
/// gets past the door to a 400 or 404 and nothing changes; a caller the route is not for never gets that far.
/// </summary>
public sealed class RouteMatrixTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Anonymous = "(no token)";

    private static readonly string[] Callers =
    [
        Anonymous, DemoUsers.SupplierA, DemoUsers.SupplierB, DemoUsers.NetworkC,
        DemoUsers.Assessor, DemoUsers.Toc, DemoUsers.Manager, DemoUsers.Owner, DemoUsers.Wall,
    ];

    private static readonly (string Route, int[] Expected)[] Matrix =
    [
        //                                                        none  A    B    C    Asr  TOC  Mgr  Own  Wall
        ("POST /api/v1/dev/token",                                [200, 200, 200, 200, 200, 200, 200, 200, 200]),
        ("GET /api/v1/changes/template.csv",                      [401, 200, 200, 200, 403, 403, 403, 403, 403]),
        ("GET /api/v1/changes/template.xlsx",                     [401, 200, 200, 200, 403, 403, 403, 403, 403]),
        ("GET /api/v1/internal-changes/export.csv",               [401, 200, 200, 200, 200, 200, 200, 200, 200]),
        ("GET /api/v1/internal-changes/export.ics",               [401, 200, 200, 200, 200, 200, 200, 200, 200]),
        ("POST /api/v1/internal-changes/import",                  [401, 403, 403, 403, 400, 403, 403, 403, 403]),
        ("PUT /api/v1/changes/{reference}/review",                [401, 404, 404, 404, 403, 403, 403, 403, 403]),
        ("GET /api/v1/bank-holidays",                             [401, 200, 200, 200, 200, 200, 200, 200, 200]),
        ("GET /api/v1/bank-holidays/overrides",                   [401, 403, 403, 403, 200, 200, 200, 200, 403]),
        ("PUT /api/v1/bank-holidays/overrides",                   [401, 403, 403, 403, 400, 400, 400, 400, 403]),
        ("GET /api/v1/freeze-windows",                            [401, 200, 200, 200, 200, 200, 200, 200, 200]),
        ("POST /api/v1/freeze-windows",                           [401, 403, 403, 403, 400, 403, 403, 403, 403]),
        ("DELETE /api/v1/freeze-windows/{id}",                    [401, 403, 403, 403, 404, 403, 403, 403, 403]),
        ("GET /api/v1/feeds",                                     [401, 200, 200, 200, 200, 200, 200, 200, 200]),
        ("POST /api/v1/feeds",                                    [401, 400, 400, 400, 400, 400, 400, 400, 400]),
        ("DELETE /api/v1/feeds/{id}",                             [401, 404, 404, 404, 404, 404, 404, 404, 404]),
        ("GET /api/v1/notifications",                             [401, 200, 200, 200, 200, 200, 200, 200, 200]),
        ("POST /api/v1/notifications/read",                       [401, 204, 204, 204, 204, 204, 204, 204, 204]),
        ("GET /api/v1/methodology",                               [401, 200, 200, 200, 200, 200, 200, 200, 200]),
        ("GET /api/v1/methodology/versions",                      [401, 200, 200, 200, 200, 200, 200, 200, 200]),
        ("GET /api/v1/methodology/versions/{version}",            [401, 200, 200, 200, 200, 200, 200, 200, 200]),
        ("POST /api/v1/methodology/versions",                     [401, 403, 403, 403, 403, 403, 403, 400, 403]),
        ("PUT /api/v1/methodology/versions/{version}",            [401, 403, 403, 403, 403, 403, 403, 404, 403]),
        ("POST /api/v1/methodology/versions/{version}/consultation", [401, 403, 403, 403, 403, 403, 403, 404, 403]),
        ("POST /api/v1/methodology/versions/{version}/approval",  [401, 403, 403, 403, 403, 403, 403, 404, 403]),
        ("POST /api/v1/methodology/versions/{version}/withdrawal", [401, 403, 403, 403, 403, 403, 403, 404, 403]),
        ("GET /api/v1/methodology/versions/{version}/responses",  [401, 200, 200, 200, 200, 200, 200, 200, 200]),
        ("PUT /api/v1/methodology/versions/{version}/responses/mine", [401, 404, 404, 404, 403, 403, 403, 403, 403]),
        ("PUT /api/v1/support-plans/{date}/assignment",           [401, 403, 403, 403, 403, 403, 404, 403, 403]),
        ("POST /api/v1/support-plans/{date}/acknowledgement",     [401, 403, 403, 403, 403, 404, 403, 403, 403]),
        ("PUT /api/v1/support-plans/{date}/checklist",            [401, 403, 403, 403, 403, 404, 404, 403, 403]),
        ("POST /api/v1/support-plans/{date}/log",                 [401, 403, 403, 403, 404, 404, 404, 404, 403]),
        ("GET /api/v1/audit",                                     [401, 403, 403, 403, 403, 403, 200, 200, 403]),
        ("GET /api/v1/people",                                    [401, 403, 403, 403, 403, 403, 403, 200, 403]),
        ("POST /api/v1/people",                                   [401, 403, 403, 403, 403, 403, 403, 400, 403]),
        ("PUT /api/v1/people/{id}",                               [401, 403, 403, 403, 403, 403, 403, 428, 403]),
        ("GET /api/v1/api-keys",                                  [401, 403, 403, 403, 403, 403, 403, 200, 403]),
        ("GET /api/v1/backups",                                   [401, 403, 403, 403, 403, 403, 403, 200, 403]),
        ("POST /api/v1/api-keys",                                 [401, 403, 403, 403, 403, 403, 403, 400, 403]),
        ("DELETE /api/v1/api-keys/{id}",                          [401, 403, 403, 403, 403, 403, 403, 404, 403]),
        ("GET /api/v1/operations/variants",                       [401, 403, 403, 403, 200, 200, 200, 200, 403]),
        ("PUT /api/v1/operations/variants",                       [401, 403, 403, 403, 403, 403, 428, 428, 403]),
        ("GET /api/v1/operations/incidents",                      [401, 403, 403, 403, 400, 400, 400, 400, 403]),
        ("GET /api/v1/operations/incidents/{incident}",           [401, 403, 403, 403, 404, 404, 404, 404, 403]),
        ("PUT /api/v1/operations/incidents/{incident}/links",     [401, 403, 403, 403, 404, 404, 404, 404, 403]),
        ("GET /api/v1/records",                                   [401, 400, 400, 400, 400, 400, 400, 400, 400]),
        ("GET /api/v1/calibration",                               [401, 403, 403, 403, 400, 400, 400, 400, 403]),
    ];

    /// <summary>Routes tested elsewhere, with where: the hub and the secret calendar-feed URLs are not called with a caller's token.</summary>
    private static readonly string[] Elsewhere =
    [
        "* /hubs/heatmap",          // LiveHubTests and LeakTests: bearer token as access_token.
        "GET /feeds/{secret}.ics",  // CalendarFeedTests: the secret in the URL is the credential.
        "POST /api/v1/backups",     // BackupTests: only the Site Owner backs up, into a folder of the test's own.
    ];

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
    public async Task Every_other_route_answers_every_caller_with_the_status_the_rules_give(string route, string caller, int expected)
    {
        var client = caller == Anonymous ? app.CreateClient() : await app.ClientForAsync(caller);
        var (method, path) = (route.Split(' ')[0], route.Split(' ')[1]);
        var url = path
            .Replace("{date}", TestDates.Iso(TestDates.Next()), StringComparison.Ordinal)
            .Replace("/people/{id}", $"/people/{await WallIdAsync()}", StringComparison.Ordinal)
            .Replace("{id}", "999999", StringComparison.Ordinal)
            .Replace("{reference}", "CHG-99999", StringComparison.Ordinal)
            .Replace("{incident}", "INC-NONE", StringComparison.Ordinal)
            .Replace("{version}", method == "GET" ? "1.0" : "9.9", StringComparison.Ordinal);
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(url, UriKind.Relative)) { Content = BodyFor(route, caller) };

        using var response = await client.SendAsync(request);

        Assert.True((int)response.StatusCode == expected, $"{route} as {caller} answered {(int)response.StatusCode}, not {expected}: {await response.Content.ReadAsStringAsync()}");
        if (expected >= 400)
        {
            Assert.Equal(TestApi.ProblemJson, response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public void Every_api_route_of_the_app_is_in_one_matrix_or_tested_elsewhere()
    {
        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal) || e.RoutePattern.RawText!.StartsWith("/feeds/", StringComparison.Ordinal) || e.RoutePattern.RawText!.StartsWith("/hubs/", StringComparison.Ordinal))
            .Where(e => !e.RoutePattern.RawText!.StartsWith("/hubs/heatmap/", StringComparison.Ordinal))
            .Select(e => $"{(e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods is [var only] ? only : "*")} {Normalise(e.RoutePattern.RawText!)}")
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);

        var tested = Matrix.Select(m => m.Route)
            .Concat(AuthorizationMatrixTests.Routes)
            .Concat(Elsewhere.Select(e => e.Split("//")[0].Trim()))
            .Select(r => $"{r.Split(' ')[0]} {Normalise(r.Split(' ')[1])}")
            .Order(StringComparer.Ordinal);
        Assert.Equal(tested, routes);
    }

    private static string Normalise(string pattern) =>
        System.Text.RegularExpressions.Regex.Replace(pattern.TrimEnd('/'), "\\{([a-zA-Z]+)(:[a-z]+)?\\}", "{$1}");

    private static HttpContent? BodyFor(string route, string caller) => route switch
    {
        "POST /api/v1/dev/token" => JsonContent.Create(new { email = caller == Anonymous ? DemoUsers.SupplierA : caller }),
        "POST /api/v1/internal-changes/import" => new StringContent("not,the,template\n", Encoding.UTF8, "text/csv"),
        "PUT /api/v1/bank-holidays/overrides" => new StringContent("{}", Encoding.UTF8, "application/json"),
        "PUT /api/v1/operations/variants" => new StringContent("[{}]", Encoding.UTF8, "application/json"),
        "POST /api/v1/freeze-windows" or "POST /api/v1/people" or "POST /api/v1/api-keys" => JsonContent.Create(new { }),
        "POST /api/v1/feeds" => JsonContent.Create(new { kind = "Everything" }),
        "PUT /api/v1/changes/{reference}/review" => JsonContent.Create(new { outcome = "AsPlanned" }),
        "PUT /api/v1/people/{id}" or "POST /api/v1/methodology/versions" or "PUT /api/v1/methodology/versions/{version}" => JsonContent.Create(new { }),
        "POST /api/v1/methodology/versions/{version}/approval" => JsonContent.Create(new { effectiveFrom = "2030-01-01" }),
        "PUT /api/v1/methodology/versions/{version}/responses/mine" => JsonContent.Create(new { text = "We support the change." }),
        "PUT /api/v1/support-plans/{date}/assignment" => JsonContent.Create(new { tocLead = "Tom Okafor", majorIncidentContact = "MIM duty manager" }),
        "PUT /api/v1/support-plans/{date}/checklist" => JsonContent.Create(new { briefingSent = true }),
        "POST /api/v1/support-plans/{date}/log" => JsonContent.Create(new { text = "Watching the head-end queue." }),
        "PUT /api/v1/operations/incidents/{incident}/links" => JsonContent.Create(new { links = Array.Empty<object>() }),
        _ => null,
    };

    private async Task<int> WallIdAsync()
    {
        var owner = await app.ClientForAsync(DemoUsers.Owner);
        var people = await owner.GetJsonAsync("/api/v1/people");
        return people.EnumerateArray().Single(p => p.Text("email") == DemoUsers.Wall).GetProperty("id").GetInt32();
    }
}
