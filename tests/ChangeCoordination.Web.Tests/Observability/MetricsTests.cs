using System.Net;
using ChangeCoordination.Web.Tests.Infrastructure;

namespace ChangeCoordination.Web.Tests.Observability;

/// <summary>The metrics an operator watches: scraped anonymously at /metrics, and read back through a real Prometheus.</summary>
public sealed class MetricsTests
{
    [Fact]
    public async Task Metrics_are_scraped_anonymously_with_writes_by_kind_and_outcome_and_no_reference_or_detail()
    {
        using var app = new AppFactory();
        var user = await app.ClientForAsync(DemoUsers.SupplierA);
        var created = await user.NotifyAsync(Bodies.Change(TestDates.Next(), description: "Marked head-end release 7f3c"));
        var refused = await user.SendJsonAsync(HttpMethod.Post, "/api/v1/changes", new { kind = "Planned" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        using var anonymous = app.CreateClient();

        var text = await TestApi.EventuallyAsync(
            () => anonymous.GetStringAsync("/metrics"),
            t => t.Contains("outcome=\"Invalid\"", StringComparison.Ordinal),
            "both writes in the scrape");

        Assert.Contains("cc_writes_total{", text, StringComparison.Ordinal);
        Assert.Matches("cc_writes_total\\{[^}]*kind=\"change.notified\"[^}]*outcome=\"Created\"[^}]*\\} 1\n", text);
        Assert.Contains("cc_write_duration_seconds_bucket{", text, StringComparison.Ordinal);
        Assert.Contains("cc_ledger_apply_duration_seconds_count", text, StringComparison.Ordinal);
        Assert.Contains("cc_bus_state{", text, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds_bucket{", text, StringComparison.Ordinal);
        Assert.DoesNotContain(created.Reference(), text, StringComparison.Ordinal);
        Assert.DoesNotContain("7f3c", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prometheus_scrapes_the_app_and_answers_a_write_count_through_its_own_api()
    {
        using var app = KestrelAppFactory.With(_ => { });
        using var prometheus = new PrometheusServer(app.BaseAddress, "/metrics");
        using var user = await app.ClientForAsync(DemoUsers.SupplierA);
        const string Query = "sum(cc_writes_total{job=\"change-coordination\",kind=\"change.notified\",outcome=\"Created\"})";

        await TestApi.EventuallyAsync(() => prometheus.QueryAsync("up{job=\"change-coordination\"}"), v => v == 1, "Prometheus to scrape the app");
        Assert.Null(await prometheus.QueryAsync(Query));
        await user.NotifyAsync(Bodies.Change(TestDates.Next()));
        await user.NotifyAsync(Bodies.Change(TestDates.Next()));

        var written = await Eventually.ReadAsync(() => prometheus.QueryAsync(Query), v => v == 2, "Prometheus to count both writes", TimeSpan.FromSeconds(30));
        Assert.Equal(2, written);
    }
}
