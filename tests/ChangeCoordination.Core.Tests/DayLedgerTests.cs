using ChangeCoordination.Core.Heatmap;
using ChangeCoordination.Core.Risk;

namespace ChangeCoordination.Core.Tests;

public class DayLedgerTests
{
    private static readonly DateOnly June10 = new(2026, 6, 10);
    private static readonly DateOnly June11 = new(2026, 6, 11);
    private static readonly DateOnly June12 = new(2026, 6, 12);

    /// <summary>20:00 to 23:00 London on one day of June 2026.</summary>
    private static OutageWindow Evening(DateOnly day) => London.Window(London.At(day.Year, day.Month, day.Day, 20), 3);

    /// <summary>20:00 on one day to 02:00 London on the next.</summary>
    private static OutageWindow Overnight(DateOnly day) => London.Window(London.At(day.Year, day.Month, day.Day, 20), 6);

    private static LedgerEntry External(long id, OutageWindow window, Impact impact, Probability? probability, long version = 1) =>
        new(new ChangeKey(ChangeSource.External, id), window, RiskRules.RangeOf(impact, probability, Methodology.Default), probability is null, version);

    private static LedgerEntry Internal(long id, OutageWindow window, int impactScore, int probabilityScore, long version = 1)
    {
        var risk = RiskRules.InternalRiskOf(impactScore, probabilityScore, Methodology.Default);
        return new(new ChangeKey(ChangeSource.Internal, id), window, new RiskRange(risk, risk), false, version);
    }

    private static DayLedger LedgerWith(params LedgerEntry[] entries)
    {
        var ledger = new DayLedger();
        ledger.Load(entries);
        return ledger;
    }

    [Fact]
    public void A_day_without_changes_is_White_in_every_view()
    {
        var ledger = new DayLedger();

        foreach (var view in Enum.GetValues<HeatmapView>())
        {
            Assert.Equal(DayStatus.Empty(June10), ledger.Get(view, June10));
            Assert.False(ledger.Get(view, June10).MayRise);
        }
    }

    [Fact]
    public void A_day_takes_the_highest_risk_among_its_changes()
    {
        var ledger = LedgerWith(
            External(1, Evening(June10), Impact.Major, Probability.Unlikely),
            External(2, Evening(June10), Impact.Moderate, Probability.Likely),
            Internal(3, Evening(June10), 1, 1));

        Assert.Equal(RiskStatus.Amber, ledger.Get(HeatmapView.Overall, June10).Status);

        ledger.Upsert(External(4, Evening(June10), Impact.Major, Probability.HighlyLikely));

        Assert.Equal(RiskStatus.Red, ledger.Get(HeatmapView.Overall, June10).Status);
    }

    [Fact]
    public void An_unassessed_change_counts_at_its_lowest_and_provisionally_at_its_highest()
    {
        var ledger = LedgerWith(External(1, Evening(June10), Impact.Major, null));

        Assert.Equal(new DayStatus(June10, RiskStatus.Green, RiskStatus.Red, 1, 1), ledger.Get(HeatmapView.Overall, June10));
        Assert.True(ledger.Get(HeatmapView.Overall, June10).MayRise);
    }

    [Fact]
    public void An_unassessed_Minor_change_cannot_make_the_day_rise()
    {
        var ledger = LedgerWith(External(1, Evening(June10), Impact.Minor, null));

        Assert.Equal(new DayStatus(June10, RiskStatus.Green, RiskStatus.Green, 1, 1), ledger.Get(HeatmapView.Overall, June10));
        Assert.False(ledger.Get(HeatmapView.Overall, June10).MayRise);
    }

    [Fact]
    public void A_day_already_at_the_highest_possible_risk_of_its_unassessed_changes_cannot_rise()
    {
        var ledger = LedgerWith(
            External(1, Evening(June10), Impact.Moderate, null),
            External(2, Evening(June10), Impact.Major, Probability.Likely));

        Assert.Equal(new DayStatus(June10, RiskStatus.Amber, RiskStatus.Amber, 2, 1), ledger.Get(HeatmapView.Overall, June10));
        Assert.False(ledger.Get(HeatmapView.Overall, June10).MayRise);
    }

