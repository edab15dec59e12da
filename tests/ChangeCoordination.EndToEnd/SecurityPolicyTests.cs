using System.Text.RegularExpressions;

namespace ChangeCoordination.EndToEnd;

/// <summary>The pages run under the app's Content Security Policy: nothing is blocked, nothing complains in the console.</summary>
[Collection(DemoLiveAppGroup.Name)]
public sealed class SecurityPolicyTests(DemoLiveApp app)
{
    private const string ReportViolations =
        "document.addEventListener('securitypolicyviolation', e => window.reportCspViolation(location.pathname + ': ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline')));";

    [Theory]
    [InlineData("Maya Singh", "/heatmap", 1366, 768)]
    [InlineData("TOC wall display", "/wall", 1920, 1080)]
    [InlineData("Alex Morgan", "/changes/new", 1366, 768)]
    [InlineData("Dana Reid", "/assess", 1366, 768)]
    public async Task The_page_runs_under_the_content_security_policy_with_no_violation_or_console_error(string person, string path, int width, int height)
    {
        var page = await app.NewPageAsync(width, height);
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error" || message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"console {message.Type} on {page.Url}: {message.Text}");
            }
        };
        await page.ExposeFunctionAsync("reportCspViolation", (string violation) => problems.Add("violation " + violation));
        await page.AddInitScriptAsync(ReportViolations);

        var response = await page.GotoAsync(path);
        Assert.Contains("script-src 'self' 'nonce-", response!.Headers["content-security-policy"], StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Button, new() { Name = person }).ClickAsync();
        await Expect(page).Not.ToHaveURLAsync(new Regex("/account/signin"));
        await LiveApp.WaitUntilInteractiveAsync(page);
        if (path == "/heatmap")
        {
            await page.Locator("td.st-red a.day-link").First.ClickAsync();
            await Expect(page.GetByTestId("day-statuses")).ToContainTextAsync("Overall: Red");
        }

        Assert.Empty(problems);
    }
}
