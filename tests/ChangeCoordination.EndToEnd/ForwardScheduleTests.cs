namespace ChangeCoordination.EndToEnd;

[Collection(DemoLiveAppGroup.Name)]
public sealed class ForwardScheduleTests(DemoLiveApp app)
{
    [Fact]
    public async Task The_Forward_Schedule_shows_maintenance_hours_by_month_and_the_SEC_checks()
    {
        var page = await app.SignInAsync("Dana Reid", "/internal-changes");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Forward Schedule of Change" })).ToBeVisibleAsync();
        await Expect(page.Locator(".fsc-months tbody tr")).ToHaveCountAsync(3);
        await Expect(page.Locator(".fsc-table tbody tr").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("freeze-list")).ToContainTextAsync("Christmas change freeze");
        await LiveApp.ScreenshotAsync(page, "forward-schedule-1366");
    }
}
