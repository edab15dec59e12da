using System.Text.RegularExpressions;
using ChangeCoordination.Core;
using ChangeCoordination.Core.Operations;
using ChangeCoordination.Web.Data;
using ChangeCoordination.Web.Identity;

namespace ChangeCoordination.EndToEnd;

/// <summary>
/// Every page of the demo year as the person who uses it sees it: axe-core (the engine behind the browsers'
/// accessibility audits) finds no serious and no critical violation, and nothing is shown by its code name.
/// </summary>
[Collection(DemoLiveAppGroup.Name)]
public sealed class AccessibilityTests(DemoLiveApp app)
{
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
        { "Tom Okafor", "/operations/incidents" },
        { "Maya Singh", "/records" },
        { "Alex Morgan", "/records" },
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

        await LiveApp.AssertAccessibleAsync(page);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Every_page_names_things_as_people_say_them_never_by_their_code_names(string person, string path)
    {
        var page = await app.SignInAsync(person, path, path == "/wall" ? 1920 : 1366, path == "/wall" ? 1080 : 768);
        var text = await page.Locator("body").InnerTextAsync();

        var shown = CodeNames.Where(name => Regex.IsMatch(text, $@"\b{name}\b")).ToList();
        Assert.True(shown.Count == 0, $"{path} shows code names where people read display names: {string.Join(", ", shown)}");
    }

    /// <summary>The enum members whose code name is not how a person writes it (two words run together, such as
    /// BusinessCritical or HighlyLikely).</summary>
    private static readonly string[] CodeNames =
    [
        .. new[]
        {
            typeof(ChangeType), typeof(Probability), typeof(ChangeStatus), typeof(DeviceType), typeof(DccService),
            typeof(BusinessProcess), typeof(ResponsibleParty), typeof(TimeBand), typeof(OrganisationKind), typeof(PartyRole),
            typeof(SupportPlanState), typeof(ChangeVisibility), typeof(InternalChangeStatus), typeof(MethodologyState),
        }
        .SelectMany(Enum.GetNames)
        .Where(name => Regex.IsMatch(name, "[a-z][A-Z]")),
    ];

    [Fact]
    public async Task A_change_page_and_a_red_day_have_no_serious_or_critical_accessibility_violation()
    {
        var owner = await app.SignInAsync("Alex Morgan", "/changes");
        await owner.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^CHG-") }).First.ClickAsync();
        await Expect(owner).ToHaveURLAsync(new Regex("/changes/CHG-"));
        await LiveApp.WaitUntilInteractiveAsync(owner);
        await LiveApp.AssertAccessibleAsync(owner);

        var manager = await app.SignInAsync("Maya Singh", "/heatmap");
        await manager.Locator("td.st-red a.day-link").First.ClickAsync();
        await Expect(manager.GetByTestId("day-statuses")).ToContainTextAsync("Overall: Red");
        await LiveApp.AssertAccessibleAsync(manager);
    }

    [Fact]
    public async Task The_sign_in_page_has_no_serious_or_critical_accessibility_violation()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/account/signin");

        await LiveApp.AssertAccessibleAsync(page);
    }
}
