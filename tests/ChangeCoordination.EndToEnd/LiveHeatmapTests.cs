using System.Globalization;
using System.Net.Http.Json;

namespace ChangeCoordination.EndToEnd;

[Collection(LiveAppGroup.Name)]
public sealed class LiveHeatmapTests(LiveApp app)
{
    [Fact]
    public async Task An_assessment_through_the_API_turns_a_day_Red_on_two_open_heatmaps_without_a_reload_and_the_scrape_counts_their_circuits_and_renders()
    {
        var day = TestClock.Today.AddDays(40);
        var iso = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var path = $"/heatmap?range=custom&from={iso}&to={day.AddDays(6).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
        var first = await app.SignInAsync("Maya Singh", path);
        var second = await app.SignInAsync("Tom Okafor", path);
        var cell = $"td:has(a[data-date='{iso}'])";
        await Expect(first.Locator(cell)).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("st-white"));

        var supplier = await app.ApiClientAsync("user@supplier-a.example");
        var created = await supplier.PostAsJsonAsync("/api/v1/changes", new
        {
            kind = "Planned",
            type = "BusinessCritical",
            start = $"{iso}T20:00:00Z",
            end = $"{iso}T22:00:00Z",
            description = "Customer migration between billing platforms",
        });
        created.EnsureSuccessStatusCode();
        var reference = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("reference").GetString();
        await Expect(first.Locator(cell)).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("st-green.*may-rise.*rise-red"));

        var assessor = await app.ApiClientAsync("assessor@dcc.example");
        using var assessment = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/changes/{reference}/assessment")
        {
            Content = JsonContent.Create(new { probability = "HighlyLikely", rationale = "Peak-time migration with no phasing." }),
        };
        assessment.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"1\""));
        (await assessor.SendAsync(assessment)).EnsureSuccessStatusCode();

        await Expect(first.Locator(cell)).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("st-red"));
        await Expect(second.Locator(cell)).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("st-red"));
        await Expect(second.Locator($"{cell} .day-letter")).ToHaveAttributeAsync("data-letter", "R");

        using var prometheus = new HttpClient { BaseAddress = app.BaseAddress };
        var scrape = await prometheus.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.True(Value(scrape, "aspnetcore_components_circuit_active{") >= 2, "two open circuits at least");
        Assert.True(Value(scrape, "cc_live_renders_total{otel_scope_name=\"ChangeCoordination\",screen=\"heatmap\"}") >= 4, "each heatmap re-rendered by both pushes");
    }

    /// <summary>The value of the first series of a Prometheus scrape that starts so.</summary>
    private static double Value(string scrape, string series) =>
        scrape.Split('\n').Where(line => line.StartsWith(series, StringComparison.Ordinal)).Select(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture)).DefaultIfEmpty(0).First();
}
