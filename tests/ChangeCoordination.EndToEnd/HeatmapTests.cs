namespace ChangeCoordination.EndToEnd;

[Collection(DemoLiveAppGroup.Name)]
public sealed class HeatmapTests(DemoLiveApp app)
{
    [Fact]
    public async Task The_heatmap_shows_the_demo_year_with_letters_and_opens_a_day_from_the_keyboard()
    {
        var page = await app.SignInAsync("Maya Singh", "/heatmap");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Risk heatmap" })).ToBeVisibleAsync();
        await Expect(page.Locator("td.st-red .day-letter").First).ToHaveTextAsync("R");
        await LiveApp.ScreenshotAsync(page, "heatmap-1366");

        var today = page.Locator("td.today a.day-link");
        await today.FocusAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        var focused = await page.EvaluateAsync<string>("document.activeElement.dataset.date");
        var expected = DateOnly.ParseExact(await today.GetAttributeAsync("data-date") ?? "", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture).AddDays(1);
        Assert.Equal(expected.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), focused);

        var christmas = TestClock.Today > new DateOnly(TestClock.Today.Year, 12, 24) ? TestClock.Today.Year + 1 : TestClock.Today.Year;
        await page.GotoAsync($"/heatmap?range=custom&from={christmas}-12-01&to={christmas}-12-31");
        await Expect(page.Locator($"td.frozen a[data-date='{christmas}-12-24']")).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex("change freeze: Christmas change freeze"));
    }

    [Fact]
    public async Task The_heatmap_reads_on_a_wall_sized_screen()
    {
        var page = await app.SignInAsync("Tom Okafor", "/heatmap?range=12m", 1920, 1080);

        await Expect(page.Locator(".month")).ToHaveCountAsync(12);
        await LiveApp.ScreenshotAsync(page, "heatmap-1920");
    }
}
