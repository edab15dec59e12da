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
}
