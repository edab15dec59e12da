using ChangeCoordination.Web.Api;
using ChangeCoordination.Web.Data;
using ChangeCoordination.Web.Features.Changes;
using ChangeCoordination.Web.Features.Days;
using ChangeCoordination.Web.Identity;
using ChangeCoordination.Web.Live;
using Microsoft.EntityFrameworkCore;

namespace ChangeCoordination.Web.Features.Support;

public sealed record AssignmentInput(string? TocLead, string? MajorIncidentContact);

public sealed record ChecklistInput(bool? BriefingSent, bool? DashboardsPrepared, bool? UsersContacted, bool? HandoverDone);

public sealed record LogInput(string? Text);

/// <summary>A support plan with the reason for it: the changes that make its day Red.</summary>
public sealed record SupportPlanView(SupportPlanResponse Plan, IReadOnlyList<DayTimelineRow> RedChanges);

/// <summary>
/// The work on high-risk days: a DCC Manager assigns the TOC monitoring lead and the Major Incident Management
/// contact, the TOC acknowledges and works the checklist, anyone on the DCC's staff adds to the log. Every write
/// checks the plan's revision, is logged on the plan and audited, and is published on the <see cref="SupportPlanFeed"/>.
/// </summary>
public sealed class SupportPlanService(
    IDbContextFactory<ChangeCoordinationDb> dbFactory,
    DayReader days,
    SupportPlanFeed feed,
    TimeProvider clock,
    RevisionedWriter writer)
{
    public const int NameMaxLength = 200;

    /// <summary>Plans from <paramref name="from"/> on, unassigned first, then by date; stood-down plans last.</summary>
    public async Task<IReadOnlyList<SupportPlanView>> UpcomingAsync(Caller caller, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var plans = await db.SupportPlans.AsNoTracking().Include(p => p.Log)
            .Where(p => p.Date >= from && p.Date <= to)
            .ToListAsync(cancellationToken);
        var views = new List<SupportPlanView>();
        foreach (var plan in plans.OrderBy(p => p.State == SupportPlanState.StoodDown).ThenBy(p => p.State != SupportPlanState.Unassigned).ThenBy(p => p.Date))
        {
            var day = await days.ReadAsync(caller, plan.Date, cancellationToken);
            views.Add(new SupportPlanView(SupportPlanResponse.From(plan), [.. DayTimelineRow.From(day).Where(r => r.Risk == Core.RiskStatus.Red)]));
        }

        return views;
    }

    public Task<Outcome<SupportPlanResponse>> AssignAsync(Caller caller, DateOnly date, int? ifMatch, AssignmentInput input, CancellationToken cancellationToken) =>
        WriteAsync("support-plan.assigned", caller, date, ifMatch, (plan, errors) =>
        {
            var toc = InputParsing.Text(input.TocLead, "tocLead", NameMaxLength, errors, "Name the TOC monitoring lead.");
            var mim = InputParsing.Text(input.MajorIncidentContact, "majorIncidentContact", NameMaxLength, errors, "Name the Major Incident Management contact.");
            if (errors.Any)
            {
                return PlanStep.Invalid;
            }

            (plan.TocLead, plan.MajorIncidentContact) = (toc, mim);
            if (plan.State == SupportPlanState.Unassigned)
            {
                plan.State = SupportPlanState.Assigned;
            }

            return new PlanStep($"TOC monitoring lead {toc}; Major Incident Management {mim}.");
        }, cancellationToken);

    public Task<Outcome<SupportPlanResponse>> AcknowledgeAsync(Caller caller, DateOnly date, int? ifMatch, CancellationToken cancellationToken) =>
        WriteAsync("support-plan.acknowledged", caller, date, ifMatch, (plan, errors) =>
        {
            if (plan.State != SupportPlanState.Assigned)
            {
                return PlanStep.Refused(plan.State == SupportPlanState.Unassigned
                    ? "The plan has no leads yet: a DCC Manager assigns them before the TOC acknowledges."
                    : $"A plan that is {plan.State} cannot be acknowledged.");
            }

            plan.State = SupportPlanState.Acknowledged;
            (plan.AcknowledgedAt, plan.AcknowledgedBy) = (clock.GetUtcNow(), caller.Email);
            return new PlanStep("Acknowledged by the TOC.");
        }, cancellationToken);

    public Task<Outcome<SupportPlanResponse>> SetChecklistAsync(Caller caller, DateOnly date, int? ifMatch, ChecklistInput input, CancellationToken cancellationToken) =>
        WriteAsync("support-plan.checklist", caller, date, ifMatch, (plan, _) =>
        {
            var ticks = new List<string>();
            void Set(bool? value, bool current, Action<bool> apply, string name)
            {
                if (value is { } v && v != current)
                {
                    apply(v);
                    ticks.Add($"{name} {(v ? "done" : "not done")}");
                }
            }

            Set(input.BriefingSent, plan.BriefingSent, v => plan.BriefingSent = v, "briefing sent");
            Set(input.DashboardsPrepared, plan.DashboardsPrepared, v => plan.DashboardsPrepared = v, "monitoring dashboards prepared");
            Set(input.UsersContacted, plan.UsersContacted, v => plan.UsersContacted = v, "Users contacted");
            Set(input.HandoverDone, plan.HandoverDone, v => plan.HandoverDone = v, "hand-over done");
            return new PlanStep(ticks.Count == 0 ? "Checklist saved unchanged." : "Checklist: " + string.Join(", ", ticks) + ".");
        }, cancellationToken);

    public Task<Outcome<SupportPlanResponse>> AddLogAsync(Caller caller, DateOnly date, LogInput input, CancellationToken cancellationToken) =>
        WriteAsync("support-plan.logged", caller, date, ifMatch: null, (_, errors) =>
            new PlanStep(InputParsing.Text(input.Text, "text", ChangeLimits.RationaleMaxLength, errors, "Write the note to add to the log.")), cancellationToken, requireIfMatch: false);

    /// <summary>A write of one plan through the <see cref="RevisionedWriter"/>: logged on the plan, then published once committed.</summary>
    private Task<Outcome<SupportPlanResponse>> WriteAsync(
        string kind,
        Caller caller,
        DateOnly date,
        int? ifMatch,
        Func<SupportPlan, FieldErrors, PlanStep> write,
        CancellationToken cancellationToken,
        bool requireIfMatch = true)
    {
        string? logged = null;
        return writer.WriteAsync(kind, caller, ifMatch, new RevisionedWrite<SupportPlan, SupportPlanResponse>(
            (db, token) => db.SupportPlans.Include(p => p.Log).SingleOrDefaultAsync(p => p.Date == date, token),
            _ => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            (plan, errors) =>
            {
                var step = write(plan, errors);
                logged = step.Log;
                return step.Refusal;
            },
            (_, plan, _) => Task.FromResult(SupportPlanResponse.From(plan)))
        {
            RequireIfMatch = requireIfMatch,
            AuditAction = "support-plan.updated",
            Prepare = _ => () => feed.Publish([date]),
            Beside = (_, plan) =>
            {
                if (logged is { } text)
                {
                    plan.Log.Add(new SupportPlanLogEntry { At = clock.GetUtcNow(), By = caller.DisplayName.Length > 0 ? caller.DisplayName : caller.Email, Text = text });
                }
            },
        }, cancellationToken);
    }

    /// <summary>What one write did to the plan: the line it adds to the log (none when it named fields to fix), or why it does nothing.</summary>
    private sealed record PlanStep(string? Log, string? Refusal = null)
    {
        public static PlanStep Invalid { get; } = new(Log: null);

        public static PlanStep Refused(string refusal) => new(Log: null, refusal);
    }
}
