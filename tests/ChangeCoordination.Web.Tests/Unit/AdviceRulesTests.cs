using ChangeCoordination.Core;
using ChangeCoordination.Web.Features.Assessment;
using ChangeCoordination.Web.Features.Reviews;

namespace ChangeCoordination.Web.Tests.Unit;

public sealed class AdviceRulesTests
{
    private const int Own = 1;
    private const int Other = 2;
    private static readonly DateTimeOffset Epoch = new(2026, 1, 5, 10, 0, 0, TimeSpan.Zero);

    private static readonly AdviceSubject Subject = new("CHG-NEW", Own, "Supplier A", ChangeType.UserSystem, Complexity.Small, []);

    [Fact]
    public void The_organisations_own_history_is_used_when_it_holds_enough_similar_changes()
    {
        var history = Past(Own, 10, wrong: 1).Concat(Past(Other, 20, wrong: 20, from: 100));

        var advice = AdviceRules.Advise(Subject, history);

        Assert.Equal((1, 10), (advice.WentWrong.Count, advice.WentWrong.Total));
        Assert.Equal(Probability.Unlikely, advice.Suggested);
        Assert.StartsWith("Supplier A's User System changes of Small complexity", advice.Similar, StringComparison.Ordinal);
    }

    [Fact]
    public void With_too_few_changes_of_its_own_every_users_similar_changes_are_used()
    {
        var history = Past(Own, 9, wrong: 9).Concat(Past(Other, 11, wrong: 0, from: 100));

        var advice = AdviceRules.Advise(Subject, history);

        Assert.Equal((9, 20), (advice.WentWrong.Count, advice.WentWrong.Total));
        Assert.Equal(Probability.Unlikely, advice.Suggested);
        Assert.StartsWith("every User's", advice.Similar, StringComparison.Ordinal);
    }

    [Fact]
    public void Changes_of_another_type_or_complexity_and_changes_whose_outcome_is_unknown_are_not_counted()
    {
        var history = Past(Own, 9, wrong: 0)
            .Concat(Past(Own, 5, wrong: 5, from: 20, type: ChangeType.BusinessCritical))
            .Concat(Past(Own, 5, wrong: 5, from: 40, complexity: Complexity.Large))
            .Concat(Past(Own, 5, wrong: 0, from: 60, outcome: null));

        var advice = AdviceRules.Advise(Subject, history);

        Assert.Null(advice.Suggested);
        Assert.Equal(9, advice.Evidence.Count);
        Assert.StartsWith("Too little history to advise: 9 similar changes with a known outcome", advice.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_firmware_roll_out_is_like_the_roll_outs_that_share_a_device_type_with_it()
    {
        var subject = Subject with { Type = ChangeType.Firmware, Devices = [DeviceType.ESME] };
        var history = Past(Own, 10, wrong: 10, type: ChangeType.Firmware, devices: [DeviceType.ESME, DeviceType.CommsHub])
            .Concat(Past(Own, 10, wrong: 0, from: 20, type: ChangeType.Firmware, devices: [DeviceType.GSME]));

        var advice = AdviceRules.Advise(subject, history);

        Assert.Equal((10, 10), (advice.WentWrong.Count, advice.WentWrong.Total));
        Assert.Equal(Probability.HighlyLikely, advice.Suggested);
        Assert.EndsWith("to ESME (electricity meter)", advice.Similar, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_latest_fifty_similar_changes_are_counted_latest_first()
    {
        var history = Past(Own, 40, wrong: 40).Concat(Past(Own, 50, wrong: 0, from: 100));

        var advice = AdviceRules.Advise(Subject, history);

        Assert.Equal((0, AdviceRules.MaximumHistory), (advice.WentWrong.Count, advice.WentWrong.Total));
        Assert.Equal(AdviceRules.MaximumHistory, advice.Evidence.Count);
        Assert.True(advice.Evidence[0].End > advice.Evidence[^1].End);
    }

    [Fact]
    public void An_incident_tied_to_a_change_reviewed_as_planned_counts_it_as_gone_wrong()
    {
        var history = Past(Own, 10, wrong: 0).Select((p, i) => i < 4 ? p with { Incidents = [$"INC-{i}"] } : p);

        var advice = AdviceRules.Advise(Subject, history);

        Assert.Equal((4, 10), (advice.WentWrong.Count, advice.WentWrong.Total));
        Assert.Equal(Probability.Unlikely, advice.Suggested);
        Assert.Equal(4, advice.Evidence.Count(e => e.WentWrong));
    }

    /// <summary>
    /// <paramref name="count"/> ended changes, a day apart from day <paramref name="from"/>; the first
    /// <paramref name="wrong"/> overran, the rest went as planned (or have <paramref name="outcome"/> when it is given as null).
    /// </summary>
    private static IEnumerable<PastChange> Past(
        int organisation,
        int count,
        int wrong,
        int from = 0,
        ChangeType type = ChangeType.UserSystem,
        Complexity complexity = Complexity.Small,
        DeviceType[]? devices = null,
        ReviewOutcome? outcome = ReviewOutcome.AsPlanned) =>
        Enumerable.Range(from, count).Select(day => new PastChange(
            $"CHG-{organisation}-{day:D3}",
            organisation,
            organisation == Own ? "Supplier A" : "Supplier B",
            type,
            complexity,
            devices ?? [],
            Epoch.AddDays(day),
            Epoch.AddDays(day).AddHours(2),
            Probability.Likely,
            outcome is null ? null : day - from < wrong ? ReviewOutcome.Overran : outcome,
            []));
}
