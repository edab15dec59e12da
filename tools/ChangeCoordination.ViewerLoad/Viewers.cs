using System.Diagnostics;
using System.Globalization;
using ChangeCoordination.LoadTools;
using Microsoft.Playwright;

namespace ChangeCoordination.ViewerLoad;

/// <summary>
/// V signed-in heatmap tabs in B Debian Chromiums (one by default; the tabs spread over them in turn), one browser
/// context each, sharing the session cookie of one sign-in through the demo picker, each watching the cells of the
/// days the run will change.
/// </summary>
internal sealed class Viewers : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>
    /// Installed once the page is interactive: records Date.now() the first time each target day's cell carries
    /// its expected class, from a MutationObserver on the whole page that looks only at the nodes each mutation
    /// added or changed (a lookup of every target on every mutation would add its own cost to each update in each
    /// tab). Answers the targets already showing it.
    /// </summary>
    private const string WatchScript = """
        (targets) => {
          window.__ccSeen = {};
          const cellOf = date => { const a = document.querySelector(`a[data-date='${date}']`); return a ? a.closest('td') : null; };
          const pending = new Map(targets.map(t => [t.date, t.cls]));
          const already = targets.filter(t => { const td = cellOf(t.date); return !td || td.classList.contains(t.cls); }).map(t => t.date);
          const see = (link, now) => {
            const cls = pending.get(link.dataset.date);
            const td = link.closest('td');
            if (cls && td && td.classList.contains(cls)) { window.__ccSeen[link.dataset.date] = now; pending.delete(link.dataset.date); }
          };
          const observer = new MutationObserver(records => {
            const now = Date.now();
            for (const record of records) {
              const nodes = record.type === 'attributes' ? [record.target] : record.addedNodes;
              for (const node of nodes) {
                if (node.nodeType !== Node.ELEMENT_NODE) continue;
                if (node.matches('a[data-date]')) see(node, now);
                for (const link of node.querySelectorAll('a[data-date]')) see(link, now);
              }
            }
            if (pending.size === 0) observer.disconnect();
          });
          observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] });
          return already;
        }
        """;

    private readonly List<IBrowserContext> contexts = [];
    private readonly List<IPage> pages = [];
    private IPlaywright? playwright;
    private readonly List<IBrowser> browsers = [];
    private int opened = -1;

    public IReadOnlyList<IPage> Pages => pages;

    /// <param name="browserCount">
    /// Chromium instances. Real viewers are separate machines; in one Chromium every tab's frames also go through the
    /// same browser, GPU (display compositor) and network service processes, which several instances spread.
    /// </param>
    /// <param name="browserNice">
    /// The nice value for Chromium's processes (renderers fork from its zygotes and inherit it): the browser stands
    /// in for the viewers' own machines, so it should not take the CPU from the app it shares two cores with.
    /// </param>
    public async Task LaunchAsync(int browserCount, int? browserNice)
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Debian's Chromium is missing at {ChromiumPath}: apt-get install chromium.");
        }

        playwright = await Playwright.CreateAsync();

        // The end-to-end tests' arguments (tests/ChangeCoordination.EndToEnd/LiveApp.cs), and no throttling of pages
        // that are not in front: every tab here stands for a screen someone is looking at.
        for (var i = 0; i < browserCount; i++)
        {
            browsers.Add(await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args =
                [
                    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-background-timer-throttling", "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows",
                ],
            }));
        }

        if (browserNice is { } nice)
        {
            var chromium = ServerProcess.Descendants(Environment.ProcessId).Where(p => p.Command.StartsWith("chrom", StringComparison.Ordinal)).Select(p => p.Pid).ToList();
            using var renice = Process.Start(new ProcessStartInfo("renice", ["-n", nice.ToString(CultureInfo.InvariantCulture), "-p", .. chromium.Select(p => p.ToString(CultureInfo.InvariantCulture))])
            {
                RedirectStandardOutput = true,
            })!;
            await renice.StandardOutput.ReadToEndAsync();
            await renice.WaitForExitAsync();
            Console.WriteLine($"  Chromium: {chromium.Count} processes at nice {nice}");
        }
    }

    /// <summary>Signs in once through the demo picker and answers the session (cookies) for the other tabs.</summary>
    public async Task<string> SignInAsync(Uri baseAddress, string displayName, string path)
    {
        var context = await NewContextAsync(browsers[0], baseAddress, null);
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        await page.GetByRole(AriaRole.Button, new() { Name = displayName }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/signin", StringComparison.Ordinal), new() { Timeout = 30_000 });
        var state = await context.StorageStateAsync();
        await context.CloseAsync();
        return state;
    }

    /// <summary>Opens one more tab on <paramref name="path"/>, waits until its circuit is up and starts watching the targets.</summary>
    public async Task OpenAsync(Uri baseAddress, string storageState, string path, IReadOnlyList<(string Date, string Class)> targets)
    {
        var browser = browsers[Interlocked.Increment(ref opened) % browsers.Count];
        var context = await NewContextAsync(browser, baseAddress, storageState);
        var page = await context.NewPageAsync();
        lock (pages)
        {
            contexts.Add(context);
            pages.Add(page);
        }

        await page.GotoAsync(path, new() { Timeout = 60_000 });
        await page.Locator("[data-interactive='true']").WaitForAsync(new() { Timeout = 60_000 });
        await page.Locator("td.day a[data-date]").First.WaitForAsync(new() { Timeout = 60_000 });
        var already = await page.EvaluateAsync<string[]>(WatchScript, targets.Select(t => new { date = t.Date, cls = t.Class }).ToArray());
        if (already.Length > 0)
        {
            throw new InvalidOperationException($"Tab {pages.Count}: days {string.Join(", ", already)} are missing from the heatmap or already show their target status.");
        }
    }

    /// <summary>For each tab, the Date.now() at which each target day showed its new status (missing: not yet).</summary>
    public async Task<List<Dictionary<string, double>>> SeenAsync()
    {
        var seen = new List<Dictionary<string, double>>();
        foreach (var page in pages)
        {
            seen.Add(await page.EvaluateAsync<Dictionary<string, double>>("() => window.__ccSeen || {}"));
        }

        return seen;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var context in contexts)
        {
            await context.CloseAsync();
        }

        foreach (var browser in browsers)
        {
            await browser.CloseAsync();
        }

        playwright?.Dispose();
    }

    private static Task<IBrowserContext> NewContextAsync(IBrowser browser, Uri baseAddress, string? storageState) =>
        browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
            Locale = "en-GB",
            TimezoneId = "Europe/London",
            StorageState = storageState,
        });
}