    [Fact]
    public void The_three_heatmaps_apply_one_rule_to_their_own_changes()
    {
        var ledger = LedgerWith(
            External(1, Evening(June10), Impact.Moderate, Probability.Likely),
            External(2, Evening(June10), Impact.Major, null),
            Internal(1, Evening(June10), 5, 5));

        Assert.Equal(new DayStatus(June10, RiskStatus.Red, RiskStatus.Red, 3, 1), ledger.Get(HeatmapView.Overall, June10));
        Assert.Equal(new DayStatus(June10, RiskStatus.Amber, RiskStatus.Red, 2, 1), ledger.Get(HeatmapView.User, June10));
        Assert.Equal(new DayStatus(June10, RiskStatus.Red, RiskStatus.Red, 1, 0), ledger.Get(HeatmapView.Internal, June10));
    }

    [Fact]
    public void A_day_with_only_internal_changes_is_White_on_the_DCC_User_heatmap()
    {
        var ledger = LedgerWith(Internal(1, Evening(June10), 3, 3));

        Assert.Equal(DayStatus.Empty(June10), ledger.Get(HeatmapView.User, June10));
        Assert.Equal(RiskStatus.Amber, ledger.Get(HeatmapView.Overall, June10).Status);
        Assert.Equal(RiskStatus.Amber, ledger.Get(HeatmapView.Internal, June10).Status);
    }

    [Fact]
    public void External_and_internal_changes_with_the_same_number_are_different_changes()
    {
        var ledger = LedgerWith(External(7, Evening(June10), Impact.Minor, Probability.Likely), Internal(7, Evening(June10), 1, 1));

        Assert.Equal(2, ledger.Count);
        Assert.Equal(2, ledger.Get(HeatmapView.Overall, June10).ChangeCount);
    }

    [Fact]
    public void A_day_counts_its_changes_and_its_unassessed_changes()
    {
        var ledger = LedgerWith(
            External(1, Overnight(June10), Impact.Major, null),
            External(2, Evening(June11), Impact.Minor, null),
            External(3, Evening(June11), Impact.Major, Probability.Likely),
            Internal(4, Evening(June11), 2, 2));

        Assert.Equal(4, ledger.Count);
        Assert.Equal(new DayStatus(June10, RiskStatus.Green, RiskStatus.Red, 1, 1), ledger.Get(HeatmapView.Overall, June10));
        Assert.Equal(new DayStatus(June11, RiskStatus.Amber, RiskStatus.Red, 4, 2), ledger.Get(HeatmapView.Overall, June11));
        Assert.Equal(new DayStatus(June11, RiskStatus.Amber, RiskStatus.Red, 3, 2), ledger.Get(HeatmapView.User, June11));
        Assert.Equal(new DayStatus(June11, RiskStatus.Green, RiskStatus.Green, 1, 0), ledger.Get(HeatmapView.Internal, June11));
    }

    [Fact]
    public void A_range_lists_every_day_in_order_including_empty_ones()
    {
        var ledger = LedgerWith(External(1, Evening(June11), Impact.Major, Probability.HighlyLikely));

        Assert.Equal(
            [DayStatus.Empty(June10), new DayStatus(June11, RiskStatus.Red, RiskStatus.Red, 1, 0), DayStatus.Empty(June12)],
            ledger.Range(HeatmapView.Overall, June10, June12));
        Assert.Empty(ledger.Range(HeatmapView.Overall, June12, June10));
    }

    [Fact]
    public void A_range_ending_on_the_last_day_of_the_calendar_answers_each_day_and_stops()
    {
        var last = DateOnly.MaxValue;
        var ledger = LedgerWith(External(1, London.Window(new DateTimeOffset(9999, 12, 31, 20, 0, 0, TimeSpan.Zero), 3), Impact.Major, Probability.HighlyLikely));

        var days = ledger.Range(HeatmapView.Overall, last.AddDays(-1), last);

        Assert.Equal([RiskStatus.White, RiskStatus.Red], days.Select(d => d.Status));
    }

