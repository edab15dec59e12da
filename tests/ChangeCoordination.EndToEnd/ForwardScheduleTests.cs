using System.Globalization;

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

    [Fact]
    public async Task An_empty_entry_says_in_the_screens_words_what_each_field_needs_and_each_message_goes_as_its_field_is_fixed()
    {
        // A US-English browser: the dates typed must still be read day first.
        var page = await app.SignInAsync("Dana Reid", "/internal-changes", locale: "en-US");
        var form = page.GetByTestId("fsc-form");
        var day = TestClock.Today.AddDays(23);
        var title = $"Firewall rule update on the DSP {day:dd MMM}";

        await page.GetByRole(AriaRole.Button, new() { Name = "Add to the schedule" }).ClickAsync();

        await Expect(form).ToContainTextAsync("Title: give the change a title");
        await Expect(form).ToContainTextAsync("Services: choose at least one service.");
        await Expect(form).ToContainTextAsync("Start: type the date as dd/mm/yyyy.");
        await Expect(form).ToContainTextAsync("End: type the date as dd/mm/yyyy.");
        await Expect(form).Not.ToContainTextAsync("ISO 8601");
        await Expect(form).Not.ToContainTextAsync("UserInterface");
        await Expect(page.GetByTestId("fsc-saved")).ToHaveCountAsync(0);
        await LiveApp.ScreenshotAsync(page, "internal-changes-empty-submit-1366");

        await LiveApp.FillAsync(page, "Title", title);
        await Expect(form).Not.ToContainTextAsync("Title: give the change a title");

        var services = page.GetByRole(AriaRole.Combobox, new() { Name = "DCC services touched" });
        await services.ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Registration Data Interface" }).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Self-Service Interface" }).ClickAsync();
        await CloseAsync(page, services);
        await Expect(form).Not.ToContainTextAsync("Services: choose at least one service.");

        await LiveApp.FillAsync(page, "Start date", Iso(day));
        await Expect(form).ToContainTextAsync($"Type the date day first, as dd/mm/yyyy: {Uk(day)}.");
        await LiveApp.FillAsync(page, "Start date", Uk(day));
        await Expect(form).Not.ToContainTextAsync("Start:");
        await Expect(form).Not.ToContainTextAsync("Type the date day first");

        // The server's answer to the date (its message gone) first: a render that comes while the time is being typed
        // puts the field's value back.
        await LiveApp.FillAsync(page, "End date", Uk(day.AddDays(1)));
        await Expect(form).Not.ToContainTextAsync("End:");
        await LiveApp.FillAsync(page, "End time (UK)", "1:30");
        await Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "End time (UK)" })).ToHaveValueAsync("01:30");
        await Expect(form.Locator(".mud-input-error")).ToHaveCountAsync(0);
        await LiveApp.ScreenshotAsync(page, "internal-changes-fixed-1366");

        await page.GetByRole(AriaRole.Button, new() { Name = "Add to the schedule" }).ClickAsync();

        await Expect(page.GetByTestId("fsc-saved")).ToContainTextAsync("added");
        var row = page.Locator(".fsc-table tbody tr", new() { HasText = title });
        await Expect(row).ToContainTextAsync("Registration Data Interface, Self-Service Interface");
        await Expect(row).ToContainTextAsync(day.ToString("d MMM yyyy", CultureInfo.GetCultureInfo("en-GB")));
        await Expect(row).ToContainTextAsync("22:00");
    }

    /// <summary>
    /// Closes an open list with Escape, again while it stays open: a key pressed while the list's answer to a click is
    /// on its way can be lost, and a field filled behind an open list is put back when the list closes.
    /// </summary>
    private static async Task CloseAsync(IPage page, ILocator list)
    {
        for (var attempt = 1; ; attempt++)
        {
            await page.Keyboard.PressAsync("Escape");
            try
            {
                await Expect(list).ToHaveAttributeAsync("aria-expanded", "false", new() { Timeout = 2_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 5)
            {
            }
        }
    }

    private static string Uk(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
