using Bunit;
using ChangeCoordination.Core;
using ChangeCoordination.Web.Data;
using ChangeCoordination.Web.Features.Assessment;
using ChangeCoordination.Web.Features.Calendar;
using ChangeCoordination.Web.Features.Changes;
using ChangeCoordination.Web.Features.Reviews;
using ChangeCoordination.Web.Live;
using ChangeCoordination.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChangeCoordination.Web.Tests.Components;

/// <summary>The assessment desk over the real services and database of an <see cref="AppFactory"/>.</summary>
public sealed class AssessPageTests : AppPageTest, IClassFixture<AppFactory>
{
    public AssessPageTests(AppFactory app)
        : base(app, typeof(ChangeService), typeof(AssessmentDesk), typeof(AssessmentAdvisor), typeof(DayStatusFeed), typeof(RuleBook)) =>
        SignInStaff(DemoUsers.Assessor, "DccAssessor", "Dana Reid", detailAccess: true);

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
    public async Task The_desk_shows_what_similar_changes_did_with_the_evidence_and_says_when_the_choice_goes_against_it()
    {
        await PastHanRollOutsAsync(count: 10, overran: 7);
        var body = Bodies.Change(TestDates.Next(), "Firmware");
        body["deviceCombinations"] = Bodies.Devices("HCALCS");
        var reference = Assert.Single(await AloneInTheQueueAsync(body));

        var page = Render<AssessPage>();

        page.WaitForAssertion(() => Assert.StartsWith("Similar changes: 7 of 10 went wrong", page.Find("[data-testid=assess-advice]").TextContent.Trim(), StringComparison.Ordinal));
        Assert.Equal("L", page.Find($".queue-row[data-reference={reference}] .queue-advice .advice-chip").TextContent.Trim());
        Assert.StartsWith("2 Likely", Assert.Single(page.FindAll(".probability"), b => b.QuerySelector(".suggested-tag") is not null).TextContent.Trim(), StringComparison.Ordinal);
        var evidence = page.FindAll("[data-testid=advice-evidence] tbody tr");
        Assert.Equal(10, evidence.Count);
        Assert.Equal(7, evidence.Count(r => r.ClassList.Contains("went-wrong") && r.TextContent.Contains("✗ Overran", StringComparison.Ordinal)));

        await page.Find(".assess").KeyDownAsync(new KeyboardEventArgs { Key = "3" });
        await page.Find(".assess").KeyDownAsync(new KeyboardEventArgs { Key = "Enter" });

        page.WaitForAssertion(() => Assert.Contains("Recorded as against the advice (Likely).", page.Find("[data-testid=assess-message]").TextContent, StringComparison.Ordinal));
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
        var supplier = await App.ClientForAsync(DemoUsers.SupplierA);
        Assert.Equal("Likely", (await supplier.GetJsonAsync($"/api/v1/changes/{late}")).Text("probability"));
    }

