using System.Globalization;
using System.Text;

namespace ChangeCoordination.EndToEnd;

[Collection(LiveAppGroup.Name)]
public sealed class PlanUploadTests(LiveApp app)
{
    [Fact]
    public async Task A_User_uploads_a_plan_sees_each_rows_result_and_notifies_only_the_valid_rows()
    {
        var page = await app.SignInAsync("Chris Owen", "/changes/upload");
        var first = TestClock.Today.AddDays(160).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var second = TestClock.Today.AddDays(161).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var csv = "kind,type,start,end,description,devices,smets,manufacturer,model,firmwareVersion\n" +
                  $"Planned,UserSystem,{first} 20:00,{first} 22:00,Head-end release,,,,,\n" +
                  $"Planned,Firmware,{second} 20:00,{second} 22:00,Roll-out,,,,,\n";

        await ChooseFileAsync(page, new FilePayload { Name = "plan.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) }, "upload-summary");

        await Expect(page.GetByTestId("upload-summary")).ToHaveTextAsync("2 rows checked: 1 valid, 1 with problems.");
        await Expect(page.Locator("tr[data-row='3']")).ToContainTextAsync("Devices: A planned firmware deployment names the devices it targets");
        await LiveApp.ScreenshotAsync(page, "upload-1366");
        await page.GetByRole(AriaRole.Button, new() { Name = "Notify the 1 valid row" }).ClickAsync();

        await Expect(page.GetByTestId("upload-done")).ToContainTextAsync("1 change notified: CHG-");
    }

    [Fact]
    public async Task Each_bad_row_names_the_template_column_and_what_to_write_and_the_table_shows_display_names()
    {
        var page = await app.SignInAsync("Chris Owen", "/changes/upload");
        var day = TestClock.Today.AddDays(170).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var csv = "Kind,Type,Start,End,Description,Devices,SMETS,Manufacturer,Model,Firmware version\n" +
                  $"Planned,UserSystem,{day} 20:00,{day} 22:00,Head-end release,,,,,\n" +
                  $"Planned,Firmware,{day} 20:00,{day} 22:00,Roll-out,ESME;Toaster,SMETS2,Acme,E470,4.2.0\n" +
                  $"Planned,BusinessCritical,tomorrow at 8pm,{day} 22:00,Security fix,,,,,\n" +
                  $"Planned,Banana,{day} 20:00,{day} 22:00,Release,,,,,\n";

        await ChooseFileAsync(page, new FilePayload { Name = "plan.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) }, "upload-summary");

        await Expect(page.GetByTestId("upload-summary")).ToHaveTextAsync("4 rows checked: 1 valid, 3 with problems.");
        await LiveApp.ScreenshotAsync(page, "upload-messages-1366");
        await Expect(page.Locator("tr[data-row='2']")).ToContainTextAsync("User System change");
        await Expect(page.Locator("tr[data-row='3']")).ToContainTextAsync("Devices: 'Toaster' is not a device; write one of ESME, GSME,");
        await Expect(page.Locator("tr[data-row='4']")).ToContainTextAsync("Start: 'tomorrow at 8pm' is not a date and time; write it as");
        await Expect(page.Locator("tr[data-row='4']")).ToContainTextAsync("Business-critical change");
        await Expect(page.Locator("tr[data-row='5']")).ToContainTextAsync("Type: 'Banana' is not a type; write one of UserSystem, Firmware, BusinessCritical");
        await Expect(page.Locator(".upload-table")).Not.ToContainTextAsync("Devices: A planned firmware deployment names the devices it targets");
    }

    [Fact]
    public async Task A_User_downloads_the_Excel_template_fills_it_with_typed_dates_and_uploads_it()
    {
        var page = await app.SignInAsync("Chris Owen", "/changes/upload");
        var day = TestClock.Today.AddDays(180);

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("template-xlsx").ClickAsync());
        var template = await File.ReadAllBytesAsync((await download.PathAsync())!);
        var filled = ExcelFill.Plan(template,
        [
            ["Planned", "Firmware", day.ToDateTime(new TimeOnly(20, 0)), day.ToDateTime(new TimeOnly(23, 0)), "Firmware 5.0 to gas meters", "GSME;GPF", "SMETS2", "Acme", "G100", "5.0"],
            ["Planned", "UserSystem", day.AddDays(1).ToDateTime(new TimeOnly(22, 0)), day.AddDays(2).ToDateTime(new TimeOnly(1, 0)), "Head-end release", null, null, null, null, null],
            ["Planned", "Firmware", day.AddDays(3).ToDateTime(new TimeOnly(20, 0)), day.AddDays(3).ToDateTime(new TimeOnly(21, 0)), "Roll-out", "ESME;Toaster", "SMETS2", null, null, null],
        ]);

        await ChooseFileAsync(page, new FilePayload { Name = "plan.xlsx", MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Buffer = filled }, "upload-summary");

        Assert.Equal("change-coordination-template.xlsx", download.SuggestedFilename);
        await Expect(page.GetByTestId("upload-summary")).ToHaveTextAsync("3 rows checked: 2 valid, 1 with problems.");
        await Expect(page.Locator("tr[data-row='2']")).ToContainTextAsync("Firmware deployment");
        await Expect(page.Locator("tr[data-row='2']")).ToContainTextAsync($"{day.ToDateTime(TimeOnly.MinValue).ToString("ddd d MMM yyyy", CultureInfo.GetCultureInfo("en-GB"))} 20:00");
        await Expect(page.Locator("tr[data-row='4']")).ToContainTextAsync("Devices: 'Toaster' is not a device; write one of ESME, GSME,");
        await LiveApp.ScreenshotAsync(page, "upload-xlsx-1366");
        await page.GetByRole(AriaRole.Button, new() { Name = "Notify the 2 valid rows" }).ClickAsync();

        await Expect(page.GetByTestId("upload-done")).ToContainTextAsync("2 changes notified: CHG-");
    }

    [Fact]
    public async Task A_file_that_is_not_a_spreadsheet_gets_a_clear_error_and_sends_nothing()
    {
        var page = await app.SignInAsync("Chris Owen", "/changes/upload");

        await ChooseFileAsync(page, new FilePayload { Name = "plan.xlsx", MimeType = "application/octet-stream", Buffer = Encoding.UTF8.GetBytes("not a workbook") }, "upload-problem");

        await Expect(page.GetByTestId("upload-problem")).ToContainTextAsync("This is not an .xlsx workbook");
    }

    /// <summary>
    /// Chooses the file as a person would; Blazor's InputFile wires itself up just after the first render, so a
    /// choice made in that instant is made again.
    /// </summary>
    private static async Task ChooseFileAsync(IPage page, FilePayload file, string resultTestId)
    {
        for (var attempt = 1; ; attempt++)
        {
            await page.Locator("#plan-file").SetInputFilesAsync(file);
            try
            {
                await Expect(page.GetByTestId(resultTestId)).ToBeVisibleAsync(new() { Timeout = 4_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
                await page.Locator("#plan-file").SetInputFilesAsync(Array.Empty<FilePayload>());
            }
        }
    }
}
