using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using ChangeCoordination.Web.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ChangeCoordination.EndToEnd;

/// <summary>
/// The real app on Kestrel, on a free loopback port, over a fresh SQLite file (Demo identities, no demo data),
/// started on <see cref="TestClock.Now"/> (its clock runs on from there), and Debian's Chromium driven by Playwright. Playwright never downloads a browser here.
/// </summary>
public class LiveApp : IAsyncLifetime, IDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>The axe-core impacts that fail a screen.</summary>
    private static readonly string[] Blocking = ["serious", "critical"];

    private readonly string databasePath = Path.Combine(Path.GetTempPath(), $"cc-e2e-{Guid.NewGuid():N}.db");
    private Factory? factory;
    private IPlaywright? playwright;

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public IBrowser Browser { get; private set; } = null!;

    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <summary>Whether the app starts with the demo year (a living system) instead of an empty database.</summary>
    protected virtual bool SeedDemoData => false;

    public async Task InitializeAsync()
    {
        await BeforeStartAsync();
        factory = new Factory(databasePath, SeedDemoData, Configure);
        factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var addresses = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        BaseAddress = new Uri(addresses.Addresses.First());
        Directory.CreateDirectory(ScreenshotFolder);
        await AfterStartAsync(factory.Services);
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Debian's Chromium is missing at {ChromiumPath}: run ./test.sh, which installs it (apt-get install chromium).");
        }

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>Work before the app starts (such as starting an identity provider it needs).</summary>
    protected virtual Task BeforeStartAsync() => Task.CompletedTask;

    /// <summary>Settings over the defaults (Demo identities, Development).</summary>
    protected virtual void Configure(IWebHostBuilder builder)
    {
    }

    /// <summary>Work once the app listens on <see cref="BaseAddress"/>.</summary>
    protected virtual Task AfterStartAsync(IServiceProvider services) => Task.CompletedTask;

    /// <summary>A page in a UK browser unless <paramref name="locale"/> says otherwise (headless Chromium's own default is en-US).</summary>
    public async Task<IPage> NewPageAsync(int width = 1366, int height = 768, string locale = "en-GB")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = locale,
            TimezoneId = "Europe/London",
        });
        return await context.NewPageAsync();
    }

    /// <summary>Signs in through the demo picker, as a person would.</summary>
    public async Task<IPage> SignInAsync(string displayName, string path = "/", int width = 1366, int height = 768, string locale = "en-GB")
    {
        var page = await NewPageAsync(width, height, locale);
        await page.GotoAsync(path);
        await page.GetByRole(AriaRole.Button, new() { Name = displayName }).ClickAsync();
        await Expect(page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/signin"));
        await WaitUntilInteractiveAsync(page);
        return page;
    }

    /// <summary>Types into a labelled field and leaves it with Tab, as a person does (pickers commit on leaving).</summary>
    public static async Task FillAsync(IPage page, string label, string value)
    {
        var field = page.GetByRole(AriaRole.Textbox, new() { Name = label, Exact = true });
        await field.FillAsync(value);
        await field.PressAsync("Tab");
    }

    /// <summary>Waits until the page's Blazor circuit is up, so clicks and live updates reach the server.</summary>
    public static async Task WaitUntilInteractiveAsync(IPage page) =>
        await Expect(page.Locator("[data-interactive='true']")).ToHaveCountAsync(1);

    public virtual async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        playwright?.Dispose();
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(databasePath + suffix);
        }
    }

    public void Dispose()
    {
        factory?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>A bearer token for a demo identity, for driving the API beside the browser.</summary>
    public async Task<HttpClient> ApiClientAsync(string email)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        var response = await client.PostAsJsonAsync("/api/v1/dev/token", new { email });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken;
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Pictures of a screen a person looks at (and a greyscale copy, for reading without colour), which as a
    /// screen people use is also held to axe-core (<see cref="AssertAccessibleAsync"/>).</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        await AssertAccessibleAsync(page);
        // A whole-page picture keeps sticky bars where the page is scrolled to: start from the top.
        await page.EvaluateAsync("window.scrollTo(0, 0)");
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });
        await page.EvaluateAsync("document.documentElement.style.filter = 'grayscale(1)'");
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, name + "-grey.png"), FullPage = true });
        await page.EvaluateAsync("document.documentElement.style.filter = ''");
    }

    /// <summary>axe-core on the page as it is now: no serious and no critical violation.</summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        // An interactive page is scanned once its circuit has rendered it, head and title included (the head is
        // rendered again when the circuit starts).
        if (await page.Locator("[data-interactive]").CountAsync() > 0)
        {
            await WaitUntilInteractiveAsync(page);
        }

        await Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex(@"\S"));
        var result = await page.RunAxe();
        var blocking = result.Violations.Where(v => Blocking.Contains(v.Impact)).ToList();

        Assert.True(blocking.Count == 0, $"axe-core on {page.Url}:\n{Describe(blocking)}");
    }

    private static string Describe(IEnumerable<AxeResultItem> violations) => string.Join("\n", violations.Select(v =>
        $"- {v.Impact} {v.Id}: {v.Help} ({v.Nodes.Length} nodes)\n" + string.Join("\n", v.Nodes.Take(4).Select(n =>
            $"    {n.Target} {Shorten(n.Html)}\n      {string.Join("; ", n.Any.Concat(n.All).Concat(n.None).Select(c => c.Message))}"))));

    private static string Shorten(string html) => html.Length <= 160 ? html : html[..160] + "…";

    private sealed record TokenResponse(string AccessToken);

    private sealed class Factory(string databasePath, bool seedDemoData, Action<IWebHostBuilder> configure) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("ConnectionStrings:ChangeCoordination", $"Data Source={databasePath}");
            builder.UseSetting("Identity:Mode", "Demo");
            builder.UseSetting("Demo:SeedData", seedDemoData ? "true" : "false");
            builder.UseSetting(StartedClock.Setting, TestClock.Text);
            configure(builder);
        }
    }
}

/// <summary>The app with its demo year: what a newcomer sees on first start.</summary>
public sealed class DemoLiveApp : LiveApp
{
    protected override bool SeedDemoData => true;
}

/// <summary>An empty app of its own for the assessment desk, whose queue no other test may fill.</summary>
public sealed class AssessmentLiveApp : LiveApp;

[CollectionDefinition(Name)]
public sealed class AssessmentLiveAppGroup : ICollectionFixture<AssessmentLiveApp>
{
    public const string Name = "Live app for the assessment desk";
}

[CollectionDefinition(Name)]
public sealed class LiveAppGroup : ICollectionFixture<LiveApp>
{
    public const string Name = "Live app";
}

[CollectionDefinition(Name)]
public sealed class DemoLiveAppGroup : ICollectionFixture<DemoLiveApp>
{
    public const string Name = "Live app with demo data";
}
