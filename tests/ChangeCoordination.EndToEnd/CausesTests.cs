using System.Globalization;
using System.Net.Http.Json;

namespace ChangeCoordination.EndToEnd;

[Collection(LiveAppGroup.Name)]
public sealed class CausesTests(LiveApp app)
{
    [Fact]
    public async Task The_toc_ties_an_incident_to_the_change_in_progress_when_it_opened_and_sees_it_tied()
    {
        // A day far beyond every other test's, so that its neighbours hold nothing.
        var day = TestClock.Today.AddDays(420);
        var iso = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var supplier = await app.ApiClientAsync("user@supplier-a.example");
        using var notified = await supplier.PostAsJsonAsync("/api/v1/changes", new
        {
            kind = "Planned",
            type = "UserSystem",
            start = London.Text(London.At(day, 20)),
            end = London.Text(London.At(day, 23)),
            description = "Head-end firewall rules",
        });
        notified.EnsureSuccessStatusCode();
        var change = (await notified.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("reference").GetString()!;
        var manager = await app.ApiClientAsync("manager@dcc.example");
        (await manager.PostAsJsonAsync("/api/v1/operations/incidents", new[]
        {
            new { reference = "INC-E2E-TIE", category = 3, opened = London.Text(London.At(day, 21, 15)), responsibleParty = "DccUser", summary = "Service responses queued behind a firewall" },
        })).EnsureSuccessStatusCode();

        var page = await app.SignInAsync("Tom Okafor", $"/operations/incidents?from={iso}&to={iso}");
        await Expect(page.Locator("tr[data-incident='INC-E2E-TIE']")).ToContainTextAsync("None");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tie changes to INC-E2E-TIE" }).ClickAsync();
        var candidate = page.Locator($"tr[data-candidate='{change}']");
        await Expect(candidate).ToContainTextAsync("In progress");
        await page.GetByLabel($"{change} tied as").SelectOptionAsync("Caused");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the tied changes" }).ClickAsync();

        await Expect(page.GetByTestId("tie-message")).ToContainTextAsync($"Saved: {change} (Supplier A) caused it.");
        await Expect(page.Locator("tr[data-incident='INC-E2E-TIE']")).ToContainTextAsync($"{change} (Supplier A) caused it");
        await LiveApp.ScreenshotAsync(page, "incidents-1366");
        var tied = await manager.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/operations/incidents/INC-E2E-TIE");
        Assert.Equal(change, tied.GetProperty("links")[0].GetProperty("change").GetString());
    }
}
