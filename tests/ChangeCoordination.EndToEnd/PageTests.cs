namespace ChangeCoordination.EndToEnd;

[Collection(DemoLiveAppGroup.Name)]
public sealed class PageTests(DemoLiveApp app)
{
    [Fact]
    public async Task The_wall_display_shows_today_six_weeks_and_whether_it_is_live()
    {
        var page = await app.SignInAsync("TOC wall display", "/wall", 1920, 1080);

        await Expect(page.GetByTestId("today-tile")).ToBeVisibleAsync();
        await Expect(page.Locator("#live-text")).ToContainTextAsync("Live · last update");
        await Expect(page.Locator(".wall-heatmap td.day:not(.outside)")).ToHaveCountAsync(42);
        var scrolls = await page.EvaluateAsync<bool>("document.documentElement.scrollHeight > window.innerHeight");
        Assert.False(scrolls, "The wall display must fit a 1920x1080 screen without scrolling.");
        var smallest = await page.EvaluateAsync<SmallestText>(SmallestVisibleText);
        Assert.True(smallest.Size >= 20, $"Every piece of text on the wall is read from 5 m away: at least 20 px, but \"{smallest.Text}\" is {smallest.Size} px.");
        await LiveApp.ScreenshotAsync(page, "wall-1920");
    }

    /// <summary>The smallest computed font size of the text a person can see (not screen-reader-only text), and that text.</summary>
    private const string SmallestVisibleText = """
        () => {
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            let smallest = { size: Infinity, text: '' };
            while (walker.nextNode()) {
                const node = walker.currentNode;
                const parent = node.parentElement;
                if (!node.textContent.trim() || !parent || !parent.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
                const range = document.createRange();
                range.selectNodeContents(node);
                const box = range.getBoundingClientRect();
                if (box.width <= 1 || box.height <= 1 || box.bottom <= 0 || box.top >= innerHeight) continue;
                const size = parseFloat(getComputedStyle(parent).fontSize);
                if (size < smallest.size) smallest = { size, text: node.textContent.trim() };
            }
            return smallest;
        }
        """;

    private sealed class SmallestText
    {
        public double Size { get; init; }

        public string Text { get; init; } = "";
    }

    [Fact]
    public async Task A_manager_opens_a_day_from_the_heatmap_and_sees_it_hour_by_hour()
    {
        var page = await app.SignInAsync("Maya Singh", "/heatmap");

        await page.Locator("td.st-red a.day-link").First.ClickAsync();

        await Expect(page.GetByTestId("day-statuses")).ToContainTextAsync("Overall: Red");
        await Expect(page.Locator(".timeline-bar.st-red").First).ToBeVisibleAsync();
        await Expect(page.Locator(".day-table tbody tr").First).ToBeVisibleAsync();
        await Expect(page.Locator(".timeline-row").First).ToBeInViewportAsync();
        var bar = await page.Locator(".timeline-row").First.BoundingBoxAsync();
        Assert.True(bar!.Y + bar.Height < 768, $"The timeline opens above the fold at 1366x768, but its first bar ends at {bar.Y + bar.Height} px.");
        var organisation = await page.Locator(".day-table tbody tr").First.Locator("td").Nth(1).TextContentAsync();
        var type = await page.Locator(".day-table tbody tr").First.Locator("td").Nth(2).TextContentAsync();
        await Expect(page.GetByTestId("timeline-text").First).ToHaveTextAsync($"{organisation} · {type}");
        await LiveApp.ScreenshotAsync(page, "day-1366");
    }

    [Fact]
    public async Task A_DCC_User_sees_other_organisations_changes_on_a_day_as_windows_only()
    {
        var page = await app.SignInAsync("Bea Patel", "/heatmap");

        await page.Locator("td.st-red a.day-link").First.ClickAsync();

        await Expect(page.Locator(".day-table")).ToContainTextAsync("Another organisation");
        await Expect(page.Locator(".day-table")).Not.ToContainTextAsync("Supplier A");
        await Expect(page.Locator(".timeline")).ToContainTextAsync("Another organisation");
        await Expect(page.Locator(".timeline")).Not.ToContainTextAsync("Supplier A");
        await LiveApp.ScreenshotAsync(page, "day-user-1366");
    }

    [Fact]
    public async Task Everyone_can_read_the_methodology_with_its_risk_matrix()
    {
        var page = await app.SignInAsync("Bea Patel", "/methodology");

        await Expect(page.GetByTestId("risk-matrix").Locator("tbody tr")).ToHaveCountAsync(3);
        await Expect(page.GetByTestId("risk-matrix").Locator("tbody tr").First).ToContainTextAsync("Major");
        await LiveApp.ScreenshotAsync(page, "methodology-1366");
    }

    [Fact]
    public async Task A_manager_reads_each_organisations_record_and_whether_the_assessments_matched_what_happened()
    {
        var page = await app.SignInAsync("Maya Singh", "/records");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Each organisation" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("calibration-verdict")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("calibration").Locator("tr[data-probability]")).ToHaveCountAsync(3);
        await Expect(page.GetByTestId("calibration-days").Locator("tr[data-status]")).ToHaveCountAsync(4);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "By assessor" })).ToBeVisibleAsync();
        await LiveApp.ScreenshotAsync(page, "records-1366");

        var user = await app.SignInAsync("Alex Morgan", "/records");
        await Expect(user.GetByRole(AriaRole.Heading, new() { Name = "Our record" })).ToBeVisibleAsync();
        await Expect(user.GetByTestId("calibration-verdict")).ToHaveCountAsync(0);
        await Expect(user.Locator("tr[data-organisation]")).ToHaveCountAsync(await user.Locator("tr[data-organisation='Supplier A']").CountAsync());
    }
}
