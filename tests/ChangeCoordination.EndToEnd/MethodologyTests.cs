using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ChangeCoordination.EndToEnd;

[Collection(DemoLiveAppGroup.Name)]
public sealed partial class MethodologyTests(DemoLiveApp app)
{
    [Fact]
    public async Task A_Site_Owner_drafts_a_Large_edge_of_8_hours_sees_the_days_it_would_change_consults_and_records_the_Panel_s_approval()
    {
        var owner = await app.SignInAsync("Sam Whitfield", "/methodology");
        await owner.GetByRole(AriaRole.Link, new() { Name = "Draft a new version" }).ClickAsync();
        await Expect(owner.GetByTestId("methodology-editor")).ToBeVisibleAsync();
        await LiveApp.FillAsync(owner, "What this version changes and why", "Large from 8 hours: overnight releases of 7 hours are routine now.");
        await owner.Locator("#largeAboveHours").FillAsync("8");
        await owner.Locator("#largeAboveHours").PressAsync("Tab");
        await LiveApp.ScreenshotAsync(owner, "methodology-draft-1366");
        await owner.GetByTestId("save-draft").ClickAsync();

        await Expect(owner.GetByTestId("version-state")).ToHaveTextAsync("Draft");
        await Expect(owner.GetByTestId("complexity-rules")).ToContainTextAsync("over 8 hours (changed; was 6 hours)");
        var version = VersionInAddress().Match(owner.Url).Groups[1].Value;
        await owner.GetByRole(AriaRole.Link, new() { Name = "What-if: compare the heatmaps" }).ClickAsync();

        // The test makes the day the draft changes: a 7-hour change on a quiet day, which the open what-if hears.
        await Expect(owner.GetByTestId("what-if-summary")).ToBeVisibleAsync();
        var white = await owner.Locator("[data-side='current'] td.st-white span[data-date]").EvaluateAllAsync<string[]>("cells => cells.map(c => c.dataset.date)");
        var quiet = white.Select(d => DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture)).First(d => d > TestClock.Today.AddDays(1));
        await NotifyAndAssessSevenHoursAsync(quiet);
        await Expect(owner.GetByTestId("changed-days")).ToContainTextAsync(quiet.ToString("ddd d MMM yyyy", CultureInfo.GetCultureInfo("en-GB")));
        await Expect(owner.GetByTestId("what-if-summary")).ToContainTextAsync(ChangedDays());
        await Expect(owner.Locator("[data-side='proposed'] td.marked").First).ToBeVisibleAsync();
        await LiveApp.ScreenshotAsync(owner, "methodology-what-if-1366");
        await owner.GetByRole(AriaRole.Link, new() { Name = $"Back to version {version}" }).ClickAsync();
        await owner.GetByTestId("open-consultation").ClickAsync();
        await Expect(owner.GetByTestId("version-state")).ToHaveTextAsync("In consultation");

        var supplier = await app.SignInAsync("Alex Morgan", $"/methodology/versions/{version}");
        await LiveApp.FillAsync(supplier, "Your response", "Supplier A supports the change from April.");
        await supplier.GetByRole(AriaRole.Button, new() { Name = "Send our response" }).ClickAsync();
        await Expect(supplier.GetByTestId("version-message")).ToContainTextAsync("response is sent to the DCC");

        await owner.ReloadAsync();
        await LiveApp.WaitUntilInteractiveAsync(owner);
        await Expect(owner.GetByTestId("responses")).ToContainTextAsync("Supplier A supports the change from April.");
        var effective = TestClock.Today.AddDays(28);
        await LiveApp.FillAsync(owner, "Panel decision (meeting and minute)", "Panel meeting, minute 6");
        await owner.Locator("#effectiveFrom").FillAsync(effective.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        await owner.Locator("#effectiveFrom").PressAsync("Tab");
        await owner.GetByTestId("record-approval").ClickAsync();

        await Expect(owner.GetByTestId("version-state")).ToHaveTextAsync($"Approved: takes force {effective.ToString("ddd d MMM yyyy", CultureInfo.GetCultureInfo("en-GB"))}");
        await Expect(owner.GetByTestId("history")).ToContainTextAsync("Approved by the Panel by owner@dcc.example");
        await LiveApp.ScreenshotAsync(owner, "methodology-version-1366");
        await owner.GotoAsync("/methodology");
        await Expect(owner.GetByTestId("next-version")).ToContainTextAsync($"version {version}");

        var wide = await app.SignInAsync("Sam Whitfield", $"/methodology/versions/{version}/what-if", 1920, 1080);
        await Expect(wide.GetByTestId("what-if-summary")).ToContainTextAsync(ChangedDays());
        await LiveApp.ScreenshotAsync(wide, "methodology-what-if-1920");
    }

    /// <summary>A 7-hour change assessed Highly likely: Red under a 6-hour Large edge, Amber under 8.</summary>
    private async Task NotifyAndAssessSevenHoursAsync(DateOnly date)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        var local = date.ToDateTime(new TimeOnly(1, 0));
        var start = new DateTimeOffset(local, zone.GetUtcOffset(local));
        using var supplier = await app.ApiClientAsync("user@supplier-a.example");
        using var notified = await supplier.PostAsJsonAsync("/api/v1/changes", new
        {
            kind = "Planned",
            type = "UserSystem",
            start = start.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            end = start.AddHours(7).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            description = "Overnight head-end release",
        });
        notified.EnsureSuccessStatusCode();
        var reference = (await notified.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString();
        using var assessor = await app.ApiClientAsync("assessor@dcc.example");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/changes/{reference}/assessment")
        {
            Content = JsonContent.Create(new { probability = "HighlyLikely", rationale = "Similar releases caused outages before." }),
        };
        request.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"1\""));
        using var assessed = await assessor.SendAsync(request);
        assessed.EnsureSuccessStatusCode();
    }

    [GeneratedRegex(@"/methodology/versions/([0-9.]+)$")]
    private static partial Regex VersionInAddress();

    [GeneratedRegex(@"^[1-9][0-9]* days? (Green|Amber|Red) to (Green|Amber|Red).* over the next 3 months")]
    private static partial Regex ChangedDays();
}
