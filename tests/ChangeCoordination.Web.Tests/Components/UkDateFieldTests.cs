using Bunit;
using ChangeCoordination.Web.Components.Forms;

namespace ChangeCoordination.Web.Tests.Components;

/// <summary>The one date entry and the one time entry of every page: typed day first and on the 24-hour clock, whatever the browser's locale.</summary>
public sealed class UkDateFieldTests : ComponentTest
{
    private DateOnly? date = new(2026, 1, 1);
    private TimeOnly? time = new(22, 0);

    [Fact]
    public void A_date_typed_day_first_is_read_day_first()
    {
        var field = RenderDate();

        field.Find("input").Change("08/12/2026");

        Assert.Equal(new DateOnly(2026, 12, 8), date);
        Assert.Empty(field.FindAll(".mud-input-error"));
    }

    [Fact]
    public void A_date_picked_shows_as_dd_mm_yyyy()
    {
        var field = RenderDate();

        field.Render(p => p.Add(f => f.Value, new DateOnly(2027, 3, 4)));

        Assert.Equal("04/03/2027", field.Find("input").GetAttribute("value"));
    }

    [Fact]
    public async Task A_date_picked_in_the_calendar_is_typed_into_the_field()
    {
        var popovers = Render<MudBlazor.MudPopoverProvider>();
        var field = RenderDate();
        field.Find("button[aria-label='Start date: choose in a calendar']").Click();

        var calendar = popovers.FindComponent<MudBlazor.MudDatePicker>().Instance;
        await field.InvokeAsync(() => calendar.DateChanged.InvokeAsync(new DateTime(2027, 2, 3)));

        Assert.Equal(new DateOnly(2027, 2, 3), date);
        Assert.Equal("03/02/2027", field.Find("input").GetAttribute("value"));
    }

    [Theory]
    [InlineData("12/25/2026", "There is no month 25: type the day first, as dd/mm/yyyy (25/12/2026).")]
    [InlineData("2026-12-25", "Type the date day first, as dd/mm/yyyy: 25/12/2026.")]
    [InlineData("31/02/2027", "There is no 31/02/2027: type a real date as dd/mm/yyyy, for example 08/12/2027.")]
    [InlineData("next Tuesday", "Type the date as dd/mm/yyyy, for example 08/12/2026.")]
    public void A_date_that_is_not_day_first_says_what_to_type_and_gives_no_date(string typed, string message)
    {
        var field = RenderDate();

        field.Find("input").Change(typed);

        Assert.Null(date);
        Assert.Equal(message, field.Find(".mud-input-helper-text").TextContent.Trim());
    }

    [Fact]
    public void A_required_date_emptied_says_so()
    {
        var field = RenderDate(required: "Give the first frozen day as dd/mm/yyyy.");

        field.Find("input").Change("");

        Assert.Null(date);
        Assert.Equal("Give the first frozen day as dd/mm/yyyy.", field.Find(".mud-input-helper-text").TextContent.Trim());
    }

    [Fact]
    public void A_date_fixed_after_a_wrong_one_clears_the_message()
    {
        var field = RenderDate();
        field.Find("input").Change("2026-12-25");

        field.Find("input").Change("25/12/2026");

        Assert.Equal(new DateOnly(2026, 12, 25), date);
        Assert.Empty(field.FindAll(".mud-input-error"));
        Assert.Equal("dd/mm/yyyy", field.Find(".mud-input-helper-text").TextContent.Trim());
    }

    [Fact]
    public void The_pages_problem_shows_under_the_field_until_the_text_itself_is_wrong()
    {
        var field = RenderDate();
        field.Render(p => p.Add(f => f.ErrorText, "End must be after start."));
        Assert.Equal("End must be after start.", field.Find(".mud-input-helper-text").TextContent.Trim());

        field.Find("input").Change("12/25/2026");

        Assert.StartsWith("There is no month 25", field.Find(".mud-input-helper-text").TextContent.Trim(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("20:00", 20, 0)]
    [InlineData("2:30", 2, 30)]
    [InlineData("0730", 7, 30)]
    public void A_time_typed_on_the_24_hour_clock_is_read_and_shown_as_hh_mm(string typed, int hour, int minute)
    {
        var field = RenderTime();

        field.Find("input").Change(typed);

        Assert.Equal(new TimeOnly(hour, minute), time);
        Assert.Equal(UkDates.Format(new TimeOnly(hour, minute)), field.Find("input").GetAttribute("value"));
    }

    [Theory]
    [InlineData("8pm")]
    [InlineData("24:00")]
    [InlineData("12:75")]
    public void A_time_not_on_the_24_hour_clock_says_what_to_type(string typed)
    {
        var field = RenderTime();

        field.Find("input").Change(typed);

        Assert.Null(time);
        Assert.Equal("Type the time on the 24-hour clock as hh:mm, for example 20:00 or 02:30.", field.Find(".mud-input-helper-text").TextContent.Trim());
        Assert.Equal(typed, field.Find("input").GetAttribute("value"));
    }

    private IRenderedComponent<UkDateField> RenderDate(string? required = null) => Render<UkDateField>(p => p
        .Add(f => f.Label, "Start date")
        .Add(f => f.Value, date)
        .Add(f => f.RequiredMessage, required)
        .Add(f => f.ValueChanged, value => date = value));

    private IRenderedComponent<UkTimeField> RenderTime() => Render<UkTimeField>(p => p
        .Add(f => f.Label, "Start time")
        .Add(f => f.Value, time)
        .Add(f => f.ValueChanged, value => time = value));
}
