using System.Globalization;
using Bunit;
using ChangeCoordination.Core;
using ChangeCoordination.Web.Features.Changes;
using ChangeCoordination.Web.Features.Support;
using ChangeCoordination.Web.Features.Wall;
using ChangeCoordination.Web.Tests.Infrastructure;

namespace ChangeCoordination.Web.Tests.Components;

/// <summary>The wall's list of the next red days, which never scrolls and never hides a red day without saying so.</summary>
public sealed class WallRedDaysTests : BunitContext
{
    [Fact]
    public void Red_days_beyond_the_rows_the_wall_has_are_counted_with_the_date_of_the_last()
    {
        var days = RedDays(9);

        var list = Render<WallRedDays>(p => p.Add(c => c.Days, days).Add(c => c.HorizonDays, 90).Add(c => c.Rows, 7));

        Assert.Equal(days.Take(6).Select(d => d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), list.FindAll("tr").Select(r => r.GetAttribute("data-date")));
        var last = days[^1].Date.ToString("ddd d MMM", CultureInfo.GetCultureInfo("en-GB"));
        Assert.Equal($"+3 more red days to {last}", list.Find("[data-testid=more-red-days]").TextContent);
    }

    [Fact]
    public void Red_days_that_fill_the_rows_exactly_are_all_shown_with_no_more_line()
    {
        var list = Render<WallRedDays>(p => p.Add(c => c.Days, RedDays(7)).Add(c => c.HorizonDays, 90).Add(c => c.Rows, 7));

        Assert.Equal(7, list.FindAll("tr").Count);
        Assert.Empty(list.FindAll("[data-testid=more-red-days]"));
    }

    [Fact]
    public void A_red_day_of_one_change_says_change_in_the_singular()
    {
        var days = RedDays(3);
        days[0] = days[0] with { ChangeCount = 1 };

        var list = Render<WallRedDays>(p => p.Add(c => c.Days, days).Add(c => c.HorizonDays, 90).Add(c => c.Rows, 3));

        Assert.Equal("1 change", list.FindAll("tr")[0].QuerySelectorAll("td")[1].TextContent);
        Assert.Equal("2 changes", list.FindAll("tr")[1].QuerySelectorAll("td")[1].TextContent);
    }

    [Theory]
    [InlineData(0, "0 changes")]
    [InlineData(1, "1 change")]
    [InlineData(2, "2 changes")]
    public void A_count_names_its_thing_in_the_singular_only_for_one(int count, string expected) =>
        Assert.Equal(expected, ChangeText.Plural(count, "change"));

    /// <summary>Red days a week apart from tomorrow, the n-th with n + 1 changes.</summary>
    private static List<HighRiskDayResponse> RedDays(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new HighRiskDayResponse(TestClock.Today.AddDays(1 + (7 * i)), RiskStatus.Red, i + 1, 0, null))];
}