    [Fact]
    public void Adding_a_change_reports_each_day_it_covers_in_each_view_that_moved()
    {
        var ledger = new DayLedger();

        var changes = ledger.Upsert(External(1, Overnight(June10), Impact.Major, null));

        Assert.Equal(
            [
                new DayStatusChange(HeatmapView.Overall, June10, RiskStatus.Green, RiskStatus.Red),
                new DayStatusChange(HeatmapView.User, June10, RiskStatus.Green, RiskStatus.Red),
                new DayStatusChange(HeatmapView.Overall, June11, RiskStatus.Green, RiskStatus.Red),
                new DayStatusChange(HeatmapView.User, June11, RiskStatus.Green, RiskStatus.Red),
            ],
            changes);
    }

    [Fact]
    public void Adding_an_internal_change_reports_the_Overall_and_Internal_views()
    {
        var ledger = new DayLedger();

        var changes = ledger.Upsert(Internal(1, Evening(June10), 4, 4));

        Assert.Equal(
            [
                new DayStatusChange(HeatmapView.Overall, June10, RiskStatus.Red, RiskStatus.Red),
                new DayStatusChange(HeatmapView.Internal, June10, RiskStatus.Red, RiskStatus.Red),
            ],
            changes);
    }

    [Fact]
    public void Adding_a_change_that_moves_no_status_reports_nothing()
    {
        var ledger = LedgerWith(External(1, Evening(June10), Impact.Major, Probability.HighlyLikely));

        Assert.Empty(ledger.Upsert(External(2, Evening(June10), Impact.Moderate, null)));
        Assert.Equal(new DayStatus(June10, RiskStatus.Red, RiskStatus.Red, 2, 1), ledger.Get(HeatmapView.Overall, June10));
    }

    [Fact]
    public void Adding_a_change_reports_only_the_views_whose_status_moved()
    {
        var ledger = LedgerWith(Internal(1, Evening(June10), 5, 5));

        var changes = ledger.Upsert(External(2, Evening(June10), Impact.Moderate, Probability.Likely));

        Assert.Equal([new DayStatusChange(HeatmapView.User, June10, RiskStatus.Amber, RiskStatus.Amber)], changes);
    }

    [Fact]
    public void Moving_a_window_reports_the_days_it_left_and_the_days_it_reached()
    {
        var ledger = LedgerWith(External(1, Evening(June10), Impact.Moderate, Probability.Likely));

        var changes = ledger.Upsert(External(1, Evening(June12), Impact.Moderate, Probability.Likely, version: 2));

        Assert.Equal(
            [
                new DayStatusChange(HeatmapView.Overall, June10, RiskStatus.White, RiskStatus.White),
                new DayStatusChange(HeatmapView.User, June10, RiskStatus.White, RiskStatus.White),
                new DayStatusChange(HeatmapView.Overall, June12, RiskStatus.Amber, RiskStatus.Amber),
                new DayStatusChange(HeatmapView.User, June12, RiskStatus.Amber, RiskStatus.Amber),
            ],
            changes);
        Assert.Equal(1, ledger.Count);
        Assert.Equal(DayStatus.Empty(June10), ledger.Get(HeatmapView.Overall, June10));
    }

    [Fact]
    public void Moving_an_overnight_window_by_a_day_leaves_the_shared_day_unreported()
    {
        var ledger = LedgerWith(External(1, Overnight(June10), Impact.Major, Probability.Likely));

        var changes = ledger.Upsert(External(1, Overnight(June11), Impact.Major, Probability.Likely, version: 2));

        Assert.Equal(
            [
                new DayStatusChange(HeatmapView.Overall, June10, RiskStatus.White, RiskStatus.White),
                new DayStatusChange(HeatmapView.User, June10, RiskStatus.White, RiskStatus.White),
                new DayStatusChange(HeatmapView.Overall, June12, RiskStatus.Amber, RiskStatus.Amber),
                new DayStatusChange(HeatmapView.User, June12, RiskStatus.Amber, RiskStatus.Amber),
            ],
            changes);
        Assert.Equal(RiskStatus.Amber, ledger.Get(HeatmapView.Overall, June11).Status);
    }

