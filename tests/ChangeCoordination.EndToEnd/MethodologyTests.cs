using System.Globalization;
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

        await Expect(owner.GetByTestId("what-if-summary")).ToContainTextAsync(ChangedDays());
        await Expect(owner.Locator("[data-side='proposed'] td.marked").First).ToBeVisibleAsync();
        await Expect(owner.GetByTestId("changed-days").Locator("tbody tr").First).ToBeVisibleAsync();
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
        var effective = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(28);
        await LiveApp.FillAsync(owner, "Panel decision (meeting and minute)", "Panel meeting, minute 6");
        await owner.Locator("#effectiveFrom").FillAsync(effective.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await owner.Locator("#effectiveFrom").PressAsync("Tab");
        await owner.GetByTestId("record-approval").ClickAsync();

        await Expect(owner.GetByTestId("version-state")).ToHaveTextAsync($"Approved: takes force {effective.ToString("ddd d MMM yyyy", CultureInfo.GetCultureInfo("en-GB"))}");
        await Expect(owner.GetByTestId("history")).ToContainTextAsync("Approved by the Panel by owner@dcc.example");
        await LiveApp.ScreenshotAsync(owner, "methodology-version-1366");
        await owner.GotoAsync("/methodology");
        await Expect(owner.GetByTestId("next-version")).ToContainTextAsync($"version {version}");
    }

    [GeneratedRegex(@"/methodology/versions/([0-9.]+)$")]
    private static partial Regex VersionInAddress();

    [GeneratedRegex(@"^[1-9][0-9]* days? (Green|Amber|Red) to (Green|Amber|Red).* over the next 3 months")]
    private static partial Regex ChangedDays();
}
