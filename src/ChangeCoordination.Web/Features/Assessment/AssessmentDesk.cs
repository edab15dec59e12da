using ChangeCoordination.Core;
using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Core.Heatmap;
using ChangeCoordination.Core.Risk;
using ChangeCoordination.Web.Api;
using ChangeCoordination.Web.Data;
using ChangeCoordination.Web.Features.Calendar;
using ChangeCoordination.Web.Features.Changes;
using ChangeCoordination.Web.Features.Freeze;
using ChangeCoordination.Web.Features.InternalChanges;
using ChangeCoordination.Web.Identity;
using ChangeCoordination.Web.Live;
using Microsoft.EntityFrameworkCore;

namespace ChangeCoordination.Web.Features.Assessment;

/// <summary>What else is going on while a change is out: the assessor's view of its window.</summary>
public sealed record ChangeContext(
    IReadOnlyList<ChangeResponse> Overlapping,
    IReadOnlyList<ChangeResponse> DeviceClashes,
    IReadOnlyList<InternalChangeResponse> InternalChanges,
    IReadOnlyList<DayStatus> Days,
    IReadOnlyList<RevisionResponse> PreviousAssessments,
    IReadOnlyList<FieldChange> SinceLastAssessment,
    IReadOnlyList<FreezeWindowResponse> Freezes);

/// <summary>How one day's Overall status would move: "Tue 8 Dec goes Amber to Red".</summary>
public sealed record DayEffect(DateOnly Date, RiskStatus Before, RiskStatus After);

/// <summary>The change's risk under a probability, and how each of its days would move.</summary>
public sealed record AssessmentPreview(RiskStatus Risk, IReadOnlyList<DayEffect> Days);

/// <summary>The assessor's desk: the context of a change and the effect of an assessment before it is made.</summary>
public sealed class AssessmentDesk(
    IDbContextFactory<ChangeCoordinationDb> dbFactory,
    ChangeService changes,
    InternalChangeService internalChanges,
    RiskLedger ledger,
    RuleBook rules,
    FreezeCalendar freezes,
    AssessmentAdvisor advisor)
{
    /// <summary>
    /// Assesses a change, from the page or the API alike, with the advice as it stands now recorded against the
    /// probability chosen (followed or overruled).
    /// </summary>
    public async Task<Outcome<ChangeResponse>> AssessAsync(Caller caller, string reference, int? ifMatch, AssessmentInput input, CancellationToken cancellationToken)
    {
        var advice = (await advisor.AdviseAsync([reference], cancellationToken)).GetValueOrDefault(reference);
        var given = advice is { Suggested: { } suggested } ? new AdviceGiven(suggested, advice.WentWrong.Count, advice.WentWrong.Total) : null;
        return await changes.AssessAsync(caller, reference, ifMatch, input, given, cancellationToken);
    }

    public async Task<ChangeContext> ContextAsync(Caller caller, ChangeResponse change, CancellationToken cancellationToken)
    {
        var window = new OutageWindow(change.Start, change.End);
        var days = LondonTime.DaysCovered(window).ToList();
        var dayStart = LondonTime.StartOf(days[0]);
        var dayEnd = LondonTime.StartOf(days[^1].AddDays(1));
        var sameDays = (await changes.OverlappingAsync(caller, dayStart, dayEnd, cancellationToken))
            .OfType<ChangeResponse>()
            .Where(c => c.Reference != change.Reference)
            .ToList();
        var overlapping = sameDays.Where(c => window.Overlaps(new OutageWindow(c.Start, c.End))).ToList();
        var clashes = sameDays.Where(c => Clash(change, c)).ToList();
        var internalList = (await internalChanges.ListAsync(days[0], days[^1], cancellationToken))
            .Where(c => c.Status == nameof(InternalChangeStatus.Scheduled) && window.Overlaps(new OutageWindow(c.Start, c.End)))
            .ToList();
        var revisions = await changes.RevisionsAsync(caller, change.Reference, cancellationToken) ?? [];
        var assessments = revisions.Where(r => r.Action == nameof(RevisionAction.Assessed)).ToList();
        var since = assessments.Count == 0 ? [] : RevisionDiff.Between(assessments[^1].Change, change);
        return new ChangeContext(overlapping, clashes, internalList, [.. days.Select(d => ledger.Get(HeatmapView.Overall, d))], assessments, since, freezes.Overlapping(window));
    }

    public async Task<AssessmentPreview?> PreviewAsync(string reference, Probability probability, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var change = await db.Changes.AsNoTracking().SingleOrDefaultAsync(c => c.Reference == reference, cancellationToken);
        if (change is null)
        {
            return null;
        }

        var methodology = rules.Timeline.For(LondonTime.DateOf(change.Start));
        var impact = RiskRules.ImpactOf(change.Type, new OutageWindow(change.Start, change.End), methodology);
        return new AssessmentPreview(
            RiskRules.RiskOf(impact, probability, methodology),
            [.. ledger.PreviewAssessment(change, probability).Select(p => new DayEffect(p.After.Date, p.Before.Status, p.After.Status))]);
    }

    /// <summary>Two firmware roll-outs to the same device type on the same day are a clash.</summary>
    public static bool Clash(ChangeResponse change, ChangeResponse other) =>
        change.Type == ChangeType.Firmware && other.Type == ChangeType.Firmware
        && (change.DeviceCombinations ?? []).SelectMany(d => d.Devices)
            .Intersect((other.DeviceCombinations ?? []).SelectMany(d => d.Devices))
            .Any();
}