    [Fact]
    public void Moving_a_window_onto_a_riskier_day_reports_only_the_day_it_left()
    {
        var ledger = LedgerWith(
            External(1, Evening(June10), Impact.Moderate, Probability.Likely),
            Internal(2, Evening(June12), 5, 4));

        var changes = ledger.Upsert(External(1, Evening(June12), Impact.Moderate, Probability.Likely, version: 2));

        Assert.Equal(
            [
                new DayStatusChange(HeatmapView.Overall, June10, RiskStatus.White, RiskStatus.White),
                new DayStatusChange(HeatmapView.User, June10, RiskStatus.White, RiskStatus.White),
                new DayStatusChange(HeatmapView.User, June12, RiskStatus.Amber, RiskStatus.Amber),
            ],
            changes);
    }

    [Fact]
    public void Assessing_a_change_reports_a_day_whose_provisional_status_moved_even_if_its_status_did_not()
    {
        var ledger = LedgerWith(External(1, Evening(June10), Impact.Major, null));

        var changes = ledger.Upsert(External(1, Evening(June10), Impact.Major, Probability.Unlikely, version: 2));

        Assert.Equal(
            [
                new DayStatusChange(HeatmapView.Overall, June10, RiskStatus.Green, RiskStatus.Green),
                new DayStatusChange(HeatmapView.User, June10, RiskStatus.Green, RiskStatus.Green),
            ],
            changes);
        Assert.Equal(new DayStatus(June10, RiskStatus.Green, RiskStatus.Green, 1, 0), ledger.Get(HeatmapView.Overall, June10));
    }

    [Fact]
    public void Replaying_the_current_revision_reports_nothing()
    {
        var entry = External(1, Evening(June10), Impact.Major, Probability.HighlyLikely);
        var ledger = LedgerWith(entry);

        Assert.Empty(ledger.Upsert(entry));
        Assert.Equal(1, ledger.Get(HeatmapView.Overall, June10).ChangeCount);
    }

    [Fact]
    public void An_older_revision_arriving_after_a_newer_one_is_ignored()
    {
        var ledger = new DayLedger();
        ledger.Upsert(External(1, Evening(June12), Impact.Major, Probability.HighlyLikely, version: 2));

        var changes = ledger.Upsert(External(1, Evening(June10), Impact.Minor, Probability.Unlikely, version: 1));

        Assert.Empty(changes);
        Assert.Equal(DayStatus.Empty(June10), ledger.Get(HeatmapView.Overall, June10));
        Assert.Equal(new DayStatus(June12, RiskStatus.Red, RiskStatus.Red, 1, 0), ledger.Get(HeatmapView.Overall, June12));
    }

    [Fact]
    public void Cancelling_a_change_returns_its_days_to_White()
    {
        var key = new ChangeKey(ChangeSource.Internal, 1);
        var ledger = LedgerWith(Internal(1, Overnight(June10), 3, 5));

        var changes = ledger.Remove(key, 2);

        Assert.Equal(
            [
                new DayStatusChange(HeatmapView.Overall, June10, RiskStatus.White, RiskStatus.White),
                new DayStatusChange(HeatmapView.Internal, June10, RiskStatus.White, RiskStatus.White),
                new DayStatusChange(HeatmapView.Overall, June11, RiskStatus.White, RiskStatus.White),
                new DayStatusChange(HeatmapView.Internal, June11, RiskStatus.White, RiskStatus.White),
            ],
            changes);
        Assert.Equal(0, ledger.Count);
        Assert.Equal(DayStatus.Empty(June10), ledger.Get(HeatmapView.Overall, June10));
        Assert.Equal(DayStatus.Empty(June11), ledger.Get(HeatmapView.Internal, June11));
    }

    [Fact]
    public void Cancelling_one_of_two_changes_leaves_the_other_on_the_day()
    {
        var ledger = LedgerWith(
            External(1, Evening(June10), Impact.Major, Probability.HighlyLikely),
            External(2, Evening(June10), Impact.Moderate, null));

        var changes = ledger.Remove(new ChangeKey(ChangeSource.External, 1), 1);

        Assert.Equal(
            [
                new DayStatusChange(HeatmapView.Overall, June10, RiskStatus.Green, RiskStatus.Amber),
                new DayStatusChange(HeatmapView.User, June10, RiskStatus.Green, RiskStatus.Amber),
            ],
            changes);
        Assert.True(ledger.Get(HeatmapView.User, June10).MayRise);
    }

