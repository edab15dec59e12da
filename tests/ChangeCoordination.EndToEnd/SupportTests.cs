namespace ChangeCoordination.EndToEnd;

[Collection(DemoLiveAppGroup.Name)]
public sealed class SupportTests(DemoLiveApp app)
{
    [Fact]
    public async Task A_manager_assigns_a_red_day_the_TOC_acknowledges_and_the_wall_shows_it_live()
    {
        var manager = await app.SignInAsync("Maya Singh", "/support");
        var card = manager.Locator("article.state-unassigned").First;
        var date = await card.GetAttributeAsync("data-date");
        await card.GetByLabel("TOC monitoring lead").FillAsync("Tom Okafor");
        await card.GetByLabel("Major Incident Management contact").FillAsync("MIM duty manager");
        await card.GetByRole(AriaRole.Button, new() { Name = "Assign" }).ClickAsync();
        var assigned = manager.Locator($"article[data-date='{date}']");
        await Expect(assigned.GetByTestId("plan-state")).ToContainTextAsync("Assigned");
        await LiveApp.ScreenshotAsync(manager, "support-1366");

        var wall = await app.SignInAsync("TOC wall display", "/wall", 1920, 1080);
        var toc = await app.SignInAsync("Tom Okafor", "/support");
        await toc.Locator($"article[data-date='{date}']").GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();

        await Expect(toc.Locator($"article[data-date='{date}']").GetByTestId("plan-state")).ToContainTextAsync("Acknowledged");
        await Expect(wall.Locator(".wall-strip")).ToContainTextAsync("Support plan: Acknowledged");
    }

    [Fact]
    public async Task The_TOC_makes_a_red_day_calendar_feed_that_a_calendar_client_can_open()
    {
        var toc = await app.SignInAsync("Tom Okafor", "/support");

        await toc.GetByText("Calendar feed of red days for the TOC rota").ClickAsync();
        await toc.GetByRole(AriaRole.Button, new() { Name = "Create a feed" }).ClickAsync();
        var url = await toc.GetByTestId("feed-url").TextContentAsync();

        using var calendarClient = new HttpClient();
        var calendar = await calendarClient.GetStringAsync(new Uri(url!));
        Assert.StartsWith("BEGIN:VCALENDAR", calendar, StringComparison.Ordinal);
        Assert.Contains("SUMMARY:Red day:", calendar, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_TOC_sees_red_days_in_the_notification_bell()
    {
        var toc = await app.SignInAsync("Tom Okafor", "/");
        var bell = toc.Locator("button[aria-label^='Notifications: ']");

        await Expect(bell).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex("^Notifications: [1-9][0-9]* unread$"));
        await bell.ClickAsync();

        await Expect(toc.GetByText("turned Red: a support plan is open for it.").First).ToBeVisibleAsync();
    }
}
