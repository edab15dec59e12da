using ChangeCoordination.Core;
using ChangeCoordination.Web.Components.Forms;
using ChangeCoordination.Web.Features.InternalChanges;

namespace ChangeCoordination.Web.Tests.Unit;

/// <summary>The Forward Schedule entry's own checks: in the screen's words, one message a field, never the API's.</summary>
public class ScheduleEntryFormTests
{
    private static readonly DateOnly Day = new(2027, 1, 14);

    [Fact]
    public void An_empty_entry_names_each_field_in_the_screens_words()
    {
        var problems = new ScheduleEntryForm { StartTime = null, EndTime = null }.Problems();

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["title"] = "Title: give the change a title, for example 'Firewall rule update on the DSP'.",
                ["services"] = "Services: choose at least one service.",
                ["start"] = "Start: type the date as dd/mm/yyyy and the time as hh:mm.",
                ["end"] = "End: type the date as dd/mm/yyyy and the time as hh:mm.",
            },
            problems);
    }

    [Fact]
    public void A_missing_time_is_named_under_the_time_field()
    {
        var problems = Complete(f => f.EndTime = null).Problems();

        Assert.Equal(["endTime"], problems.Keys);
        Assert.Equal("End: type the time as hh:mm, on the 24-hour clock.", problems["endTime"]);
        Assert.Equal("end", ScheduleEntryForm.Group("endTime"));
    }

    [Fact]
    public void An_end_before_the_start_asks_whether_it_is_the_next_day()
    {
        var problems = Complete(f => f.EndDate = Day).Problems();

        Assert.Equal("End must be after start: the outage ends at 02:00 on the next day?", problems["end"]);
    }

    [Fact]
    public void A_complete_entry_has_no_problem_and_sends_London_instants_with_their_offset()
    {
        var form = Complete(_ => { });

        Assert.Empty(form.Problems());
        var input = form.ToInput();
        Assert.Equal("2027-01-14T22:00:00+00:00", input.Start);
        Assert.Equal("2027-01-15T02:00:00+00:00", input.End);
        Assert.Equal(["SelfServiceInterface"], input.Services);
    }

    [Fact]
    public void The_APIs_horizon_refusal_reads_in_the_screens_words()
    {
        var (field, message) = ScheduleEntryForm.Refusal("start", "'start' is outside the planning horizon: it must fall on a London day from 2024-12-01 to 2029-12-01.");

        Assert.Equal("start", field);
        Assert.DoesNotContain("'start'", message, StringComparison.Ordinal);
        Assert.StartsWith("Start:", message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_API_message_shown_on_a_page_has_its_dates_day_first()
    {
        Assert.Equal(
            "A version takes force on a future day: give a date after today (01/12/2026).",
            UkDates.Reworded("A version takes force on a future day: give a date after today (2026-12-01)."));
        Assert.Equal("Give the date the version takes force, as dd/mm/yyyy.", UkDates.Reworded("Give the date the version takes force, as YYYY-MM-DD."));
    }

    private static ScheduleEntryForm Complete(Action<ScheduleEntryForm> change)
    {
        var form = new ScheduleEntryForm
        {
            Title = "Firewall rule update on the DSP",
            Services = [DccService.SelfServiceInterface],
            StartDate = Day,
            EndDate = Day.AddDays(1),
        };
        change(form);
        return form;
    }
}
