using ChangeCoordination.Core;
using ChangeCoordination.Core.Heatmap;
using ChangeCoordination.Web.Data;
using ChangeCoordination.Web.Live;
using Microsoft.EntityFrameworkCore;

namespace ChangeCoordination.Web.Features.Support;

public sealed record SupportPlanLogResponse(DateTimeOffset At, string By, string Text);

public sealed record SupportChecklistResponse(bool BriefingSent, bool DashboardsPrepared, bool UsersContacted, bool HandoverDone);

public sealed record SupportPlanResponse(
    DateOnly Date,
    SupportPlanState State,
    string? TocLead,
    string? MajorIncidentContact,
    DateTimeOffset CreatedAt,
    DateTimeOffset? AcknowledgedAt,
    string? AcknowledgedBy,
    DateTimeOffset? StoodDownAt,
    string? StoodDownCause,
    SupportChecklistResponse Checklist,
    int Revision,
    IReadOnlyList<SupportPlanLogResponse> Log)
{
    public static SupportPlanResponse From(SupportPlan plan) => new(
        plan.Date,
        plan.State,
        plan.TocLead,
        plan.MajorIncidentContact,
        plan.CreatedAt,
        plan.AcknowledgedAt,
        plan.AcknowledgedBy,
        plan.StoodDownAt,
        plan.StoodDownCause,
        new SupportChecklistResponse(plan.BriefingSent, plan.DashboardsPrepared, plan.UsersContacted, plan.HandoverDone),
        plan.Revision,
        [.. plan.Log.OrderBy(l => l.At).ThenBy(l => l.Id).Select(l => new SupportPlanLogResponse(l.At, l.By, l.Text))]);
}

/// <summary>
/// Keeps a support plan for every high-risk (Overall Red) day: created when a day turns Red, stood down (never
/// deleted) with its cause when it stops being Red, brought back when it turns Red again. Each move is logged
/// on the plan and published on the <see cref="SupportPlanFeed"/>.
/// </summary>
public sealed partial class SupportPlanKeeper(
    DayStatusFeed feed,
    SupportPlanFeed plansFeed,
    RiskLedger ledger,
    LiveBus bus,
    IDbContextFactory<ChangeCoordinationDb> dbFactory,
    TimeProvider clock,
    ClusterLock clusterLock,
    ILogger<SupportPlanKeeper> logger) : IHostedService, IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private IDisposable? subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        subscription = feed.Subscribe(changes =>
            // A server that has lost the bus judges days without the other servers' writes: it leaves the shared
            // plans alone, and the days its resync moves (on every server) are reconciled when the bus returns.
            bus.Status.State == LiveBusState.Lost
                ? Task.CompletedTask
                : ReconcileAsync(changes.Where(c => c.View == HeatmapView.Overall).Select(c => c.Date), CancellationToken.None));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        subscription?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Brings the plans of the given days in line with the ledger's Overall status.</summary>
    public async Task ReconcileAsync(IEnumerable<DateOnly> dates, CancellationToken cancellationToken)
    {
        var days = dates.Distinct().ToList();
        if (days.Count == 0)
        {
            return;
        }

        var moved = new List<DateOnly>();
        await gate.WaitAsync(cancellationToken);
        try
        {
            // Every server hears every moved day: one at a time, each finds what the other already did.
            await using var held = await clusterLock.TakeAsync("support-plans", cancellationToken);
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var plans = await db.SupportPlans.Where(p => days.Contains(p.Date)).ToDictionaryAsync(p => p.Date, cancellationToken);
            var now = clock.GetUtcNow();
            foreach (var date in days)
            {
                var status = ledger.Get(HeatmapView.Overall, date).Status;
                plans.TryGetValue(date, out var plan);
                if (status == RiskStatus.Red && plan is null)
                {
                    plan = new SupportPlan { Date = date, State = SupportPlanState.Unassigned, CreatedAt = now, Revision = 1 };
                    plan.Log.Add(new SupportPlanLogEntry { At = now, By = AuditTrail.System, Text = "The day turned Red: plan created." });
                    db.SupportPlans.Add(plan);
                    moved.Add(date);
                }
                else if (status == RiskStatus.Red && plan!.State == SupportPlanState.StoodDown)
                {
                    plan.State = plan.TocLead is null || plan.MajorIncidentContact is null ? SupportPlanState.Unassigned : SupportPlanState.Assigned;
                    (plan.StoodDownAt, plan.StoodDownCause, plan.AcknowledgedAt, plan.AcknowledgedBy) = (null, null, null, null);
                    plan.Revision++;
                    db.SupportPlanLog.Add(new SupportPlanLogEntry { SupportPlanId = plan.Id, At = now, By = AuditTrail.System, Text = "The day turned Red again: plan brought back; the TOC acknowledges it afresh." });
                    moved.Add(date);
                }
                else if (status != RiskStatus.Red && plan is { State: not SupportPlanState.StoodDown })
                {
                    plan.State = SupportPlanState.StoodDown;
                    plan.StoodDownAt = now;
                    plan.StoodDownCause = $"No longer Red: the day is now {status}.";
                    plan.Revision++;
                    db.SupportPlanLog.Add(new SupportPlanLogEntry { SupportPlanId = plan.Id, At = now, By = AuditTrail.System, Text = $"Stood down: {plan.StoodDownCause}" });
                    moved.Add(date);
                }
            }

            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception)
        {
            LogReconcileFailed(logger, exception, days.Count);
            moved.Clear();
        }
        finally
        {
            gate.Release();
        }

        plansFeed.Publish(moved);
    }

    public void Dispose()
    {
        subscription?.Dispose();
        gate.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Support plans for {Count} days could not be brought up to date.")]
    private static partial void LogReconcileFailed(ILogger logger, Exception exception, int count);
}
