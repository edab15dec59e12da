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
        await Expect(page.Locator("tr[data-row='3']")).ToContainTextAsync("deviceCombinations");
        await LiveApp.ScreenshotAsync(page, "upload-1366");
        await page.GetByRole(AriaRole.Button, new() { Name = "Notify the 1 valid row" }).ClickAsync();

        await Expect(page.GetByTestId("upload-done")).ToContainTextAsync("1 change notified: CHG-");
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