    [Fact]
    public void Cancelling_an_unknown_change_reports_nothing()
    {
        var ledger = LedgerWith(External(1, Evening(June10), Impact.Major, Probability.HighlyLikely));

        Assert.Empty(ledger.Remove(new ChangeKey(ChangeSource.Internal, 1), 5));
        Assert.Equal(1, ledger.Count);
    }

    [Fact]
    public void A_cancellation_older_than_the_current_revision_is_ignored()
    {
        var ledger = LedgerWith(External(1, Evening(June10), Impact.Major, Probability.HighlyLikely, version: 3));

        Assert.Empty(ledger.Remove(new ChangeKey(ChangeSource.External, 1), 2));
        Assert.Equal(RiskStatus.Red, ledger.Get(HeatmapView.Overall, June10).Status);
    }

    [Fact]
    public void Loading_replaces_whatever_the_ledger_held()
    {
        var ledger = LedgerWith(External(1, Evening(June10), Impact.Major, Probability.HighlyLikely));

        ledger.Load([Internal(2, Evening(June12), 1, 2)]);

        Assert.Equal(1, ledger.Count);
        Assert.Equal(DayStatus.Empty(June10), ledger.Get(HeatmapView.Overall, June10));
        Assert.Equal(RiskStatus.Green, ledger.Get(HeatmapView.Overall, June12).Status);
    }

    [Fact]
    public void An_older_revision_arriving_after_the_cancellation_does_not_bring_the_change_back()
    {
        var key = new ChangeKey(ChangeSource.External, 1);
        var window = London.Window(London.At(2026, 6, 10, 20), 3);
        var ledger = new DayLedger();
        ledger.Upsert(new LedgerEntry(key, window, new RiskRange(RiskStatus.Red, RiskStatus.Red), false, 2));
        ledger.Remove(key, 3);

        var changes = ledger.Upsert(new LedgerEntry(key, window, new RiskRange(RiskStatus.Red, RiskStatus.Red), false, 2));

        Assert.Empty(changes);
        Assert.Equal(DayStatus.Empty(new DateOnly(2026, 6, 10)), ledger.Get(HeatmapView.Overall, new DateOnly(2026, 6, 10)));
    }

    [Fact]
    public void Loading_two_revisions_of_one_change_counts_only_the_later()
    {
        var key = new ChangeKey(ChangeSource.External, 1);
        var window = London.Window(London.At(2026, 6, 10, 20), 3);
        var ledger = new DayLedger();
        ledger.Load([
            new LedgerEntry(key, window, new RiskRange(RiskStatus.Red, RiskStatus.Red), false, 1),
            new LedgerEntry(key, window, new RiskRange(RiskStatus.Green, RiskStatus.Green), false, 2)]);

        Assert.Equal(RiskStatus.Green, ledger.Get(HeatmapView.Overall, new DateOnly(2026, 6, 10)).Status);
        ledger.Remove(key, 2);
        Assert.Equal(DayStatus.Empty(new DateOnly(2026, 6, 10)), ledger.Get(HeatmapView.Overall, new DateOnly(2026, 6, 10)));
    }

    [Fact]
    public void A_preview_says_how_each_day_would_move_and_changes_nothing()
    {
        var key = new ChangeKey(ChangeSource.External, 7);
        var window = London.Window(London.At(2026, 12, 8, 22), 4);
        var ledger = new DayLedger();
        ledger.Upsert(new LedgerEntry(key, window, new RiskRange(RiskStatus.Green, RiskStatus.Red), true, 1));
        var before = ledger.Range(HeatmapView.Overall, new DateOnly(2026, 12, 8), new DateOnly(2026, 12, 9));

        var preview = ledger.Preview(new LedgerEntry(key, window, new RiskRange(RiskStatus.Red, RiskStatus.Red), false, 2), HeatmapView.Overall);

        Assert.Equal(
            [(RiskStatus.Green, RiskStatus.Red, new DateOnly(2026, 12, 8)), (RiskStatus.Green, RiskStatus.Red, new DateOnly(2026, 12, 9))],
            preview.Select(p => (p.Before.Status, p.After.Status, p.After.Date)));
        Assert.Equal(before, ledger.Range(HeatmapView.Overall, new DateOnly(2026, 12, 8), new DateOnly(2026, 12, 9)));
    }
}
