using System.Net;
using ChangeCoordination.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ChangeCoordination.Web.Tests.Api;

/// <summary>
/// Every page against every caller, signed in with the session cookie as a browser is: the page (200), or a redirect
/// to the sign-in page (nobody signed in) or to the "not allowed" page (a role the page is not for).
/// </summary>
public sealed class PageMatrixTests(PageMatrixTests.SignedIn signedIn) : IClassFixture<PageMatrixTests.SignedIn>
{
    private const string Anonymous = "(no cookie)";
    private const string Page = "page";
    private const string SignIn = "sign-in";
    private const string Denied = "denied";

    private static readonly string[] Callers =
    [
        Anonymous, DemoUsers.SupplierA, DemoUsers.SupplierB, DemoUsers.NetworkC,
        DemoUsers.Assessor, DemoUsers.Toc, DemoUsers.Manager, DemoUsers.Owner, DemoUsers.Wall,
    ];

    /// <summary>The pages; {reference} is a change of Supplier A (Supplier B and Network C get the page, which says it is not theirs).</summary>
    private static readonly (string Path, string[] Expected)[] Matrix =
    [
        //                           none     A     B     C     Asr     TOC     Mgr     Own     Wall
        ("/",                         [SignIn, Page, Page, Page, Page,   Page,   Page,   Page,   Page]),
        ("/heatmap",                  [SignIn, Page, Page, Page, Page,   Page,   Page,   Page,   Page]),
        ("/days/{date}",              [SignIn, Page, Page, Page, Page,   Page,   Page,   Page,   Page]),
        ("/wall",                     [SignIn, Page, Page, Page, Page,   Page,   Page,   Page,   Page]),
        ("/internal-changes",         [SignIn, Page, Page, Page, Page,   Page,   Page,   Page,   Page]),
        ("/methodology",              [SignIn, Page, Page, Page, Page,   Page,   Page,   Page,   Page]),
        ("/changes/new",              [SignIn, Page, Page, Page, Denied, Denied, Denied, Denied, Denied]),
        ("/changes",                  [SignIn, Page, Page, Page, Denied, Denied, Denied, Denied, Denied]),
        ("/changes/{reference}",      [SignIn, Page, Page, Page, Denied, Denied, Denied, Denied, Denied]),
        ("/changes/{reference}/edit", [SignIn, Page, Page, Page, Denied, Denied, Denied, Denied, Denied]),
        ("/changes/upload",           [SignIn, Page, Page, Page, Denied, Denied, Denied, Denied, Denied]),
        ("/assess",                   [SignIn, Denied, Denied, Denied, Page, Denied, Denied, Denied, Denied]),
        ("/support",                  [SignIn, Denied, Denied, Denied, Page, Page, Page, Page, Denied]),
        ("/methodology/versions/{version}",          [SignIn, Page, Page, Page, Page, Page, Page, Page, Page]),
        ("/methodology/versions/{version}/what-if",  [SignIn, Page, Page, Page, Page, Page, Page, Page, Page]),
        ("/methodology/versions/new",                [SignIn, Denied, Denied, Denied, Denied, Denied, Denied, Page, Denied]),
        ("/methodology/versions/{version}/edit",     [SignIn, Denied, Denied, Denied, Denied, Denied, Denied, Page, Denied]),
        ("/operations",               [SignIn, Denied, Denied, Denied, Denied, Page, Page, Denied, Denied]),
        ("/operations/report",        [SignIn, Denied, Denied, Denied, Page, Page, Page, Page, Denied]),
        ("/operations/variants",      [SignIn, Denied, Denied, Denied, Page, Page, Page, Page, Denied]),
        ("/outcomes",                 [SignIn, Denied, Denied, Denied, Page, Page, Page, Page, Denied]),
        ("/operations/incidents",     [SignIn, Denied, Denied, Denied, Page, Page, Page, Page, Denied]),
        ("/records",                  [SignIn, Page, Page, Page, Page, Page, Page, Page, Page]),
        ("/admin/audit",              [SignIn, Denied, Denied, Denied, Denied, Denied, Page, Page, Denied]),
        ("/admin/access",             [SignIn, Denied, Denied, Denied, Denied, Denied, Denied, Page, Denied]),
    ];

    /// <summary>Pages anyone may open: signing in, being told no, and the error pages.</summary>
    private static readonly string[] PublicPages = ["/account/signin", "/account/denied", "/Error", "/not-found"];

    public static TheoryData<string, string, string> Cases
    {
        get
        {
            var cases = new TheoryData<string, string, string>();
            foreach (var (path, expected) in Matrix)
            {
                for (var i = 0; i < Callers.Length; i++)
                {
                    cases.Add(path, Callers[i], expected[i]);
                }
            }

            return cases;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Every_page_answers_every_caller_as_the_rules_give(string path, string caller, string expected)
    {
        var date = TestDates.Next();
        var change = await (await signedIn.App.ClientForAsync(DemoUsers.SupplierA)).NotifyAsync(Bodies.Change(date));
        var client = await signedIn.ClientAsync(caller);
        var url = path.Replace("{date}", TestDates.Iso(date), StringComparison.Ordinal).Replace("{reference}", change.Reference(), StringComparison.Ordinal).Replace("{version}", "1.0", StringComparison.Ordinal);

        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));

        var location = response.Headers.Location?.ToString() ?? "";
        var actual = response.StatusCode switch
        {
            HttpStatusCode.OK => Page,
            HttpStatusCode.Redirect when location.Contains("/account/signin", StringComparison.Ordinal) => SignIn,
            HttpStatusCode.Redirect when location.Contains("/account/denied", StringComparison.Ordinal) => Denied,
            _ => $"{(int)response.StatusCode} {location}",
        };
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Every_page_of_the_app_is_in_the_matrix()
    {
        var pages = signedIn.App.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.Any(m => m.GetType().Name == "ComponentTypeMetadata"))
            .Select(e => "/" + e.RoutePattern.RawText!.Trim('/'))
            .Select(p => p.Replace("{DateText}", "{date}", StringComparison.Ordinal).Replace("{Reference}", "{reference}", StringComparison.Ordinal).Replace("{Version}", "{version}", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);

        Assert.Equal(Matrix.Select(m => m.Path).Concat(PublicPages).Order(StringComparer.Ordinal), pages);
    }

    /// <summary>The app and one session per caller, signed in once for the whole matrix.</summary>
    public sealed class SignedIn : IDisposable
    {
        private readonly Dictionary<string, HttpClient> clients = [];

        public AppFactory App { get; } = new();

        public async Task<HttpClient> ClientAsync(string caller)
        {
            if (!clients.TryGetValue(caller, out var client))
            {
                clients[caller] = client = caller == Anonymous ? App.AnonymousPageClient() : await App.PageClientForAsync(caller);
            }

            return client;
        }

        public void Dispose()
        {
            foreach (var client in clients.Values)
            {
                client.Dispose();
            }

            App.Dispose();
        }
    }
}
