using Bunit;
using ChangeCoordination.Core;
using ChangeCoordination.Web.Components.Heatmap;
using ChangeCoordination.Web.Data;

namespace ChangeCoordination.Web.Tests.Components;

public sealed class CalendarHeatmapTests : ComponentTest
{
    private static readonly DateOnly From = new(2026, 12, 1);
    private static readonly DateOnly To = new(2027, 1, 31);

    [Fact]
    public void A_change_recorded_in_the_ledger_repaints_its_day_live()
    {
        var heatmap = RenderHeatmap(HeatmapView.Overall);

        Ledger.Record(RedChange(id: 1, new DateOnly(2026, 12, 8)));

        heatmap.WaitForAssertion(() => Assert.Contains("st-red", heatmap.Find("[data-date='2026-12-08']").ParentElement!.ClassList));
    }

    [Fact]
    public void A_live_update_repaints_only_the_month_whose_days_moved()
    {
        var heatmap = RenderHeatmap(HeatmapView.Overall);
        var months = heatmap.FindComponents<CalendarBlock>();
        var januaryRenders = months[1].RenderCount;
        var decemberRenders = months[0].RenderCount;

        Ledger.Record(RedChange(id: 2, new DateOnly(2026, 12, 9)));

        heatmap.WaitForAssertion(() => Assert.Equal(decemberRenders + 1, months[0].RenderCount));
        Assert.Equal(januaryRenders, months[1].RenderCount);
    }

    [Fact]
    public void The_DCC_Internal_heatmap_ignores_DCC_User_changes()
    {
        var heatmap = RenderHeatmap(HeatmapView.Internal);

        Ledger.Record(RedChange(id: 3, new DateOnly(2026, 12, 10)));

        Assert.Contains("st-white", heatmap.Find("[data-date='2026-12-10']").ParentElement!.ClassList);
    }

    [Fact]
    public void The_notice_line_marks_the_first_start_with_twenty_clear_working_days()
    {
        var heatmap = RenderHeatmap(HeatmapView.Overall);

        var expected = Rules.Calendar.FirstOnTimeStart(From, 20).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(expected, heatmap.Find("td.notice-line [data-date]").GetAttribute("data-date"));
    }

    [Fact]
    public void Disposing_the_heatmap_ends_its_subscription()
    {
        var before = Feed.SubscriberCount;
        var heatmap = RenderHeatmap(HeatmapView.Overall);
        Assert.Equal(before + 1, Feed.SubscriberCount);

        heatmap.Instance.Dispose();

        Assert.Equal(before, Feed.SubscriberCount);
    }

    private IRenderedComponent<CalendarHeatmap> RenderHeatmap(HeatmapView view) =>
        Render<CalendarHeatmap>(p => p.Add(c => c.View, view).Add(c => c.From, From).Add(c => c.To, To));

    private static Change RedChange(long id, DateOnly day) => new()
    {
        Id = id,
        Reference = $"CHG-{id:D5}",
        Type = ChangeType.BusinessCritical,
        Start = new DateTimeOffset(day.ToDateTime(new TimeOnly(20, 0)), TimeSpan.Zero),
        End = new DateTimeOffset(day.ToDateTime(new TimeOnly(22, 0)), TimeSpan.Zero),
        Probability = Probability.HighlyLikely,
        Status = ChangeStatus.Assessed,
        Revision = 1,
    };
}
