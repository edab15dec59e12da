using Bunit;
using ChangeCoordination.Core;
using ChangeCoordination.Core.Heatmap;
using ChangeCoordination.Core.Risk;
using ChangeCoordination.Web.Components.Heatmap;
using ChangeCoordination.Web.Features.Methodologies;

namespace ChangeCoordination.Web.Tests.Components;

public sealed class MethodologyComponentTests : ComponentTest
{
    private static readonly MethodologyValues InForce = MethodologyValues.Of(Methodology.Default);

    [Fact]
    public void The_editor_starts_from_the_values_in_force_and_saves_what_was_changed()
    {
        MethodologyVersionInput? saved = null;
        var editor = Render<MethodologyEditor>(p => p
            .Add(e => e.Initial, InForce)
            .Add(e => e.OnSave, input => saved = input));
        Assert.Equal("6", editor.Find("#largeAboveHours").GetAttribute("value"));

        editor.Find("#largeAboveHours").Change("8");
        editor.Find("select[data-cell='Moderate-HighlyLikely']").Change("Red");
        editor.Find("#summary").Change("Large from 8 hours.");
        editor.Find("[data-testid='save-draft']").Click();

        Assert.NotNull(saved);
        Assert.Equal("Large from 8 hours.", saved.Summary);
        Assert.Equal(8, saved.Values!.LargeAboveHours);
        Assert.Equal(RiskStatus.Red, saved.Values.Matrix.Single(m => m is { Impact: Impact.Moderate, Probability: Probability.HighlyLikely }).Risk);
        Assert.Equal(["largeAboveHours", "matrix"], Differences(InForce, saved.Values));
    }

    [Fact]
    public void The_editor_shows_each_error_beside_its_field()
    {
        var editor = Render<MethodologyEditor>(p => p
            .Add(e => e.Initial, InForce)
            .Add(e => e.Errors, new Dictionary<string, string[]>
            {
                ["values.largeAboveHours"] = ["The Large edge must be above the Medium edge (3 h): edges go in ascending order."],
                ["values.impacts"] = ["Set the impact of Firmware at Large: every cell of the table is needed."],
                ["values.internalScoreRanges[1].from"] = ["Amber must start at 7."],
            }));

        Assert.Contains("edges go in ascending order", editor.Find("#largeAboveHours").Closest(".mud-input-control")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Firmware at Large", editor.Find("[data-testid='impacts-error']").TextContent, StringComparison.Ordinal);
        Assert.Contains("Amber must start at 7.", editor.Find("#range-1-from").Closest(".mud-input-control")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Amber must start", editor.Find("#range-1-to").Closest(".mud-input-control")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_proposal_marks_what_differs_from_the_version_in_force_and_says_what_it_was()
    {
        var view = Render<MethodologyValuesView>(p => p
            .Add(v => v.Values, InForce with { LargeAboveHours = 8 })
            .Add(v => v.Baseline, InForce));

        var changed = Assert.Single(view.FindAll(".changed"));
        Assert.Equal("Large: over 8 hours (changed; was 6 hours)", changed.TextContent.Trim());
    }

    [Fact]
    public void A_marked_day_is_outlined_carries_a_delta_and_says_why()
    {
        var december = new DateOnly(2026, 12, 1);
        var days = Enumerable.Range(0, 31).Select(i => new HeatmapCell(DayStatus.Empty(december.AddDays(i)), false, null, null)).ToArray();
        days[7] = new HeatmapCell(new DayStatus(december.AddDays(7), RiskStatus.Amber, RiskStatus.Amber, 1, 0), false, null, null, "would change with version 2.0");

        var month = Render<CalendarBlock>(p => p
            .Add(c => c.Title, "December 2026")
            .Add(c => c.Start, december)
            .Add(c => c.Days, days)
            .Add(c => c.Version, 0)
            .Add(c => c.Interactive, false));

        var cell = month.Find("[data-date='2026-12-08']");
        Assert.Contains("marked", cell.ParentElement!.ClassList);
        Assert.Equal("Δ", cell.QuerySelector(".day-mark")!.TextContent);
        Assert.EndsWith("Amber, 1 change; would change with version 2.0", cell.GetAttribute("aria-label"), StringComparison.Ordinal);
        Assert.Single(month.FindAll("td.marked"));
    }

    [Fact]
    public void What_if_counts_the_days_by_move_in_words()
    {
        var day = new DateOnly(2027, 2, 1);
        DayDifference Move(int offset, RiskStatus from, RiskStatus to, RiskStatus rise) =>
            new(day.AddDays(offset), new DayStatus(day.AddDays(offset), from, rise, 1, 0), new DayStatus(day.AddDays(offset), to, to, 1, 0));
        var differences = Enumerable.Range(0, 14).Select(i => Move(i, RiskStatus.Amber, RiskStatus.Red, RiskStatus.Amber))
            .Append(Move(20, RiskStatus.Green, RiskStatus.Amber, RiskStatus.Green))
            .Append(Move(21, RiskStatus.Green, RiskStatus.Green, RiskStatus.Red))
            .ToList();

        Assert.Equal(
            "14 days Amber to Red and 1 day Green to Amber over the next 3 months; 1 day would change only in what it may rise to.",
            MethodologyText.WhatIf(differences, "over the next 3 months"));
        Assert.Equal("No day would change this month.", MethodologyText.WhatIf([], "this month"));
    }

    private static string[] Differences(MethodologyValues before, MethodologyValues after)
    {
        var names = new List<string>();
        if (before.MediumFromHours != after.MediumFromHours)
        {
            names.Add("mediumFromHours");
        }

        if (before.LargeAboveHours != after.LargeAboveHours)
        {
            names.Add("largeAboveHours");
        }

        if (!before.Impacts.OrderBy(i => (i.Type, i.Complexity)).SequenceEqual(after.Impacts.OrderBy(i => (i.Type, i.Complexity))))
        {
            names.Add("impacts");
        }

        if (!before.Matrix.OrderBy(m => (m.Impact, m.Probability)).SequenceEqual(after.Matrix.OrderBy(m => (m.Impact, m.Probability))))
        {
            names.Add("matrix");
        }

        if (!before.InternalScoreRanges.SequenceEqual(after.InternalScoreRanges))
        {
            names.Add("internalScoreRanges");
        }

        return [.. names];
    }
}
