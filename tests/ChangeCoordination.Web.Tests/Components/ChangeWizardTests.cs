using Bunit;
using ChangeCoordination.Core;
using ChangeCoordination.Web.Features.Changes;
using ChangeCoordination.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace ChangeCoordination.Web.Tests.Components;

/// <summary>The wizard, step by step: what each step asks, what it says when a value is wrong, and the values it derives live.</summary>
public sealed class ChangeWizardTests(CalendarAppFactory app) : ChangePageTest(app)
{
    // The base clock: Tuesday 1 December 2026, 10:00 GMT. 12 January 2027 gives 26 working days of notice; 10 December, 6.
    private static readonly DateTime OnTime = new(2027, 1, 12);
    private static readonly DateTime Late = new(2026, 12, 10);

    [Fact]
    public void The_first_step_asks_planned_or_unplanned_before_it_moves_on()
    {
        var wizard = RenderWizard();

        Next(wizard);

        Assert.Equal("Choose Planned or Unplanned.", wizard.Find("[data-testid='error-kind']").TextContent);
        Assert.Equal("Planned or unplanned", ActiveTitle(wizard));
    }

    [Fact]
    public async Task Each_type_says_when_to_choose_it()
    {
        var wizard = await AtTypeStepAsync();

        var hints = wizard.FindAll(".choice-hint").Select(h => h.TextContent).ToList();

        Assert.Equal(3, hints.Count);
        Assert.Contains(hints, h => h.Contains("firmware roll-out", StringComparison.Ordinal));
        Assert.Contains(hints, h => h.Contains("security fix", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_planned_firmware_deployment_must_name_its_devices_and_their_generation()
    {
        var wizard = await AtTypeStepAsync();
        await ChooseAsync<ChangeType?>(wizard, ChangeType.Firmware);

        Next(wizard);
        Assert.Contains("add at least one device combination", wizard.Find("[data-testid='error-devices-type-step']").TextContent, StringComparison.Ordinal);

        await CheckAsync(wizard, "ESME (electricity meter)");
        Next(wizard);

        Assert.Equal("Type", ActiveTitle(wizard));
        Assert.Contains("smets", wizard.Find(".combination .field-error").TextContent, StringComparison.Ordinal);

        await ChooseAsync<SmetsGeneration?>(wizard, SmetsGeneration.SMETS2);
        Next(wizard);
        Assert.Equal("Window", ActiveTitle(wizard));
    }

    [Fact]
    public async Task The_summary_shows_duration_complexity_impact_and_notice_as_the_window_is_typed()
    {
        var wizard = await AtWindowStepAsync(ChangeType.UserSystem);

        await WindowAsync(wizard, OnTime, new TimeSpan(20, 0, 0), OnTime, new TimeSpan(23, 30, 0));

        Assert.Equal("3 h 30 min", Summary(wizard, "duration"));
        Assert.StartsWith("Medium", Summary(wizard, "complexity"), StringComparison.Ordinal);
        Assert.Equal("Moderate", Summary(wizard, "impact"));
        Assert.Equal("26 working days before the start", Summary(wizard, "notice"));
        Assert.Equal("Wed 9 Dec 2026 gives 20 working days", Summary(wizard, "deadline"));
        Assert.Empty(wizard.FindAll("[data-testid='late-note']"));

        await WindowAsync(wizard, OnTime, new TimeSpan(20, 0, 0), OnTime, new TimeSpan(21, 0, 0));

        Assert.Equal("1 h", Summary(wizard, "duration"));
        Assert.Equal("Minor", Summary(wizard, "impact"));
    }

    [Fact]
    public async Task A_planned_change_under_twenty_working_days_gets_an_amber_note_but_may_go_on()
    {
        var wizard = await AtWindowStepAsync(ChangeType.UserSystem);

        await WindowAsync(wizard, Late, new TimeSpan(20, 0, 0), Late, new TimeSpan(22, 0, 0));

        Assert.Contains("6 working days of notice is under the recommended 20", wizard.Find("[data-testid='late-note']").TextContent, StringComparison.Ordinal);
        Next(wizard);
        Assert.Equal("Details", ActiveTitle(wizard));
    }

    [Fact]
    public async Task An_end_before_the_start_says_how_to_fix_it()
    {
        var wizard = await AtWindowStepAsync(ChangeType.UserSystem);

        await WindowAsync(wizard, OnTime, new TimeSpan(20, 0, 0), OnTime, new TimeSpan(2, 0, 0));

        Assert.Equal("End must be after start: the outage ends at 02:00 on the next day?", wizard.Find("[data-testid='error-end']").TextContent);
        Assert.Equal("needs a start and a later end", Summary(wizard, "duration"));
    }

    [Fact]
    public async Task A_missing_time_is_asked_for_in_UK_time()
    {
        var wizard = await AtWindowStepAsync(ChangeType.UserSystem);
        await TypeAsync(wizard, "Start date", Uk(OnTime));

        Assert.Equal("Give the start time in 24-hour UK time, for example 20:00.", wizard.Find("[data-testid='error-start']").TextContent);
    }

    [Fact]
    public async Task An_unplanned_change_more_than_twenty_working_days_away_is_sent_back_to_planned()
    {
        var wizard = await AtWindowStepAsync(ChangeType.UserSystem, ChangeKind.Unplanned);

        await WindowAsync(wizard, OnTime, new TimeSpan(20, 0, 0), OnTime, new TimeSpan(22, 0, 0));
        Next(wizard);

        Assert.Equal("Planned or unplanned", ActiveTitle(wizard));
        Assert.Contains("notify it as Planned", wizard.Find("[data-testid='error-kind']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_planned_change_needs_a_description_within_its_limit()
    {
        var wizard = await AtWindowStepAsync(ChangeType.UserSystem);
        await WindowAsync(wizard, OnTime, new TimeSpan(20, 0, 0), OnTime, new TimeSpan(22, 0, 0));
        Next(wizard);

        Next(wizard);

        Assert.Equal("Details", ActiveTitle(wizard));
        Assert.Contains("A planned change needs a description", wizard.Markup, StringComparison.Ordinal);
        Assert.Equal("4000", wizard.Find("textarea").GetAttribute("maxlength"));
    }

    [Fact]
    public async Task Submitting_notifies_the_change_and_says_what_happens_next()
    {
        var wizard = await AtWindowStepAsync(ChangeType.UserSystem);
        await WindowAsync(wizard, OnTime, new TimeSpan(20, 0, 0), OnTime, new TimeSpan(22, 0, 0));
        Next(wizard);
        await TypeAsync(wizard, "Description", "Firewall rules change on the head-end.");
        Next(wizard);

        Assert.Contains("Firewall rules change", wizard.Find("[data-testid='review']").TextContent, StringComparison.Ordinal);
        wizard.FindAll("button").Single(b => b.TextContent.Contains("Submit the change", StringComparison.Ordinal)).Click();

        wizard.WaitForAssertion(() => Assert.Contains("your reference is CHG-", wizard.Find("[data-testid='wizard-done']").TextContent, StringComparison.Ordinal));
        Assert.Contains("A DCC Assessor judges", wizard.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_change_submitted_in_the_wizard_is_audited_with_the_address_its_page_was_opened_from()
    {
        var wizard = await AtReviewAsync("Head-end certificate renewal.");

        wizard.FindAll("button").Single(b => b.TextContent.Contains("Submit the change", StringComparison.Ordinal)).Click();

        wizard.WaitForAssertion(() => Assert.Contains("your reference is CHG-", wizard.Find("[data-testid='wizard-done']").TextContent, StringComparison.Ordinal));
        var reference = (await ChangesTitledAsync("Head-end certificate renewal.")).Single();
        await using var db = await DbFactory.CreateDbContextAsync();
        var notified = await db.AuditEvents.SingleAsync(a => a.Action == "change.notified" && a.Subject == reference);
        Assert.Equal(DemoUsers.SupplierA, notified.Actor);
        Assert.Equal(PageAddress.Value, notified.FromAddress);
    }

    [Fact]
    public async Task Two_submits_that_reach_the_wizard_together_notify_one_change()
    {
        var wizard = await AtReviewAsync("Firewall rules for the second data centre.");
        var submit = wizard.FindComponents<MudButton>().Single(b => b.Markup.Contains("Submit the change", StringComparison.Ordinal)).Instance;

        // Both clicks are dispatched before either is rendered, as a double click reaches a circuit.
        await wizard.InvokeAsync(() => Task.WhenAll(submit.OnClick.InvokeAsync(), submit.OnClick.InvokeAsync()));

        wizard.WaitForAssertion(() => Assert.Contains("your reference is CHG-", wizard.Find("[data-testid='wizard-done']").TextContent, StringComparison.Ordinal));
        Assert.Single(await ChangesTitledAsync("Firewall rules for the second data centre."));
    }

    [Fact]
    public async Task An_edit_link_on_the_review_goes_back_to_its_step()
    {
        var change = await NotifyAsync();
        var wizard = Render<ChangeWizard>(p => p.Add(c => c.Reference, change.Reference));
        wizard.WaitForAssertion(() => Assert.Equal("Review", ActiveTitle(wizard)));

        wizard.Find("button[aria-label='Edit the outage window']").Click();

        Assert.Equal("Window", ActiveTitle(wizard));
    }

    [Fact]
    public async Task An_update_over_someone_elses_says_so_and_saves_nothing()
    {
        var change = await NotifyAsync();
        var wizard = Render<ChangeWizard>(p => p.Add(c => c.Reference, change.Reference));
        wizard.WaitForAssertion(() => Assert.Equal("Review", ActiveTitle(wizard)));
        await Service.UpdateAsync(Caller, change.Reference, change.Revision, new ChangeInput("Planned", "UserSystem", "2027-01-12T20:00:00+00:00", "2027-01-12T21:00:00+00:00", "Moved.", null), CancellationToken.None);

        wizard.FindAll("button").Single(b => b.TextContent.Contains("Submit the update", StringComparison.Ordinal)).Click();

        wizard.WaitForAssertion(() => Assert.Contains("it is now at revision 2", wizard.Find("[data-testid='stale']").TextContent, StringComparison.Ordinal));
        Assert.Equal("Moved.", (await Service.GetAsync(Caller, change.Reference, CancellationToken.None))!.Description);
    }

    private IRenderedComponent<ChangeWizard> RenderWizard() => Render<ChangeWizard>();

    private async Task<IRenderedComponent<ChangeWizard>> AtReviewAsync(string description)
    {
        var wizard = await AtWindowStepAsync(ChangeType.UserSystem);
        await WindowAsync(wizard, OnTime, new TimeSpan(20, 0, 0), OnTime, new TimeSpan(22, 0, 0));
        Next(wizard);
        await TypeAsync(wizard, "Description", description);
        Next(wizard);
        Assert.Equal("Review", ActiveTitle(wizard));
        return wizard;
    }

    /// <summary>The references of Supplier A's changes with this description, as the service lists them.</summary>
    private async Task<List<string>> ChangesTitledAsync(string description)
    {
        var from = DateOnly.FromDateTime(OnTime);
        var changes = await Service.ListAsync(Caller, from, from.AddDays(1), null, awaitingReview: false, CancellationToken.None);
        return [.. changes.Where(c => c.Description == description).Select(c => c.Reference)];
    }

    private async Task<IRenderedComponent<ChangeWizard>> AtTypeStepAsync(ChangeKind kind = ChangeKind.Planned)
    {
        var wizard = RenderWizard();
        await ChooseAsync<ChangeKind?>(wizard, kind);
        Next(wizard);
        return wizard;
    }

    private async Task<IRenderedComponent<ChangeWizard>> AtWindowStepAsync(ChangeType type, ChangeKind kind = ChangeKind.Planned)
    {
        var wizard = await AtTypeStepAsync(kind);
        await ChooseAsync<ChangeType?>(wizard, type);
        Next(wizard);
        Assert.Equal("Window", ActiveTitle(wizard));
        return wizard;
    }

    private static async Task WindowAsync(IRenderedComponent<ChangeWizard> wizard, DateTime startDate, TimeSpan startTime, DateTime endDate, TimeSpan endTime)
    {
        await TypeAsync(wizard, "Start date", Uk(startDate));
        await TypeAsync(wizard, "Start time", Uk(startTime));
        await TypeAsync(wizard, "End date", Uk(endDate));
        await TypeAsync(wizard, "End time", Uk(endTime));
    }

    private static string Uk(DateTime date) => date.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);

    private static string Uk(TimeSpan time) => time.ToString(@"hh\:mm", System.Globalization.CultureInfo.InvariantCulture);

    private static Task ChooseAsync<T>(IRenderedComponent<ChangeWizard> wizard, T value)
    {
        var group = wizard.FindComponents<MudRadioGroup<T>>()[0].Instance;
        return wizard.InvokeAsync(() => group.ValueChanged.InvokeAsync(value));
    }

    private static Task CheckAsync(IRenderedComponent<ChangeWizard> wizard, string label)
    {
        var box = wizard.FindComponents<MudCheckBox<bool>>().First(c => c.Instance.Label == label).Instance;
        return wizard.InvokeAsync(() => box.ValueChanged.InvokeAsync(true));
    }

    private static Task TypeAsync(IRenderedComponent<ChangeWizard> wizard, string label, string text)
    {
        var field = wizard.FindComponents<MudTextField<string>>().First(c => c.Instance.Label == label).Instance;
        return wizard.InvokeAsync(() => field.ValueChanged.InvokeAsync(text));
    }

    private static void Next(IRenderedComponent<ChangeWizard> wizard) =>
        wizard.FindAll(".wizard-actions button").Single(b => b.TextContent.Trim() == "Next").Click();

    private static string ActiveTitle(IRenderedComponent<ChangeWizard> wizard) =>
        wizard.Find(".mud-step.active .mud-step-label-content-title").TextContent.Trim();

    private static string Summary(IRenderedComponent<ChangeWizard> wizard, string what) =>
        wizard.Find($"[data-testid='summary-{what}']").TextContent.Trim();
}
