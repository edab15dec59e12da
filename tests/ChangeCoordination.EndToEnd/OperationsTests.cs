using System.Globalization;
using System.Net.Http.Json;
using System.Text;

namespace ChangeCoordination.EndToEnd;

[Collection(LiveAppGroup.Name)]
public sealed class OperationsTests(LiveApp app)
{
    [Fact]
    public async Task A_manager_imports_an_incident_file_sees_what_happened_on_the_red_day_and_compares_on_outcomes()
    {
        // A day far beyond every other test's, so that its neighbours hold nothing.
        var day = TestClock.Today.AddDays(400);
        string At(int hour, int minute = 0, int days = 0) => London.Text(London.At(day.AddDays(days), hour, minute));
        static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var supplier = await app.ApiClientAsync("user@supplier-a.example");
        var assessor = await app.ApiClientAsync("assessor@dcc.example");
        using var notified = await supplier.PostAsJsonAsync("/api/v1/changes", new
        {
            kind = "Planned",
            type = "BusinessCritical",
            start = At(20),
            end = At(23),
            description = "Billing platform cut-over",
        });
        var change = await notified.Content.ReadFromJsonAsync<ChangeReply>();
        using var assess = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/changes/{change!.Reference}/assessment") { Content = JsonContent.Create(new { probability = "HighlyLikely", rationale = "A cut-over of this size failed before." }) };
        assess.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue($"\"{change.Revision}\""));
        (await assessor.SendAsync(assess)).EnsureSuccessStatusCode();

        var page = await app.SignInAsync("Maya Singh", "/operations");
        await page.GetByLabel("Incidents").CheckAsync();
        var bad = $"reference,category,opened,responsibleParty\nINC-E2E-0,9,{At(21)},Nobody\n";
        await ChooseFileAsync(page, new FilePayload { Name = "bad.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(bad) }, "import-rows");
        await Expect(page.GetByTestId("import-rows")).ToContainTextAsync("1 row has problems: nothing was imported");
        await Expect(page.Locator("tr[data-row='2']")).ToContainTextAsync("category");
        await Expect(page.Locator("tr[data-row='2']")).ToContainTextAsync("responsibleParty");
        await LiveApp.ScreenshotAsync(page, "operations-1366");
        var csv = "reference,category,opened,responsibleParty,responded,resolved,summary\n" +
                  $"INC-E2E-1,3,{At(21, 10)},DccUser,{At(21, 40)},{At(2, days: 1)},Billing reads failing after the cut-over\n";
        await ChooseFileAsync(page, new FilePayload { Name = "incidents.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) }, "import-done");
        await Expect(page.GetByTestId("import-done")).ToContainTextAsync("Incidents: 1 row read, 1 added");

        await page.GotoAsync($"/days/{Iso(day)}");
        var happened = page.GetByTestId("what-happened");
        await Expect(happened).ToContainTextAsync("INC-E2E-1");
        await Expect(happened).ToContainTextAsync("Billing reads failing after the cut-over");
        await Expect(happened.GetByTestId("what-happened-incidents")).ToHaveTextAsync("1");
        await Expect(happened.Locator(".status-chip.st-red")).ToHaveCountAsync(1);
        await LiveApp.ScreenshotAsync(page, "day-what-happened-1366");

        await happened.GetByRole(AriaRole.Link, new() { Name = "Compare Red and Green days" }).ClickAsync();
        await page.GotoAsync($"/outcomes?from={Iso(day.AddDays(-1))}&to={Iso(day.AddDays(1))}");
        await LiveApp.WaitUntilInteractiveAsync(page);
        await Expect(page.GetByTestId("outcomes-verdict")).ToContainTextAsync("Too few days to tell: 1 day Red and 0 days Green");
        await Expect(page.GetByTestId("outcomes-by-status").Locator("tr[data-key='Red']")).ToContainTextAsync("too few to tell");
        await Expect(page.GetByTestId("outcomes-by-type").Locator("tr[data-key='BusinessCritical']")).ToContainTextAsync("Business-critical change");
        await Expect(page.GetByTestId("outcomes-by-type")).Not.ToContainTextAsync("BusinessCritical");

        await Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "From", Exact = true })).ToHaveValueAsync(day.AddDays(-1).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        await LiveApp.FillAsync(page, "From", day.AddDays(-2).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"from={Iso(day.AddDays(-2))}&to={Iso(day.AddDays(1))}"));
    }

