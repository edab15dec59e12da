using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace ChangeCoordination.EndToEnd;

[Collection(LiveAppGroup.Name)]
public sealed class ChangeWizardTests(LiveApp app)
{
    [Fact]
    public async Task A_DCC_User_notifies_a_planned_firmware_deployment_finds_it_in_the_list_and_the_audit_log_has_the_browsers_address()
    {
        var page = await app.SignInAsync("Alex Morgan", "/changes/new");
        var start = TestClock.Today.AddDays(45);

        await page.GetByRole(AriaRole.Radio, new() { Name = "Planned", Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Next", Exact = true }).ClickAsync();

        await page.GetByRole(AriaRole.Radio, new() { Name = "Firmware deployment" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Next", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("error-devices-type-step")).ToContainTextAsync("add at least one device combination");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "ESME (electricity meter)" }).CheckAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Comms Hub" }).CheckAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "SMETS2" }).CheckAsync();
        await LiveApp.ScreenshotAsync(page, "wizard-type-1366");
        await page.GetByRole(AriaRole.Button, new() { Name = "Next", Exact = true }).ClickAsync();

        await LiveApp.FillAsync(page, "Start date", Uk(start));
        await LiveApp.FillAsync(page, "Start time", "20:00");
        await LiveApp.FillAsync(page, "End time", "23:30");
        await Expect(page.GetByTestId("summary-duration")).ToHaveTextAsync("3 h 30 min");
        await Expect(page.GetByTestId("summary-complexity")).ToContainTextAsync("Medium");
        await Expect(page.GetByTestId("summary-impact")).ToHaveTextAsync("Moderate");
        await Expect(page.GetByTestId("late-note")).ToHaveCountAsync(0);
        await Expect(page.Locator(".window-fields .mud-input-error")).ToHaveCountAsync(0);
        await LiveApp.ScreenshotAsync(page, "wizard-1366");
        await page.GetByRole(AriaRole.Button, new() { Name = "Next", Exact = true }).ClickAsync();

        await page.GetByRole(AriaRole.Textbox, new() { Name = "Description" }).FillAsync("Firmware 4.2 to ESME and Comms Hubs in the North West, in batches of 5,000.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Next", Exact = true }).ClickAsync();

        await Expect(page.GetByTestId("review")).ToContainTextAsync("Firmware deployment");
        await LiveApp.ScreenshotAsync(page, "wizard-review-1366");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit the change" }).ClickAsync();

        await Expect(page.GetByTestId("wizard-done")).ToContainTextAsync("your reference is CHG-");
        await LiveApp.ScreenshotAsync(page, "wizard-done-1366");
        var reference = await ReferenceAsync(page);

        await page.GetByTestId("wizard-done").GetByRole(AriaRole.Link, new() { Name = "My organisation's changes" }).ClickAsync();
        await Expect(page.GetByTestId("changes-grid")).ToContainTextAsync(reference);
        var row = page.GetByTestId("changes-grid").Locator("tbody tr", new() { HasText = reference });
        await Expect(row).ToContainTextAsync("Firmware deployment");
        await Expect(row.Locator("td.changes-summary")).ToContainTextAsync("Firmware 4.2 to ESME and Comms Hubs");
        await Expect(row).ToContainTextAsync(start.ToString(start.Year == TestClock.Today.Year ? "ddd d MMM" : "ddd d MMM yyyy", CultureInfo.GetCultureInfo("en-GB")) + " 20:00 – 23:30");
        var height = (await row.BoundingBoxAsync())!.Height;
        Assert.True(height <= 56, $"A change's row reads on one line at 1366 px, but it is {height} px high.");
        var filters = await page.Locator(".changes-filters > *").EvaluateAllAsync<double[]>("items => items.map(i => i.getBoundingClientRect().top)");
        Assert.True(filters.Max() - filters.Min() < 20, $"The filters stand on one row at 1366 px, but their tops are {string.Join(", ", filters)}.");
        await LiveApp.ScreenshotAsync(page, "changes-1366");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-csv").ClickAsync());
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Contains($"{reference},Planned,Firmware,", csv, StringComparison.Ordinal);

