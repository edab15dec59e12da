using Bunit;
using ChangeCoordination.Core;
using ChangeCoordination.Web.Data;
using ChangeCoordination.Web.Features.Changes;
using ChangeCoordination.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace ChangeCoordination.Web.Tests.Components;

/// <summary>My organisation's changes and one change's page: the list, its CSV, the revision diff and cancelling.</summary>
public sealed class ChangePagesTests(CalendarAppFactory app) : ChangePageTest(app)
{
    [Fact]
    public async Task The_list_shows_only_the_callers_organisations_changes_and_searches_them()
    {
        var mine = await NotifyAsync();
        var other = Caller with { OrganisationId = Caller.OrganisationId + 1, OrganisationName = "Supplier B" };
        var theirs = (await Service.NotifyAsync(other, new ChangeInput("Planned", "Firmware", "2027-01-13T20:00:00+00:00", "2027-01-13T22:00:00+00:00", "Theirs.", [new(["ESME"], "SMETS2", null, null, null)]), CancellationToken.None)).Value!;

        var page = Render<ChangesPage>();
        page.WaitForAssertion(() => Assert.Contains(mine.Reference, page.Find("[data-testid='changes-grid']").TextContent, StringComparison.Ordinal));

        Assert.DoesNotContain(theirs.Reference, page.Markup, StringComparison.Ordinal);
        var search = page.FindComponents<MudTextField<string>>().Single(f => f.Instance.Label == "Search").Instance;
        await page.InvokeAsync(() => search.ValueChanged.InvokeAsync("no such words"));
        Assert.Contains("No change matches these filters.", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_list_says_what_each_change_is_and_shows_its_window_on_one_line()
    {
        var described = await NotifyAsync("2027-01-12T20:00:00+00:00", "2027-01-13T02:00:00+00:00");
        var unplanned = (await Service.NotifyAsync(Caller, new ChangeInput("Unplanned", "BusinessCritical", "2026-12-03T20:00:00+00:00", "2026-12-03T23:00:00+00:00", null, null), CancellationToken.None)).Value!;

        var page = Render<ChangesPage>();
        page.WaitForAssertion(() => Assert.Contains(unplanned.Reference, page.Find("[data-testid='changes-grid']").TextContent, StringComparison.Ordinal));

        var headers = page.FindAll("[data-testid='changes-grid'] thead th").Select(h => h.TextContent.Trim()).ToList();
        Assert.Contains("Summary", headers);
        var rows = page.FindAll("[data-testid='changes-grid'] tbody tr");
        var first = rows.Single(r => r.TextContent.Contains(unplanned.Reference, StringComparison.Ordinal));
        Assert.Contains("Business-critical change · no description yet", System.Text.RegularExpressions.Regex.Replace(first.QuerySelector("td.changes-summary")!.TextContent, @"\s+", " "), StringComparison.Ordinal);
        Assert.Contains("Thu 3 Dec 20:00 – 23:00", first.TextContent, StringComparison.Ordinal);
        Assert.Contains("Business-critical change", first.TextContent, StringComparison.Ordinal);
        Assert.Contains("Awaiting assessment", first.TextContent, StringComparison.Ordinal);
        Assert.Contains("Unplanned", first.TextContent, StringComparison.Ordinal);
        var second = rows.Single(r => r.TextContent.Contains(described.Reference, StringComparison.Ordinal));
        var summary = second.QuerySelector("td.changes-summary .changes-description")!;
        Assert.Equal("Head-end upgrade.", summary.TextContent);
        Assert.Equal("Head-end upgrade.", summary.GetAttribute("title"));
        Assert.Contains("Tue 12 Jan 2027 20:00 – Wed 13 Jan 2027 02:00", second.TextContent, StringComparison.Ordinal);
        Assert.Contains("User System change", second.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("UserSystem", second.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_CSV_export_holds_the_rows_shown()
    {
        var change = await NotifyAsync();

        var page = Render<ChangesPage>();
        page.WaitForAssertion(() => Assert.Contains(change.Reference, page.Markup, StringComparison.Ordinal));

        var link = page.Find("[data-testid='export-csv']");
        Assert.StartsWith("changes-", link.GetAttribute("download"), StringComparison.Ordinal);
        var base64 = link.GetAttribute("href")!.Split(',')[1];
        var csv = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(base64));
        Assert.Contains(change.Reference + ",Planned,UserSystem,", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_change_shows_what_each_revision_changed()
    {
        var change = await NotifyAsync();
        await Service.UpdateAsync(Caller, change.Reference, 1, new ChangeInput("Planned", "UserSystem", "2027-01-12T20:00:00+00:00", "2027-01-12T23:00:00+00:00", "Head-end upgrade.", null), CancellationToken.None);

        var page = Render<ChangeDetailPage>(p => p.Add(c => c.Reference, change.Reference));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll(".revision[data-revision='2']")));

        var diff = page.Find(".revision[data-revision='2'] .diff-table").TextContent;
        Assert.Contains("Outage window", diff, StringComparison.Ordinal);
        Assert.Contains("Tue 12 Jan 2027 20:00 to 22:00 GMT", diff, StringComparison.Ordinal);
        Assert.Contains("Tue 12 Jan 2027 20:00 to 23:00 GMT", diff, StringComparison.Ordinal);
        Assert.DoesNotContain("Description", diff, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_disposed_change_says_when_it_was_disposed_of_and_nothing_more()
    {
        await using (var db = await DbFactory.CreateDbContextAsync())
        {
            db.DisposedChanges.Add(new DisposedChange { Reference = "CHG-99001", DisposedAt = new DateTimeOffset(2034, 3, 1, 2, 0, 0, TimeSpan.Zero) });
            await db.SaveChangesAsync();
        }

        var page = Render<ChangeDetailPage>(p => p.Add(c => c.Reference, "CHG-99001"));

        page.WaitForAssertion(() => Assert.Contains("CHG-99001 was disposed of on Wed 1 Mar 2034", page.Find("[data-testid='disposed']").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cancelling_asks_for_a_reason_then_cancels()
    {
        var change = await NotifyAsync();
        var page = Render<ChangeDetailPage>(p => p.Add(c => c.Reference, change.Reference));
        page.WaitForAssertion(() => Assert.Contains("Cancel this change", page.Markup, StringComparison.Ordinal));

        // Found and clicked on the renderer's own thread: a database that answers asynchronously (PostgreSQL) lets the
        // page render again between a Find and a Click made from the test's thread.
        await page.InvokeAsync(() => page.FindAll("button").Single(b => b.TextContent.Contains("Cancel this change", StringComparison.Ordinal)).ClickAsync(new MouseEventArgs()));
        await page.InvokeAsync(() => CancelButton(page).ClickAsync(new MouseEventArgs()));
        Assert.Contains("Say why it is cancelled", page.Markup, StringComparison.Ordinal);

        var reason = page.FindComponents<MudTextField<string>>().Single(f => f.Instance.Label == "Reason").Instance;
        await page.InvokeAsync(() => reason.ValueChanged.InvokeAsync("The supplier postponed the release."));
        await page.InvokeAsync(() => CancelButton(page).ClickAsync(new MouseEventArgs()));

        page.WaitForAssertion(() => Assert.Contains("is cancelled", page.Find("[data-testid='detail-message']").TextContent, StringComparison.Ordinal));
        Assert.Equal(ChangeStatus.Cancelled, (await Service.GetAsync(Caller, change.Reference, CancellationToken.None))!.Status);
        Assert.Contains("The supplier postponed the release.", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_organisations_change_is_not_found()
    {
        var other = Caller with { OrganisationId = Caller.OrganisationId + 1, OrganisationName = "Supplier B" };
        var theirs = (await Service.NotifyAsync(other, new ChangeInput("Unplanned", "UserSystem", "2026-12-03T20:00:00+00:00", "2026-12-03T22:00:00+00:00", null, null), CancellationToken.None)).Value!;

        var page = Render<ChangeDetailPage>(p => p.Add(c => c.Reference, theirs.Reference));

        page.WaitForAssertion(() => Assert.Contains($"There is no change {theirs.Reference} of your organisation's", page.Markup, StringComparison.Ordinal));
    }

    private static AngleSharp.Dom.IElement CancelButton(IRenderedComponent<ChangeDetailPage> page) =>
        page.FindAll(".cancel-actions button").First(b => b.TextContent.StartsWith("Cancel CHG-", StringComparison.Ordinal));
}
