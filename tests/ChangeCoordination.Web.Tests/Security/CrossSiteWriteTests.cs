using System.Net;
using System.Net.Http.Headers;
using ChangeCoordination.Web.Tests.Infrastructure;

namespace ChangeCoordination.Web.Tests.Security;

/// <summary>
/// A browser adds the page's sign-in cookie to any form another site makes it post: API writes must therefore not be
/// made on the cookie alone, whatever the Origin says.
/// </summary>
public sealed class CrossSiteWriteTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string ForeignOrigin = "https://attacker.example";

    [Fact]
    public async Task A_cross_site_form_with_only_the_page_cookie_cannot_cancel_a_change()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var change = await supplier.NotifyAsync(Bodies.Change(TestDates.Next()));
        var pages = await app.PageClientForAsync(DemoUsers.SupplierA);

        using var response = await pages.SendAsync(CrossSiteForm($"/api/v1/changes/{change.Reference()}/cancel"));

        var problem = await response.ExpectProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("bearer token", problem.Text("title"), StringComparison.Ordinal);
        Assert.Equal("AwaitingAssessment", (await supplier.GetJsonAsync($"/api/v1/changes/{change.Reference()}")).Text("status"));
    }

    [Fact]
    public async Task A_cross_site_form_with_only_the_page_cookie_cannot_mark_notifications_read()
    {
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        var manager = await app.ClientForAsync(DemoUsers.Manager);
        await assessor.CreateInternalAsync(Bodies.Internal(TestDates.Next(), 5, 3));
        await TestApi.EventuallyAsync(() => manager.GetJsonAsync("/api/v1/notifications"), n => n.GetProperty("unread").GetInt32() > 0, "an unread notification");
        var pages = await app.PageClientForAsync(DemoUsers.Manager);

        using var response = await pages.SendAsync(CrossSiteForm("/api/v1/notifications/read"));

        await response.ExpectProblemAsync(HttpStatusCode.Unauthorized);
        Assert.True((await manager.GetJsonAsync("/api/v1/notifications")).GetProperty("unread").GetInt32() > 0, "The notifications were marked read by a cross-site form.");
    }

    [Fact]
    public async Task The_same_cancel_with_a_bearer_token_is_done_and_reads_still_take_the_cookie()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var change = await supplier.NotifyAsync(Bodies.Change(TestDates.Next()));
        var pages = await app.PageClientForAsync(DemoUsers.SupplierA);
        using var request = CrossSiteForm($"/api/v1/changes/{change.Reference()}/cancel");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenForAsync(DemoUsers.SupplierA));

        using var response = await pages.SendAsync(request);

        Assert.Equal("Cancelled", (await response.ExpectAsync(HttpStatusCode.OK)).Text("status"));
        Assert.Equal("Cancelled", (await pages.GetJsonAsync($"/api/v1/changes/{change.Reference()}")).Text("status"));
    }

    /// <summary>What another site's auto-submitting form with no fields sends: an empty form body, its own Origin, and (by the browser) the cookie.</summary>
    private static HttpRequestMessage CrossSiteForm(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative))
        {
            Content = new FormUrlEncodedContent([]),
        };
        request.Headers.Add("Origin", ForeignOrigin);
        request.Headers.Referrer = new Uri(ForeignOrigin + "/win-a-prize");
        return request;
    }
}
