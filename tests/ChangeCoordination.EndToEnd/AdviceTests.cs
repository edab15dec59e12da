using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChangeCoordination.EndToEnd;

/// <summary>
/// The assessor reads what similar changes did before choosing, from a history the test makes: Supplier A's ten
/// firmware roll-outs to HAN-connected load control switches, moved into the past, reviewed, seven of them overran.
/// </summary>
public sealed class AdviceTests(ReviewLiveApp app) : IClassFixture<ReviewLiveApp>
{
    private static readonly object[] Devices = [new { devices = new[] { "HCALCS" }, smets = "SMETS2", manufacturer = "Acme", model = "H1", firmwareVersion = "2.0.0" }];

    [Fact]
    public async Task An_assessor_reads_the_advice_opens_its_evidence_and_an_assessment_against_it_is_recorded_as_overruled()
    {
        using var supplier = await app.ApiClientAsync("user@supplier-a.example");
        using var assessor = await app.ApiClientAsync("assessor@dcc.example");
        for (var i = 0; i < 10; i++)
        {
            var past = await RollOutAsync(supplier, TestClock.Today.AddDays(40 + i));
            await MoveIntoThePastAsync(past, TestClock.Today.AddDays(-20 + i));
            var assessed = await SendAsync(assessor, HttpMethod.Post, $"/api/v1/changes/{past.Reference}/assessment", new { probability = "Likely", rationale = "Routine roll-out." }, past.Revision);
            await SendAsync(supplier, HttpMethod.Put, $"/api/v1/changes/{past.Reference}/review", new { outcome = i < 7 ? "Overran" : "AsPlanned" }, assessed.Revision);
        }

        var next = await RollOutAsync(supplier, TestClock.Today.AddDays(30));

        var desk = await app.SignInAsync("Dana Reid", "/assess");
        var advice = desk.GetByTestId("assess-advice");
        await Expect(advice).ToContainTextAsync("Similar changes: 7 of 10 went wrong");
        await Expect(advice).ToContainTextAsync("Likely suggested");
        await Expect(desk.Locator($".queue-row[data-reference='{next.Reference}'] .advice-chip")).ToHaveTextAsync("L");
        await advice.GetByText("Show the 10 similar changes counted").ClickAsync();
        await Expect(desk.GetByTestId("advice-evidence").Locator("tbody tr")).ToHaveCountAsync(10);
        await Expect(desk.GetByTestId("advice-evidence").Locator("tbody tr.went-wrong", new() { HasText = "✗ Overran" })).ToHaveCountAsync(7);
        await LiveApp.ScreenshotAsync(desk, "assess-advice-1366");

        // Opening the change hands the keys back to the desk (the evidence's own keys stay its own).
        await desk.Locator($".queue-row[data-reference='{next.Reference}'] .queue-open").ClickAsync();
        await Expect(desk.Locator(".assess")).ToBeFocusedAsync();
        await desk.Keyboard.PressAsync("3");
        await Expect(desk.GetByRole(AriaRole.Radio, new() { Name = "Highly likely" })).ToHaveAttributeAsync("aria-checked", "true");
        await desk.Keyboard.PressAsync("Enter");

        await Expect(desk.GetByTestId("assess-message")).ToContainTextAsync(new Regex(@"assessed Highly likely: .*Recorded as against the advice \(Likely\)\."));
        using var manager = await app.ApiClientAsync("manager@dcc.example");
        var audit = await manager.GetFromJsonAsync<JsonElement>("/api/v1/audit?action=assessment.advice.overruled");
        var overruled = Assert.Single(audit.GetProperty("events").EnumerateArray());
        Assert.Equal($"{next.Reference}: assessed Highly likely; advised Likely (7 of 10 similar went wrong)", overruled.GetProperty("subject").GetString());
    }

    private static async Task<(string Reference, int Revision)> RollOutAsync(HttpClient supplier, DateOnly day)
    {
        var start = London.At(day, 20);
        var created = await SendAsync(supplier, HttpMethod.Post, "/api/v1/changes", new
        {
            kind = "Planned",
            type = "Firmware",
            start = London.Text(start),
            end = London.Text(start.AddHours(2)),
            description = "Load control switch firmware",
            deviceCombinations = Devices,
        });
        return (created.Reference, created.Revision);
    }

    private static async Task<(string Reference, int Revision)> SendAsync(HttpClient client, HttpMethod method, string url, object body, int? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body) };
        if (ifMatch is { } revision)
        {
            request.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue($"\"{revision}\""));
        }

        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (answer.GetProperty("reference").GetString()!, answer.GetProperty("revision").GetInt32());
    }

    /// <summary>Moves the change's window to 20:00-22:00 on <paramref name="day"/>, as if the days had passed.</summary>
    private async Task MoveIntoThePastAsync((string Reference, int Revision) change, DateOnly day)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<ChangeCoordinationDb>>().CreateDbContextAsync();
        var start = LondonTime.At(day, new TimeOnly(20, 0));
        await db.Changes.Where(c => c.Reference == change.Reference)
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.Start, start).SetProperty(x => x.End, start.AddHours(2)));
    }
}
