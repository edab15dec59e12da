using System.Net;
using System.Text.Json;
using ChangeCoordination.Web.Features.Calendar;
using ChangeCoordination.Web.Hosting;
using ChangeCoordination.Web.Live;
using ChangeCoordination.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChangeCoordination.Web.Tests.Api;

public sealed class HealthTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Live_answers_200_Healthy_without_a_token_and_checks_nothing()
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/health/live", UriKind.Relative));

        var answer = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Healthy", answer.Text("status"));
        Assert.Empty(answer.GetProperty("checks").EnumerateArray());
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ready_answers_200_with_the_database_the_risk_ledger_and_the_absent_bus_Healthy()
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        var answer = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Healthy", answer.Text("status"));
        var checks = Checks(answer);
        Assert.Equal(["database", "live-bus", "risk-ledger"], checks.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("No live bus is configured", checks["live-bus"].Text("description"), StringComparison.Ordinal);
        Assert.All(checks.Values, c => Assert.Equal("Healthy", c.Text("status")));
        Assert.All(checks.Values, c => Assert.False(string.IsNullOrWhiteSpace(c.Text("description"))));
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Both_probes_carry_the_security_headers(string path)
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task Ready_holds_no_e_mail_address_or_change_description_while_the_app_holds_both()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        await supplier.NotifyAsync(Bodies.Change(TestDates.Next(), description: "Pangolin head-end cut-over"));
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("@", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Pangolin", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Ready_answers_503_naming_the_database_when_it_can_no_longer_be_opened_and_live_still_answers_200()
    {
        // SQLite: the file's folder disappears under the app; PostgreSQL: its database is dropped under it.
        var folder = TestDatabase.IsPostgreSql ? null : Directory.CreateTempSubdirectory("cc-health-").FullName;
        using var broken = new AppFactory
        {
            Customise = folder is null ? null : b => b.UseSetting("ConnectionStrings:ChangeCoordination", $"Data Source={Path.Combine(folder, "change-coordination.db")}"),
        };
        using var client = broken.CreateClient();
        using (var before = await client.GetAsync(new Uri("/health/ready", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        if (folder is null)
        {
            broken.Database.Drop();
        }
        else
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }

        using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        using var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative));

        var answer = await ready.ExpectAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("Unhealthy", answer.Text("status"));
        var checks = Checks(answer);
        Assert.Equal("Unhealthy", checks["database"].Text("status"));
        Assert.Equal("Healthy", checks["risk-ledger"].Text("status"));
        var text = answer.GetRawText();
        Assert.DoesNotContain(folder ?? broken.Database.Name, text, StringComparison.Ordinal);
        Assert.DoesNotContain("SQLite", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Npgsql", text, StringComparison.OrdinalIgnoreCase);
        AssertSecurityHeaders(ready);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public async Task A_risk_ledger_not_yet_loaded_is_not_ready()
    {
        var ledger = new RiskLedger(new DayStatusFeed(NullLogger<DayStatusFeed>.Instance), new RuleBook(TimeProvider.System, new PlanningHorizon(Options.Create(new PlanningSettings()))), NoBus.Create(), TestMetrics.Create(), NullLogger<RiskLedger>.Instance);
        var check = new RiskLedgerHealthCheck(ledger);

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
    }

    private static Dictionary<string, JsonElement> Checks(JsonElement answer) =>
        answer.GetProperty("checks").EnumerateArray().ToDictionary(c => c.Text("name")!, StringComparer.Ordinal);

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        Assert.Contains("frame-ancestors 'none'", string.Join(' ', response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }
}
