using System.Collections.Concurrent;
using System.Net;
using ChangeCoordination.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace ChangeCoordination.Web.Tests.Security;

public sealed class HardeningTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("/account/signin")]
    [InlineData("/api/v1/heatmap")]
    [InlineData("/css/app.css")]
    public async Task Pages_the_API_and_static_files_carry_the_security_headers(string path)
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        var csp = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Matches("script-src 'self' 'nonce-[0-9A-F]{32}';", csp);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Contains("camera=()", Assert.Single(response.Headers.GetValues("Permissions-Policy")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sign_in_page_script_nonce_differs_on_every_request()
    {
        using var client = app.CreateClient();

        using var first = await client.GetAsync(new Uri("/account/signin", UriKind.Relative));
        using var second = await client.GetAsync(new Uri("/account/signin", UriKind.Relative));

        var nonce = System.Text.RegularExpressions.Regex.Match(first.Headers.GetValues("Content-Security-Policy").Single(), "'nonce-([^']+)'").Groups[1].Value;
        Assert.Contains($"nonce=\"{nonce}\"", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(nonce, second.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/account/signin/demo")]
    [InlineData("/account/signout")]
    public async Task A_form_post_without_its_antiforgery_token_is_refused(string path)
    {
        using var client = app.CreateClient();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = DemoUsers.Manager });

        using var response = await client.PostAsync(new Uri(path, UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"), "A refused sign-in must not set a cookie.");
    }
}

/// <summary>Low limits configured, so that a test reaches them in a few requests.</summary>
public sealed class RateLimitTests : IDisposable
{
    private readonly AppFactory app = new()
    {
        Customise = builder =>
        {
            builder.UseSetting("RateLimits:Api:PermitLimit", "3");
            builder.UseSetting("RateLimits:Api:Window", "01:00:00");
            builder.UseSetting("RateLimits:SignIn:PermitLimit", "2");
            builder.UseSetting("RateLimits:SignIn:Window", "01:00:00");
        },
    };

    [Fact]
    public async Task A_caller_over_the_API_limit_gets_429_problem_details_with_Retry_After_and_others_are_unaffected()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var manager = await app.ClientForAsync(DemoUsers.Manager);
        for (var i = 0; i < 3; i++)
        {
            using var allowed = await supplier.GetAsync(new Uri("/api/v1/changes", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var refused = await supplier.GetAsync(new Uri("/api/v1/changes", UriKind.Relative));

        var problem = await refused.ExpectProblemAsync((HttpStatusCode)429);
        Assert.Contains("try again in", problem.Text("detail"), StringComparison.Ordinal);
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        using var other = await manager.GetAsync(new Uri("/api/v1/changes", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Sign_in_over_its_limit_from_one_address_gets_429()
    {
        await app.TokenForAsync(DemoUsers.SupplierA);
        await app.TokenForAsync(DemoUsers.Manager);
        using var client = app.CreateClient();

        using var refused = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/dev/token", new { email = DemoUsers.Owner });

        await refused.ExpectProblemAsync((HttpStatusCode)429);
        Assert.NotNull(refused.Headers.RetryAfter);
    }

    public void Dispose() => app.Dispose();
}

/// <summary>Every log line the app writes, at every level, while a change is written and read.</summary>
public sealed class LogPrivacyTests : IDisposable
{
    private readonly LogCapture logs = new();
    private readonly AppFactory app;

    public LogPrivacyTests() => app = new AppFactory
    {
        Customise = builder => builder.ConfigureLogging(logging =>
        {
            logging.AddProvider(logs);
            logging.AddFilter<LogCapture>(_ => true);
        }),
    };

    [Fact]
    public async Task No_description_device_detail_or_e_mail_address_reaches_the_logs()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var manager = await app.ClientForAsync(DemoUsers.Manager);
        var body = Bodies.Change(TestDates.Next(), "Firmware", description: "Okapi firmware push to Ocelot Road");
        body["deviceCombinations"] = new[] { new { devices = new[] { "ESME" }, smets = "SMETS2", manufacturer = "Narwhal Meters", model = "NW-1", firmwareVersion = "4.4.4" } };
        var change = await supplier.NotifyAsync(body);
        body["description"] = "Okapi firmware push, revised";
        await supplier.UpdateAsync(change.Reference(), change.Revision(), body);
        await supplier.GetJsonAsync($"/api/v1/changes/{change.Reference()}");
        await supplier.GetJsonAsync($"/api/v1/changes/{change.Reference()}/revisions");
        await manager.GetJsonAsync("/api/v1/changes");
        using var bad = await supplier.SendRawAsync(HttpMethod.Post, "/api/v1/changes", "{\"description\": \"Okapi in a broken body\"");

        var lines = logs.Lines.ToList();
        Assert.NotEmpty(lines);
        Assert.All(
            new[] { "Okapi", "Ocelot", "Narwhal", "NW-1", DemoUsers.SupplierA, DemoUsers.Manager },
            secret => Assert.DoesNotContain(lines, line => line.Contains(secret, StringComparison.OrdinalIgnoreCase)));
    }

    public void Dispose()
    {
        app.Dispose();
        logs.Dispose();
    }

    private sealed class LogCapture : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(", ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
                lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} [{values}] {exception}");
            }
        }
    }
}
