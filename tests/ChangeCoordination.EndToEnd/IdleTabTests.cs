namespace ChangeCoordination.EndToEnd;

/// <summary>
/// What an open tab does while nothing changes: a hundred heatmaps stay open on screens all day, so no script may
/// wake them every second (docs/performance.md). The browser's clock is Playwright's fake one, moved by the test.
/// </summary>
[Collection(DemoLiveAppGroup.Name)]
public sealed class IdleTabTests(DemoLiveApp app)
{
    /// <summary>Counts the page's timer callbacks as they run, in <c>window.timerCallbacks</c>.</summary>
    private const string CountTimerCallbacks = """
        window.timerCallbacks = 0;
        for (const name of ["setTimeout", "setInterval"]) {
            const original = window[name];
            window[name] = function (handler, ...rest) {
                if (typeof handler !== "function") {
                    return original.call(this, handler, ...rest);
                }

                return original.call(this, function (...args) { window.timerCallbacks++; return handler.apply(this, args); }, ...rest);
            };
        }
        """;

    [Fact]
    public async Task An_idle_heatmap_runs_no_script_timer_every_second()
    {
        var page = await app.NewPageAsync();
        await page.Clock.InstallAsync();
        await page.AddInitScriptAsync(CountTimerCallbacks);
        await SignInAsync(page, "Maya Singh", "/heatmap");
        await Expect(page.Locator("td.day a[data-date]").First).ToBeVisibleAsync();

        var before = await page.EvaluateAsync<int>("window.timerCallbacks");
        await page.Clock.RunForAsync(20_000);
        var after = await page.EvaluateAsync<int>("window.timerCallbacks");

        Assert.True(after - before <= 4, $"{after - before} timer callbacks ran in 20 idle seconds on the heatmap; a timer every second would run 20.");
    }

    [Fact]
    public async Task The_wall_clock_turns_with_the_minute()
    {
        var page = await app.NewPageAsync(1920, 1080);
        await page.Clock.InstallAsync(new() { TimeDate = new DateTime(2026, 6, 1, 8, 59, 50, DateTimeKind.Utc) });
        await SignInAsync(page, "TOC wall display", "/wall");
        await Expect(page.GetByTestId("today-tile")).ToBeVisibleAsync();

        await page.Clock.RunForAsync(11_000);

        await Expect(page.Locator("#wall-clock")).ToHaveTextAsync("10:00");
    }

    private static async Task SignInAsync(IPage page, string displayName, string path)
    {
        await page.GotoAsync(path);
        await page.GetByRole(AriaRole.Button, new() { Name = displayName }).ClickAsync();
        await Expect(page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/signin"));
        await LiveApp.WaitUntilInteractiveAsync(page);
    }
}
