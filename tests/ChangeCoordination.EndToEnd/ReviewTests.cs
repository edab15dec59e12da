using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChangeCoordination.EndToEnd;

/// <summary>The live app, with its services at hand so a test can make a change whose window has already passed.</summary>
public sealed class ReviewLiveApp : LiveApp
{
    public IServiceProvider Services { get; private set; } = null!;

    protected override Task AfterStartAsync(IServiceProvider services)
    {
        Services = services;
        return Task.CompletedTask;
    }
}

public sealed class ReviewTests(ReviewLiveApp app) : IClassFixture<ReviewLiveApp>
{
    [Fact]
    public async Task A_DCC_User_records_what_happened_to_an_ended_change_and_sees_it_on_the_page_and_in_the_history()
    {
        var yesterday = TestClock.Today.AddDays(-1);
        var reference = await EndedChangeAsync(yesterday);
        var page = await app.SignInAsync("Alex Morgan", "/changes");
        await LiveApp.WaitUntilInteractiveAsync(page);
        await Expect(page.GetByTestId("awaiting-review-note")).ToContainTextAsync("1 ended change of your organisation's awaits its review");
        await Expect(page.GetByTestId("changes-grid").Locator("tbody tr", new() { HasText = reference })).ToHaveCountAsync(0);
        await page.GetByTestId("awaiting-review-note").GetByRole(AriaRole.Button, new() { Name = "Show it" }).ClickAsync();
        await page.GetByTestId("changes-grid").GetByRole(AriaRole.Link, new() { Name = reference, Exact = true }).ClickAsync();

        await Expect(page.GetByTestId("review-awaiting")).ToContainTextAsync("no one has recorded what happened");
        await LiveApp.WaitUntilInteractiveAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Record what happened" }).ClickAsync();
        await Expect(page.GetByTestId("error-outcome")).ToContainTextAsync("Choose what happened");

        await page.GetByRole(AriaRole.Radio, new() { Name = "Overran" }).FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "Actual start date", Exact = true })).ToHaveValueAsync(yesterday.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        await LiveApp.FillAsync(page, "Actual end time", "22:40");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Note" }).FillAsync("The database patch ran 40 minutes over: the vendor's script hung.");
        await LiveApp.ScreenshotAsync(page, "change-review-form-1366");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record what happened" }).ClickAsync();

        await Expect(page.GetByTestId("detail-message")).ToContainTextAsync("what happened is recorded (overran)");
        await Expect(page.GetByTestId("review-outcome")).ToHaveTextAsync("Overran");
        await Expect(page.GetByTestId("review")).ToContainTextAsync("20:00 to 22:40");
        await Expect(page.GetByTestId("review")).ToContainTextAsync("the vendor's script hung");
        await Expect(page.GetByTestId("revisions").Locator(".revision").First).ToContainTextAsync("reviewed: what happened recorded");
        await LiveApp.ScreenshotAsync(page, "change-review-1366");

        using var supplier = await app.ApiClientAsync("user@supplier-a.example");
        var change = await supplier.GetFromJsonAsync<JsonElement>($"/api/v1/changes/{reference}");
        var review = change.GetProperty("review");
        Assert.Equal("Overran", review.GetProperty("outcome").GetString());
        Assert.Equal(LondonTime.At(yesterday, new TimeOnly(22, 40)), review.GetProperty("actualEnd").GetDateTimeOffset());
        Assert.Empty(await supplier.GetFromJsonAsync<JsonElement[]>("/api/v1/changes?review=awaiting") ?? []);
    }

    [Fact]
    public async Task DCC_staff_see_on_outcomes_how_many_ended_changes_each_organisation_has_not_reviewed()
    {
        await EndedChangeAsync(TestClock.Today.AddDays(-2), "user@network-c.example");
        await EndedChangeAsync(TestClock.Today.AddDays(-3), "user@network-c.example");

        var page = await app.SignInAsync("Maya Singh", "/outcomes");

        await Expect(page.GetByTestId("awaiting-reviews")).ToContainTextAsync("Network C: 2 changes");
        await LiveApp.ScreenshotAsync(page, "outcomes-awaiting-reviews-1366");
    }

    /// <summary>A change of <paramref name="user"/>'s organisation notified through the API, then moved to 20:00–22:00 on <paramref name="day"/>, as if the days had passed.</summary>
    private async Task<string> EndedChangeAsync(DateOnly day, string user = "user@supplier-a.example")
    {
        using var supplier = await app.ApiClientAsync(user);
        var start = London.At(TestClock.Today.AddDays(40), 20);
        using var response = await supplier.PostAsJsonAsync("/api/v1/changes", new
        {
            kind = "Planned",
            type = "UserSystem",
            start = London.Text(start),
            end = London.Text(start.AddHours(2)),
            description = "Database patching on the smart metering platform",
        });
        response.EnsureSuccessStatusCode();
        var reference = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString()!;
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<ChangeCoordinationDb>>().CreateDbContextAsync();
        var pastStart = LondonTime.At(day, new TimeOnly(20, 0));
        await db.Changes.Where(c => c.Reference == reference)
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.Start, pastStart).SetProperty(x => x.End, pastStart.AddHours(2)));
        return reference;
    }
}
