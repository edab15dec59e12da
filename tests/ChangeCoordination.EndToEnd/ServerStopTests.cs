using System.Diagnostics;
using System.Text.RegularExpressions;
using ChangeCoordination.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ChangeCoordination.EndToEnd;

/// <summary>
/// The built app in a process of its own (<see cref="AppServer"/>), stopped as a service manager stops it (SIGTERM) and
/// as a crash does (SIGKILL), and started again on the same port, with the TOC wall display open throughout.
/// </summary>
public sealed partial class ServerStopTests(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>The wall's promise: it says so within 2 seconds of any stop.</summary>
    private static readonly TimeSpan NotLiveWithin = TimeSpan.FromSeconds(2);

    /// <summary>And it is live again within 5 seconds of the server being ready, by itself.</summary>
    private static readonly TimeSpan LiveAgainWithin = TimeSpan.FromSeconds(5);

    private readonly string folder = Path.Combine(Path.GetTempPath(), $"cc-stop-{Guid.NewGuid():N}");
    private TestDatabase? database;
    private IPlaywright? playwright;
    private IBrowser? browser;
    private AppServer? server;
    private Dictionary<string, string> settings = [];

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(folder);
        database = TestDatabase.Create("cc-stop");
        settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Database__Provider"] = database.Provider.ToString(),
            ["ConnectionStrings__ChangeCoordination"] = database.ConnectionString,
            ["Demo__SeedData"] = "false",
            ["Identity__Mode"] = "Demo",
            ["Identity__DemoSigningKey"] = "server-stop-test",
        };
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = LiveApp.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    [Fact]
    public async Task The_wall_says_not_live_at_once_when_the_server_stops_gracefully_or_is_killed_and_is_live_again_by_itself_after_a_restart()
    {
        server = await AppServer.StartAsync("stopping", settings, folder);
        var port = server.Port;
        var context = await browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.Address.ToString(),
            ViewportSize = new ViewportSize { Width = 1920, Height = 1080 },
            Locale = "en-GB",
            TimezoneId = "Europe/London",
        });
        await context.AddInitScriptAsync(WatchTheBar);
        var wall = await context.NewPageAsync();
        try
        {
            await wall.GotoAsync("/wall");
            await wall.GetByRole(AriaRole.Button, new() { Name = "TOC wall display" }).ClickAsync();
            await Expect(wall).ToHaveURLAsync(new Regex("/wall$"));
            await LiveApp.WaitUntilInteractiveAsync(wall);
            await ExpectLiveAsync(wall, LiveAgainWithin);

            // A graceful stop: the server finishes within a few seconds and the wall says so meanwhile.
            var clock = Stopwatch.StartNew();
            var before = (await BarTextsAsync(wall)).Count;
            var stopping = server.TerminateAsync(TimeSpan.FromSeconds(15));
            await Expect(wall.Locator("#live-text")).ToContainTextAsync(NotLiveSince(), new() { Timeout = (float)NotLiveWithin.TotalMilliseconds });
            output.WriteLine($"SIGTERM: the wall said not live after {clock.Elapsed.TotalSeconds:0.0} s");
            var stopped = await stopping;
            Assert.True(stopped is not null, $"The server did not stop within 15 s of SIGTERM: see {server.Log}.");
            output.WriteLine($"SIGTERM: the server stopped after {stopped.Value.TotalSeconds:0.0} s");
            await Expect(wall.Locator("#live-text")).ToContainTextAsync(NotLiveSince());
            var meanwhile = (await BarTextsAsync(wall)).Skip(before).ToList();
            Assert.DoesNotContain(meanwhile, text => text.Contains("Live ·", StringComparison.Ordinal));
            server.Dispose();

            server = await AppServer.StartAsync("stopping", settings, folder, port);
            clock.Restart();
            await ExpectLiveAsync(wall, LiveAgainWithin);
            output.WriteLine($"After the restart the wall was live {clock.Elapsed.TotalSeconds:0.0} s after the server was ready");

            // A crash: the same, with no chance for the server to say goodbye.
            clock.Restart();
            await server.KillAsync();
            await Expect(wall.Locator("#live-text")).ToContainTextAsync(NotLiveSince(), new() { Timeout = (float)NotLiveWithin.TotalMilliseconds });
            output.WriteLine($"SIGKILL: the wall said not live after {clock.Elapsed.TotalSeconds:0.0} s");
            server.Dispose();

            server = await AppServer.StartAsync("stopping", settings, folder, port);
            clock.Restart();
            await ExpectLiveAsync(wall, LiveAgainWithin);
            output.WriteLine($"After the restart the wall was live {clock.Elapsed.TotalSeconds:0.0} s after the server was ready");
        }
        finally
        {
            // What the bar said, and when, for a run that fails.
            output.WriteLine(string.Join("\n", await BarTextsAsync(wall)));
            await context.CloseAsync();
        }
    }

    public async Task DisposeAsync()
    {
        server?.Dispose();
        if (browser is not null)
        {
            await browser.CloseAsync();
        }

        playwright?.Dispose();
        database?.Dispose();
    }

    private static async Task ExpectLiveAsync(IPage wall, TimeSpan within)
    {
        await Expect(wall.Locator("#live-text")).ToContainTextAsync("Live · last update", new() { Timeout = (float)within.TotalMilliseconds });
        await Expect(wall.Locator("#live-bar")).Not.ToHaveClassAsync(new Regex("not-live"));
    }

    private static async Task<IReadOnlyList<string>> BarTextsAsync(IPage wall) =>
        await wall.EvaluateAsync<string[]>("() => JSON.parse(sessionStorage.getItem('bar-texts') || '[]')");

    /// <summary>Records every text the bar shows, with when, across reloads, so a test can see it never said "Live" while the server was going.</summary>
    private const string WatchTheBar = """
        document.addEventListener("DOMContentLoaded", () => {
            let last = "(page loaded)";
            const loaded = JSON.parse(sessionStorage.getItem("bar-texts") || "[]");
            loaded.push(`${new Date().toISOString().substring(11, 23)} ${last}`);
            sessionStorage.setItem("bar-texts", JSON.stringify(loaded));
            new MutationObserver(() => {
                const text = document.getElementById("live-text")?.textContent;
                if (text && text !== last) {
                    last = text;
                    const texts = JSON.parse(sessionStorage.getItem("bar-texts") || "[]");
                    texts.push(`${new Date().toISOString().substring(11, 23)} ${text}`);
                    sessionStorage.setItem("bar-texts", JSON.stringify(texts));
                }
            }).observe(document.body, { childList: true, characterData: true, subtree: true });
        });
        """;

    [GeneratedRegex(@"Not live since \d\d:\d\d")]
    private static partial Regex NotLiveSince();
}