    [Fact]
    public async Task A_manager_adds_a_variant_to_the_business_process_table_after_mending_its_code()
    {
        var page = await app.SignInAsync("Maya Singh", "/operations/variants");
        var rows = await page.Locator("tr[data-row]").CountAsync();

        await page.GetByTestId("add-variant").ClickAsync();
        await LiveApp.FillAsync(page, $"SRV of row {rows + 1}", "8..14");
        await LiveApp.FillAsync(page, $"Name of row {rows + 1}", "Read Device Log");
        await page.GetByTestId("save-variants").ClickAsync();
        await Expect(page.GetByTestId("variants-message")).ToContainTextAsync("Nothing was saved");
        await Expect(page.Locator($"tr[data-row='{rows}']")).ToContainTextAsync("not an SRV code");

        await LiveApp.FillAsync(page, $"SRV of row {rows + 1}", "8.14.2");
        await page.GetByTestId("save-variants").ClickAsync();
        await Expect(page.GetByTestId("variants-message")).ToContainTextAsync($"{rows + 1} variants");
        await LiveApp.ScreenshotAsync(page, "variants-1366");

        var toc = await app.SignInAsync("Tom Okafor", "/operations/variants");
        await Expect(toc.GetByRole(AriaRole.Rowheader, new() { Name = "8.14.2", Exact = true })).ToBeVisibleAsync();
        await Expect(toc.GetByTestId("save-variants")).ToHaveCountAsync(0);
    }

    /// <summary>
    /// Chooses the file as a person would; Blazor's InputFile wires itself up just after the first render, so a
    /// choice made in that instant is made again.
    /// </summary>
    private static async Task ChooseFileAsync(IPage page, FilePayload file, string resultTestId)
    {
        for (var attempt = 1; ; attempt++)
        {
            await page.Locator("#operations-file").SetInputFilesAsync(file);
            try
            {
                await Expect(page.GetByTestId(resultTestId)).ToBeVisibleAsync(new() { Timeout = 4_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
                await page.Locator("#operations-file").SetInputFilesAsync(Array.Empty<FilePayload>());
            }
        }
    }

    private sealed record ChangeReply(string Reference, int Revision);
}

[Collection(DemoLiveAppGroup.Name)]
public sealed class OperationsReportTests(DemoLiveApp app)
{
    [Theory]
    [InlineData(1366, 768)]
    [InlineData(1920, 1080)]
    public async Task The_demo_months_report_and_outcomes_read_at_both_screen_sizes(int width, int height)
    {
        var page = await app.SignInAsync("Maya Singh", "/operations/report", width, height);

        await Expect(page.GetByTestId("report-coverage")).ToContainTextAsync("Data through");
        await Expect(page.GetByTestId("rsvp-processes")).ToContainTextAsync("Prepayment");
        await Expect(page.GetByTestId("availability-table")).ToContainTextAsync("DCC User Interface");
        await Expect(page.Locator(".ops-chart svg").First).ToBeVisibleAsync();
        await Expect(page.Locator(".ops-process figure")).ToHaveCountAsync(7);
        var billing = page.Locator(".ops-process[data-process='Billing'] figure");
        await billing.GetByText("The figures by day").ClickAsync();
        await Expect(billing.GetByTestId("daily-table").Locator("tbody tr").First).ToBeVisibleAsync();
        await Expect(billing.GetByTestId("daily-table").Locator("tbody th").First).ToContainTextAsync(" Nov ");
        await LiveApp.ScreenshotAsync(page, $"report-{width}");

        await page.GotoAsync("/outcomes");
        await Expect(page.GetByTestId("outcomes-by-status").Locator("tr[data-key='Red']")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("outcomes-days").Locator("tbody tr")).Not.ToHaveCountAsync(0);
        await LiveApp.ScreenshotAsync(page, $"outcomes-{width}");
    }
}
