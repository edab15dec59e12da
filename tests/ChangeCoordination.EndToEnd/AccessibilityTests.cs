using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

namespace ChangeCoordination.EndToEnd;

/// <summary>
/// axe-core (the engine behind the browsers' accessibility audits) on every page of the demo year, as the person who
/// uses it sees it: no serious and no critical violation anywhere.
/// </summary>
[Collection(DemoLiveAppGroup.Name)]
public sealed class AccessibilityTests(DemoLiveApp app)
{
    private static readonly string[] Blocking = ["serious", "critical"];

    public static TheoryData<string, string> Pages() => new()
    {
        { "Maya Singh", "/heatmap" },
        { "Maya Singh", "/heatmap?view=user" },
        { "Maya Singh", $"/days/{TestClock.Today:yyyy-MM-dd}" },
        { "Bea Patel", $"/days/{TestClock.Today:yyyy-MM-dd}" },
        { "TOC wall display", "/wall" },
        { "Alex Morgan", "/changes/new" },
        { "Alex Morgan", "/changes" },
        { "Alex Morgan", "/changes/upload" },
        { "Dana Reid", "/assess" },
        { "Dana Reid", "/internal-changes" },
        { "Maya Singh", "/support" },
        { "Tom Okafor", "/operations" },
        { "Maya Singh", "/operations/report" },
        { "Maya Singh", "/operations/variants" },
        { "Maya Singh", "/outcomes" },
        { "Sam Whitfield", "/methodology" },
        { "Sam Whitfield", "/methodology/versions/1.0" },
        { "Sam Whitfield", "/methodology/versions/1.0/what-if" },
        { "Sam Whitfield", "/methodology/versions/new" },
        { "Sam Whitfield", "/admin/access" },
        { "Maya Singh", "/admin/audit" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Every_page_has_no_serious_or_critical_accessibility_violation(string person, string path)
    {
        var page = await app.SignInAsync(person, path, path == "/wall" ? 1920 : 1366, path == "/wall" ? 1080 : 768);

        await AssertNoBlockingViolationAsync(page);
    }

    [Fact]
    public async Task A_change_page_and_a_red_day_have_no_serious_or_critical_accessibility_violation()
    {
        var owner = await app.SignInAsync("Alex Morgan", "/changes");
        await owner.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^CHG-") }).First.ClickAsync();
        await Expect(owner).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/changes/CHG-"));
        await LiveApp.WaitUntilInteractiveAsync(owner);
        await AssertNoBlockingViolationAsync(owner);

        var manager = await app.SignInAsync("Maya Singh", "/heatmap");
        await manager.Locator("td.st-red a.day-link").First.ClickAsync();
        await Expect(manager.GetByTestId("day-statuses")).ToContainTextAsync("Overall: Red");
        await AssertNoBlockingViolationAsync(manager);
    }

    [Fact]
    public async Task The_sign_in_page_has_no_serious_or_critical_accessibility_violation()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/account/signin");

        await AssertNoBlockingViolationAsync(page);
    }

    private static async Task AssertNoBlockingViolationAsync(IPage page)
    {
        var result = await page.RunAxe();
        var blocking = result.Violations.Where(v => Blocking.Contains(v.Impact)).ToList();

        Assert.True(blocking.Count == 0, $"axe-core on {page.Url}:\n{Describe(blocking)}");
    }

    private static string Describe(IEnumerable<AxeResultItem> violations) => string.Join("\n", violations.Select(v =>
        $"- {v.Impact} {v.Id}: {v.Help} ({v.Nodes.Length} nodes)\n" + string.Join("\n", v.Nodes.Take(4).Select(n =>
            $"    {n.Target} {Shorten(n.Html)}\n      {string.Join("; ", n.Any.Concat(n.All).Concat(n.None).Select(c => c.Message))}"))));

    private static string Shorten(string html) => html.Length <= 160 ? html : html[..160] + "…";
}
