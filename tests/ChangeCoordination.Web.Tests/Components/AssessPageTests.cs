using System.Security.Claims;
using Bunit;
using ChangeCoordination.Web.Features.Assessment;
using ChangeCoordination.Web.Features.Calendar;
using ChangeCoordination.Web.Features.Changes;
using ChangeCoordination.Web.Identity;
using ChangeCoordination.Web.Live;
using ChangeCoordination.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace ChangeCoordination.Web.Tests.Components;

/// <summary>The assessment desk over the real services and database of an <see cref="AppFactory"/>.</summary>
public sealed class AssessPageTests : BunitContext, IClassFixture<AppFactory>, IAsyncLifetime
{
    private readonly AppFactory app;

    public AssessPageTests(AppFactory app)
    {
        this.app = app;
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(options => options.PopoverOptions.CheckForPopoverProvider = false);
        foreach (var type in new[] { typeof(ChangeService), typeof(AssessmentDesk), typeof(DayStatusFeed), typeof(RuleBook), typeof(TimeProvider) })
        {
            Services.AddSingleton(type, app.Services.GetRequiredService(type));
        }

        Services.AddSingleton(new ClientAddress());

        AddAuthorization().SetAuthorized("Dana Reid").SetClaims(
            new Claim(ClaimTypes.Email, DemoUsers.Assessor),
            new Claim(CallerClaims.Role, "DccAssessor"),
            new Claim(CallerClaims.OrganisationId, "4"),
            new Claim(CallerClaims.OrganisationName, "DCC"),
            new Claim(CallerClaims.DisplayName, "Dana Reid"),
            new Claim(CallerClaims.DetailAccess, "true"));
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => base.DisposeAsync().AsTask();

    [Fact]
    public async Task The_queue_lists_changes_earliest_start_first_and_shows_what_else_is_on()
    {
        var (early, late) = await TwoFirmwareRollOutsOnOneDayAsync();

        var page = Render<AssessPage>();

        page.WaitForAssertion(() => Assert.Equal(early, page.FindAll(".queue-row")[0].GetAttribute("data-reference")));
        Assert.Equal(late, page.FindAll(".queue-row")[1].GetAttribute("data-reference"));
        page.WaitForAssertion(() => Assert.Contains(late, page.Find("[data-testid=device-clash]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Pressing_3_shows_the_effect_on_the_day_and_Enter_assesses_and_moves_on()
    {
        var (early, late) = await TwoFirmwareRollOutsOnOneDayAsync(type: "BusinessCritical");
        var page = Render<AssessPage>();
        page.WaitForAssertion(() => Assert.Equal(early, page.Find(".queue-row.selected").GetAttribute("data-reference")));

        await page.Find(".assess").KeyDownAsync(new KeyboardEventArgs { Key = "3" });
        page.WaitForAssertion(() => Assert.Contains("goes Green to Red", page.Find("[data-testid=assess-effect]").TextContent, StringComparison.Ordinal));
        await page.Find(".assess").KeyDownAsync(new KeyboardEventArgs { Key = "Enter" });

        page.WaitForAssertion(() => Assert.Contains($"{early} assessed Highly likely: Red", page.Find("[data-testid=assess-message]").TextContent, StringComparison.Ordinal));
        page.WaitForAssertion(() => Assert.Equal(late, page.Find(".queue-row.selected").GetAttribute("data-reference")));
    }

    [Fact]
    public async Task Ticking_changes_with_X_and_choosing_a_probability_assesses_them_all()
    {
        var (early, late) = await TwoFirmwareRollOutsOnOneDayAsync();
        var page = Render<AssessPage>();
        page.WaitForAssertion(() => Assert.Equal(early, page.Find(".queue-row.selected").GetAttribute("data-reference")));

        await page.Find(".assess").KeyDownAsync(new KeyboardEventArgs { Key = "x" });
        await page.Find(".assess").KeyDownAsync(new KeyboardEventArgs { Key = "j" });
        await page.Find(".assess").KeyDownAsync(new KeyboardEventArgs { Key = "x" });
        page.WaitForAssertion(() => Assert.Contains("2 changes ticked", page.Find("[data-testid=bulk-bar]").TextContent, StringComparison.Ordinal));
        await page.FindAll("[data-testid=bulk-bar] button").First(b => b.TextContent.Trim() == "Likely").ClickAsync(new MouseEventArgs());

        page.WaitForAssertion(() => Assert.Contains("2 changes assessed Likely", page.Find("[data-testid=assess-message]").TextContent, StringComparison.Ordinal));
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        Assert.Equal("Likely", (await supplier.GetJsonAsync($"/api/v1/changes/{late}")).Text("probability"));
    }

    [Fact]
    public async Task A_reopened_change_shows_its_earlier_assessment_and_what_changed_since()
    {
        var (early, _) = await TwoFirmwareRollOutsOnOneDayAsync();
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        var assessed = await assessor.AssessAsync(early, 1, "Likely");
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var moved = Bodies.Change(TestDates.Next(), "Firmware", startHour: 21);
        moved["deviceCombinations"] = Bodies.Devices("ESME", "GSME");
        await supplier.UpdateAsync(early, assessed.Revision(), moved);

        var page = Render<AssessPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll(".queue-row").Count));
        await ClickWhenSettledAsync(page, $".queue-row[data-reference='{early}']");

        page.WaitForAssertion(() => Assert.Contains("Likely by assessor@dcc.example", page.Find("[data-testid=assessment-history]").TextContent, StringComparison.Ordinal));
        Assert.Contains("Outage window", page.Find("[data-testid=since-last-assessment]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_desk_says_when_a_change_falls_in_a_change_freeze()
    {
        var (early, _) = await TwoFirmwareRollOutsOnOneDayAsync();
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        var day = (await assessor.GetJsonAsync($"/api/v1/changes/{early}")).Text("start")![..10];
        (await assessor.SendJsonAsync(HttpMethod.Post, "/api/v1/freeze-windows", new { title = "Test freeze", from = day, to = day })).EnsureSuccessStatusCode();

        var page = Render<AssessPage>();

        page.WaitForAssertion(() => Assert.Equal(early, page.Find(".queue-row.selected").GetAttribute("data-reference")));
        page.WaitForAssertion(() => Assert.Contains("Test freeze", page.Find("[data-testid=desk-freeze]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Saving_on_a_stale_revision_is_refused_with_a_message_and_the_other_write_is_kept()
    {
        var (early, _) = await TwoFirmwareRollOutsOnOneDayAsync();
        var page = Render<AssessPage>();
        page.WaitForAssertion(() => Assert.Equal(early, page.Find(".queue-row.selected").GetAttribute("data-reference")));
        await page.Find(".assess").KeyDownAsync(new KeyboardEventArgs { Key = "1" });

        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var edit = Bodies.Change(TestDates.Next(), "Firmware", description: "Roll-out now phased over two nights");
        var current = await supplier.GetJsonAsync($"/api/v1/changes/{early}");
        edit["start"] = current.Text("start");
        edit["end"] = current.Text("end");
        edit["deviceCombinations"] = Bodies.Devices("ESME", "GSME");
        await supplier.UpdateAsync(early, 1, edit);
        await page.Find(".assess").KeyDownAsync(new KeyboardEventArgs { Key = "Enter" });

        page.WaitForAssertion(() => Assert.Contains("changed by someone else", page.Find("[data-testid=assess-message]").TextContent, StringComparison.Ordinal));
        var stored = await supplier.GetJsonAsync($"/api/v1/changes/{early}");
        Assert.Equal("Roll-out now phased over two nights", stored.Text("description"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, stored.GetProperty("probability").ValueKind);
    }

    /// <summary>Clicks an element, finding it again if a live update re-rendered the page in between.</summary>
    private static async Task ClickWhenSettledAsync(IRenderedComponent<AssessPage> page, string selector)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await page.Find(selector).ClickAsync(new MouseEventArgs());
                return;
            }
            catch (Bunit.Rendering.UnknownEventHandlerIdException) when (attempt < 5)
            {
                await Task.Delay(50);
            }
        }
    }

    private async Task<(string Early, string Late)> TwoFirmwareRollOutsOnOneDayAsync(string type = "Firmware")
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var date = TestDates.Next();
        var lateBody = Bodies.Change(date, type, startHour: 22);
        lateBody["deviceCombinations"] = Bodies.Devices("ESME");
        var earlyBody = Bodies.Change(date, type, startHour: 20);
        earlyBody["deviceCombinations"] = Bodies.Devices("ESME", "GSME");
        var late = await supplier.NotifyAsync(lateBody);
        var early = await supplier.NotifyAsync(earlyBody);
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        foreach (var queued in (await assessor.GetJsonAsync("/api/v1/assessment-queue")).EnumerateArray())
        {
            if (queued.Reference() != early.Reference() && queued.Reference() != late.Reference())
            {
                await assessor.AssessAsync(queued.Reference(), queued.Revision(), "Unlikely");
            }
        }

        return (early.Reference(), late.Reference());
    }
}
