using System.Globalization;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace ChangeCoordination.EndToEnd;

[Collection(AssessmentLiveAppGroup.Name)]
public sealed class AssessmentDeskTests(AssessmentLiveApp app)
{
    [Fact]
    public async Task An_assessor_clears_three_changes_with_the_keyboard_and_the_heatmap_follows()
    {
        var first = TestClock.Today.AddDays(30);
        var supplier = await app.ApiClientAsync("user@supplier-b.example");
        foreach (var offset in new[] { 0, 1, 2 })
        {
            var day = first.AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var created = await supplier.PostAsJsonAsync("/api/v1/changes", new
            {
                kind = "Planned",
                type = "BusinessCritical",
                start = $"{day}T21:00:00Z",
                end = $"{day}T23:00:00Z",
                description = $"Billing release {offset + 1}",
            });
            created.EnsureSuccessStatusCode();
        }

        var iso = first.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var heatmap = await app.SignInAsync("Maya Singh", $"/heatmap?range=custom&from={iso}&to={first.AddDays(6).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}");
        var desk = await app.SignInAsync("Dana Reid", "/assess");
        await Expect(desk.GetByTestId("queue-count")).ToHaveTextAsync(new Regex("^3 changes"));
        await LiveApp.ScreenshotAsync(desk, "assess-1366");

        await desk.Locator(".queue-row").First.ClickAsync();
        await Expect(desk.Locator(".queue-row[aria-current='true']")).ToHaveCountAsync(1);
        await desk.Keyboard.PressAsync("3");
        await Expect(desk.GetByTestId("assess-effect")).ToContainTextAsync("goes Green to Red");
        await desk.Keyboard.PressAsync("Enter");
        await Expect(desk.GetByTestId("queue-count")).ToHaveTextAsync(new Regex("^2 changes"));
        await desk.Keyboard.PressAsync("1");
        await desk.Keyboard.PressAsync("Enter");
        await Expect(desk.GetByTestId("queue-count")).ToHaveTextAsync(new Regex("^1 change "));
        await desk.Keyboard.PressAsync("2");
        await desk.Keyboard.PressAsync("Enter");

        await Expect(desk.GetByTestId("queue-count")).ToHaveTextAsync(new Regex("^0 changes"));
        await Expect(heatmap.Locator($"td:has(a[data-date='{iso}'])")).ToHaveClassAsync(new Regex("st-red"));
        await Expect(heatmap.Locator($"td:has(a[data-date='{first.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}'])")).ToHaveClassAsync(new Regex("st-green(?!.*may-rise)"));
        await Expect(heatmap.Locator($"td:has(a[data-date='{first.AddDays(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}'])")).ToHaveClassAsync(new Regex("st-amber"));
    }
}
