using System.Globalization;

namespace ChangeCoordination.EndToEnd;

[Collection(DemoLiveAppGroup.Name)]
public sealed class FreezeWarningTests(DemoLiveApp app)
{
    [Fact]
    public async Task The_wizard_warns_of_the_Christmas_freeze_without_blocking_and_suggests_quieter_windows()
    {
        var today = TestClock.Today;
        var christmasYear = today > new DateOnly(today.Year, 12, 26) ? today.Year + 1 : today.Year;
        var page = await app.SignInAsync("Bea Patel", "/changes/new");

        await page.GetByRole(AriaRole.Radio, new() { Name = "Planned", Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Next", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "User System change" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Next", Exact = true }).ClickAsync();
        await LiveApp.FillAsync(page, "Start date", new DateOnly(christmasYear, 12, 22).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        await LiveApp.FillAsync(page, "Start time", "22:00");
        await LiveApp.FillAsync(page, "End time", "23:30");

        await Expect(page.GetByTestId("freeze-note")).ToContainTextAsync("Christmas change freeze");
        await Expect(page.GetByTestId("quiet-windows").Locator("li")).ToHaveCountAsync(3);
        await LiveApp.ScreenshotAsync(page, "wizard-freeze-1366");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Next", Exact = true })).ToBeEnabledAsync();
    }
}
