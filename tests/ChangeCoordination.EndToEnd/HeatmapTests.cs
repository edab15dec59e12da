using Xunit.Abstractions;

namespace ChangeCoordination.EndToEnd;

[Collection(DemoLiveAppGroup.Name)]
public sealed class HeatmapTests(DemoLiveApp app, ITestOutputHelper output)
{
    /// <summary>The first day cell's width, the date's type size and how much of its container the months span.</summary>
    private const string MeasureLayout = """
        () => {
            const months = document.querySelector('.heatmap .months');
            const boxes = [...months.querySelectorAll('.month')].map(m => m.getBoundingClientRect());
            const span = Math.max(...boxes.map(b => b.right)) - Math.min(...boxes.map(b => b.left));
            const cell = months.querySelector('td.day:not(.outside)');
            return [cell.getBoundingClientRect().width, span / months.clientWidth, parseFloat(getComputedStyle(cell.querySelector('.day-num')).fontSize)];
        }
        """;

    [Fact]
    public async Task The_heatmap_shows_the_demo_year_with_letters_and_opens_a_day_from_the_keyboard()
    {
        var page = await app.SignInAsync("Maya Singh", "/heatmap");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Risk heatmap" })).ToBeVisibleAsync();
        await Expect(page.Locator("td.st-red .day-letter").First).ToHaveAttributeAsync("data-letter", "R");
        await LiveApp.ScreenshotAsync(page, "heatmap-1366");
        await AssertFillsTheWidthAsync(page, 36);

        var today = page.Locator("td.today a.day-link");
        await today.FocusAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        var focused = await page.EvaluateAsync<string>("document.activeElement.dataset.date");
        var expected = DateOnly.ParseExact(await today.GetAttributeAsync("data-date") ?? "", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture).AddDays(1);
        Assert.Equal(expected.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), focused);

        // The months side by side stay one grid: a week down from a month's last week lands in the next month.
        var lastWeek = new DateOnly(expected.Year, expected.Month, 1).AddMonths(1).AddDays(-3);
        await page.Locator($"a.day-link[data-date='{lastWeek:yyyy-MM-dd}']").FocusAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        Assert.Equal(lastWeek.AddDays(7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), await page.EvaluateAsync<string>("document.activeElement.dataset.date"));

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
        await AssertFillsTheWidthAsync(page, 44);

        await page.GotoAsync("/heatmap");
        await Expect(page.Locator(".month")).ToHaveCountAsync(3);
        await LiveApp.ScreenshotAsync(page, "heatmap-1920-3m");
        await AssertFillsTheWidthAsync(page, 44);

        await page.GotoAsync("/wall");
        await Expect(page.Locator(".wall-heatmap td.day").First).ToBeVisibleAsync();
        await LiveApp.ScreenshotAsync(page, "wall-1920");
    }

    private async Task AssertFillsTheWidthAsync(IPage page, double cellWidth)
    {
        var measured = await page.EvaluateAsync<double[]>(MeasureLayout);
        output.WriteLine($"{page.Url} at {page.ViewportSize!.Width} px: day cell {measured[0]:0.#} px wide, months span {measured[1]:P0} of their container, date {measured[2]:0.#} px");
        Assert.True(measured[0] >= cellWidth, $"A day cell is {measured[0]:0.#} px wide, under {cellWidth} px");
        Assert.True(measured[1] >= .9, $"The months span {measured[1]:P0} of their container, under 90%");
    }
}