        // The write was made in the page's circuit, where no request is in flight: the audit log still has the address.
        using var owner = await app.ApiClientAsync("owner@dcc.example");
        var audit = await owner.GetFromJsonAsync<JsonElement>($"/api/v1/audit?action=change.notified&subject={reference}");
        var notified = Assert.Single(audit.GetProperty("events").EnumerateArray());
        Assert.Equal("127.0.0.1", notified.GetProperty("fromAddress").GetString());
    }

    [Fact]
    public async Task A_DCC_User_notifies_an_unplanned_change_with_the_short_form()
    {
        var page = await app.SignInAsync("Alex Morgan", "/changes/new");
        var start = NextWorkingDay(TestClock.Today.AddDays(2));

        await page.GetByRole(AriaRole.Radio, new() { Name = "Planned", Exact = true }).FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Unplanned", Exact = true })).ToBeCheckedAsync();
        await Expect(page.GetByTestId("summary-type")).ToContainTextAsync("Unplanned");
        await page.GetByRole(AriaRole.Link, new() { Name = "Heatmap" }).ClickAsync();
        await Expect(page.GetByText("Leave without submitting?")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Stay" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/changes/new$"));
        await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        await Expect(page.Locator(".mud-overlay")).ToHaveCountAsync(0);

        var next = page.GetByRole(AriaRole.Button, new() { Name = "Next", Exact = true });
        await next.FocusAsync();
        await Expect(next).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.GetByRole(AriaRole.Radio, new() { Name = "User System change" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Next", Exact = true }).ClickAsync();
        await LiveApp.FillAsync(page, "Start date", Uk(start));
        await LiveApp.FillAsync(page, "Start time", "22:00");
        await LiveApp.FillAsync(page, "End date", Uk(start.AddDays(1)));
        await LiveApp.FillAsync(page, "End time", "01:30");
        await Expect(page.GetByTestId("summary-impact")).ToHaveTextAsync("Moderate");
        await Expect(page.GetByTestId("unplanned-note")).ToBeVisibleAsync();
        await Expect(page.Locator(".window-fields .mud-input-error")).ToHaveCountAsync(0);
        await LiveApp.ScreenshotAsync(page, "wizard-unplanned-1366");
        await page.GetByRole(AriaRole.Button, new() { Name = "Next", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Next", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit the change" }).ClickAsync();

        await Expect(page.GetByTestId("wizard-done")).ToContainTextAsync("Add the description and devices when you know them");
        var reference = await ReferenceAsync(page);
        await page.GotoAsync("/changes");
        await LiveApp.WaitUntilInteractiveAsync(page);
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = reference })).ToContainTextAsync("Unplanned");
    }

    [Fact]
    public async Task A_DCC_User_updates_a_change_and_sees_the_revision_diff()
    {
        var reference = await NotifyThroughTheApiAsync();
        var page = await app.SignInAsync("Alex Morgan", $"/changes/{reference}");

        await page.GetByRole(AriaRole.Link, new() { Name = "Update" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Update {reference}" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Edit the outage window" }).ClickAsync();
        await LiveApp.FillAsync(page, "End time", "23:00");
        await Expect(page.GetByTestId("summary-duration")).ToHaveTextAsync("3 h");
        await page.GetByRole(AriaRole.Button, new() { Name = "Next", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Next", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit the update" }).ClickAsync();

        await Expect(page.GetByTestId("wizard-done")).ToContainTextAsync($"{reference} is updated: revision 2");
        await page.GetByRole(AriaRole.Link, new() { Name = $"Open {reference}" }).ClickAsync();
        var latest = page.Locator(".revision[data-revision='2']");
        await Expect(latest).ToContainTextAsync("Outage window");
        await Expect(latest.Locator(".diff-before")).ToContainTextAsync("20:00 to 22:00");
        await Expect(latest.Locator(".diff-after")).ToContainTextAsync("20:00 to 23:00");
        await LiveApp.ScreenshotAsync(page, "change-1366");
    }

    private async Task<string> NotifyThroughTheApiAsync()
    {
        using var api = await app.ApiClientAsync("user@supplier-a.example");
        var day = NextWorkingDay(TestClock.Today.AddDays(40));
        var start = new DateTimeOffset(day.ToDateTime(new TimeOnly(20, 0)), TimeZoneInfo.FindSystemTimeZoneById("Europe/London").GetUtcOffset(day.ToDateTime(new TimeOnly(20, 0))));
        var response = await api.PostAsJsonAsync("/api/v1/changes", new
        {
            kind = "Planned",
            type = "UserSystem",
            start = start.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            end = start.AddHours(2).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            description = "Head-end upgrade: the firewall rules change.",
        });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("reference").GetString()!;
    }

    private static DateOnly NextWorkingDay(DateOnly date)
    {
        while (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            date = date.AddDays(1);
        }

        return date;
    }

    private static string Uk(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static async Task<string> ReferenceAsync(IPage page)
    {
        var text = await page.GetByTestId("wizard-done").Locator("h2").InnerTextAsync();
        return System.Text.RegularExpressions.Regex.Match(text, @"CHG-\d+").Value;
    }
}
