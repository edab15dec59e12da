using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ChangeCoordination.Web.Tests.Infrastructure;

/// <summary>Browsers without a browser: clients that sign in to the pages with the session cookie, through the demo sign-in form.</summary>
public static partial class PageClients
{
    /// <summary>A client with no cookie and no redirects followed, so a test sees where a page sends it.</summary>
    public static HttpClient AnonymousPageClient(this WebApplicationFactory<Program> app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Signs in as a demo identity through the form a person uses, keeping the session cookie.</summary>
    public static async Task<HttpClient> PageClientForAsync(this WebApplicationFactory<Program> app, string email)
    {
        var client = app.AnonymousPageClient();
        var form = await client.GetStringAsync(new Uri("/account/signin", UriKind.Relative));
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        using var response = await client.PostAsync(new Uri("/account/signin/demo", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email,
            ["returnUrl"] = "/",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
        }));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.ToString() == "/", $"Signing in as {email} answered {(int)response.StatusCode} {response.Headers.Location}");
        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