    [Fact]
    public async Task A_reopened_change_shows_its_earlier_assessment_and_what_changed_since()
    {
        var (early, _) = await TwoFirmwareRollOutsOnOneDayAsync();
        var assessor = await App.ClientForAsync(DemoUsers.Assessor);
        var assessed = await assessor.AssessAsync(early, 1, "Likely");
        var supplier = await App.ClientForAsync(DemoUsers.SupplierA);
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
        var assessor = await App.ClientForAsync(DemoUsers.Assessor);
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

        var supplier = await App.ClientForAsync(DemoUsers.SupplierA);
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

    [Fact]
    public async Task An_ended_change_is_grouped_to_assess_after_the_event_below_the_live_queue_and_a_live_one_is_not()
    {
        var date = TestDates.Next();
        var references = await AloneInTheQueueAsync(Bodies.Change(date, startHour: 20), Bodies.Change(date, startHour: 23));
        var (ended, live) = (references[0], references[1]);

        var page = RenderOn(London.At(date, 22, 30));

        page.WaitForAssertion(() => Assert.Equal([live], page.FindAll("[data-testid=queue-live] .queue-row").Select(r => r.GetAttribute("data-reference"))));
        Assert.Equal([ended], page.FindAll("[data-testid=queue-ended] .queue-row").Select(r => r.GetAttribute("data-reference")));
        Assert.Contains("Assess after the event · 1 change whose window has ended", page.Find("[data-testid=queue-ended] .queue-group").TextContent, StringComparison.Ordinal);
        Assert.Equal([live, ended], page.FindAll(".queue-row").Select(r => r.GetAttribute("data-reference")));
        Assert.Equal("2 changes awaiting assessment: 1 in the live queue, soonest start first; 1 to assess after the event", page.Find("[data-testid=queue-count]").TextContent);
    }

    [Fact]
    public async Task Changes_to_assess_after_the_event_are_ordered_by_when_they_ended()
    {
        var date = TestDates.Next();
        var references = await AloneInTheQueueAsync(Bodies.Change(date, startHour: 18, hours: 4), Bodies.Change(date, startHour: 19, hours: 1));
        var (longer, shorter) = (references[0], references[1]);

        var page = RenderOn(London.At(date, 23));

        page.WaitForAssertion(() => Assert.Equal([shorter, longer], page.FindAll("[data-testid=queue-ended] .queue-row").Select(r => r.GetAttribute("data-reference"))));
        Assert.Empty(page.FindAll("[data-testid=queue-live]"));
    }

    [Fact]
    public async Task The_risk_shows_a_range_only_where_the_probability_can_move_it()
    {
        var date = TestDates.Next();
        var references = await AloneInTheQueueAsync(Bodies.Change(date, "BusinessCritical", startHour: 20), Bodies.Change(date, hours: 1, startHour: 22));
        var (spanning, fixedRisk) = (references[0], references[1]);
        var assessor = await App.ClientForAsync(DemoUsers.Assessor);
        var ranges = (await assessor.GetJsonAsync("/api/v1/assessment-queue")).EnumerateArray()
            .ToDictionary(c => c.Reference(), c => (Lowest: c.GetProperty("riskRange").Text("lowest"), Highest: c.GetProperty("riskRange").Text("highest")));
        Assert.NotEqual(ranges[spanning].Lowest, ranges[spanning].Highest);
        Assert.Equal(ranges[fixedRisk].Lowest, ranges[fixedRisk].Highest);

        var page = Render<AssessPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll(".queue-row").Count));
        var spanningRisk = page.Find($".queue-row[data-reference='{spanning}'] .queue-risk");
        Assert.Equal([ranges[spanning].Lowest, ranges[spanning].Highest], spanningRisk.QuerySelectorAll(".status-chip").Select(c => c.GetAttribute("aria-label")));
        Assert.Contains(" to ", spanningRisk.TextContent, StringComparison.Ordinal);
        var fixedCell = page.Find($".queue-row[data-reference='{fixedRisk}'] .queue-risk");
        Assert.Equal([ranges[fixedRisk].Lowest], fixedCell.QuerySelectorAll(".status-chip").Select(c => c.GetAttribute("aria-label")));
        Assert.DoesNotContain(" to ", fixedCell.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_queue_is_a_table_whose_rows_hold_their_tick_box_and_button_side_by_side_never_one_inside_another()
    {
        await TwoFirmwareRollOutsOnOneDayAsync();

        var page = Render<AssessPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("table.queue-table tbody tr.queue-row").Count));
        const string Interactive = "a, button, input, select, textarea, [role=option], [role=button], [role=checkbox], [tabindex]";
        var queue = page.Find("section.queue");
        var nested = queue.QuerySelectorAll(Interactive).Where(e => e.ParentElement?.Closest(Interactive) is { } outer && queue.Contains(outer)).ToList();
        Assert.Empty(nested.Select(e => e.OuterHtml));
        Assert.Empty(page.FindAll("[role=listbox], [role=option]"));
        foreach (var row in page.FindAll(".queue-row"))
        {
            Assert.Single(row.QuerySelectorAll("td > input[type=checkbox]"));
            Assert.Equal(row.GetAttribute("data-reference"), row.QuerySelector("td > button")!.TextContent.Trim());
        }
    }

    [Fact]
    public async Task J_K_and_the_arrows_move_the_marked_row_and_a_row_opens_from_its_button()
    {
        var (early, late) = await TwoFirmwareRollOutsOnOneDayAsync();
        var page = Render<AssessPage>();
        page.WaitForAssertion(() => Assert.Equal(early, page.Find(".queue-row[aria-current=true]").GetAttribute("data-reference")));

        await page.Find(".assess").KeyDownAsync(new KeyboardEventArgs { Key = "j" });
        page.WaitForAssertion(() => Assert.Equal(late, page.Find(".queue-row[aria-current=true]").GetAttribute("data-reference")));
        await page.Find(".assess").KeyDownAsync(new KeyboardEventArgs { Key = "ArrowDown" });
        page.WaitForAssertion(() => Assert.Equal(late, page.Find(".queue-row[aria-current=true]").GetAttribute("data-reference")));
        await page.Find(".assess").KeyDownAsync(new KeyboardEventArgs { Key = "K" });
        page.WaitForAssertion(() => Assert.Equal(early, page.Find(".queue-row[aria-current=true]").GetAttribute("data-reference")));
        Assert.Single(page.FindAll(".queue-row[aria-current]"));

        await ClickWhenSettledAsync(page, $".queue-row[data-reference='{late}'] button");
        page.WaitForAssertion(() => Assert.Equal(late, page.Find(".queue-row[aria-current=true]").GetAttribute("data-reference")));
        Assert.Contains(late, page.Find(".assess-detail h2").TextContent, StringComparison.Ordinal);
    }

    private async Task<(string Early, string Late)> TwoFirmwareRollOutsOnOneDayAsync(string type = "Firmware")
    {
        var date = TestDates.Next();
        var lateBody = Bodies.Change(date, type, startHour: 22);
        lateBody["deviceCombinations"] = Bodies.Devices("ESME");
        var earlyBody = Bodies.Change(date, type, startHour: 20);
        earlyBody["deviceCombinations"] = Bodies.Devices("ESME", "GSME");
        var references = await AloneInTheQueueAsync(lateBody, earlyBody);
        return (references[1], references[0]);
    }

    /// <summary>
    /// Supplier A's ended two-hour firmware roll-outs to HAN-connected auxiliary load control switches (a device type
    /// no other test here names), reviewed: the first <paramref name="overran"/> overran, the rest went as planned.
    /// </summary>
    private async Task PastHanRollOutsAsync(int count, int overran)
    {
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<ChangeCoordinationDb>>().CreateDbContextAsync();
        var organisation = await db.Organisations.SingleAsync(o => o.Name == "Supplier A");
        for (var i = 0; i < count; i++)
        {
            var start = AppFactory.Now.AddDays(-60 + i);
            db.Changes.Add(new Change
            {
                Reference = $"CHG-{90000 + i}",
                OrganisationId = organisation.Id,
                Kind = ChangeKind.Planned,
                Type = ChangeType.Firmware,
                Start = start,
                End = start.AddHours(2),
                Description = "HCALCS firmware",
                DeviceCombinations = [new DeviceCombination([DeviceType.HCALCS], SmetsGeneration.SMETS2, "Acme", "H1", "2.0.0")],
                Status = ChangeStatus.Assessed,
                Probability = Probability.Likely,
                AssessedAt = start.AddDays(-10),
                AssessedBy = DemoUsers.Assessor,
                NotifiedBy = DemoUsers.SupplierA,
                NotifiedAt = start.AddDays(-30),
                WindowNotifiedAt = start.AddDays(-30),
                UpdatedAt = start.AddDays(1),
                Revision = 3,
                Review = new ChangeReview { Outcome = i < overran ? ReviewOutcome.Overran : ReviewOutcome.AsPlanned, ReviewedAt = start.AddDays(1), ReviewedBy = DemoUsers.SupplierA },
            });
        }

        await db.SaveChangesAsync();
    }

    /// <summary>Notifies the changes (as Supplier A, in this order) and assesses everything else in the queue, so that the queue holds these alone.</summary>
    private async Task<IReadOnlyList<string>> AloneInTheQueueAsync(params Dictionary<string, object?>[] bodies)
    {
        var supplier = await App.ClientForAsync(DemoUsers.SupplierA);
        var references = new List<string>();
        foreach (var body in bodies)
        {
            references.Add((await supplier.NotifyAsync(body)).Reference());
        }

        var assessor = await App.ClientForAsync(DemoUsers.Assessor);
        foreach (var queued in (await assessor.GetJsonAsync("/api/v1/assessment-queue")).EnumerateArray())
        {
            if (!references.Contains(queued.Reference()))
            {
                await assessor.AssessAsync(queued.Reference(), queued.Revision(), "Unlikely");
            }
        }

        return references;
    }

    /// <summary>Opens the desk as if on <paramref name="now"/>: the queue is the same, only the page's idea of what has ended moves.</summary>
    private IRenderedComponent<AssessPage> RenderOn(DateTimeOffset now)
    {
        PageClock.SetUtcNow(now);
        return Render<AssessPage>();
    }
}
