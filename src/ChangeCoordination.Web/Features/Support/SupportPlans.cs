using ChangeCoordination.Core;
using ChangeCoordination.Core.Heatmap;
using ChangeCoordination.Web.Data;
using ChangeCoordination.Web.Live;
using Microsoft.EntityFrameworkCore;

namespace ChangeCoordination.Web.Features.Support;

public sealed record SupportPlanResponse(
    DateOnly Date,
    SupportPlanState State,
    string? TocLead,
    string? MajorIncidentContact,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StoodDownAt)
{
    public static SupportPlanResponse From(SupportPlan plan) =>
        new(plan.Date, plan.State, plan.TocLead, plan.MajorIncidentContact, plan.CreatedAt, plan.StoodDownAt);
}

/// <summary>
/// Keeps a support plan for every high-risk (Overall Red) day: created when a day turns Red, stood down (never
/// deleted) when it stops being Red, brought back when it turns Red again.
/// </summary>
public sealed partial class SupportPlanKeeper(
    DayStatusFeed feed,
    RiskLedger ledger,
    IDbContextFactory<ChangeCoordinationDb> dbFactory,
    TimeProvider clock,
    ILogger<SupportPlanKeeper> logger) : IHostedService, IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private IDisposable? subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        subscription = feed.Subscribe(changes => ReconcileAsync(changes.Where(c => c.View == HeatmapView.Overall).Select(c => c.Date), CancellationToken.None));
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

        await gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var plans = await db.SupportPlans.Where(p => days.Contains(p.Date)).ToDictionaryAsync(p => p.Date, cancellationToken);
            var now = clock.GetUtcNow();
            foreach (var date in days)
            {
                var red = ledger.Get(HeatmapView.Overall, date).Status == RiskStatus.Red;
                plans.TryGetValue(date, out var plan);
                if (red && plan is null)
                {
                    db.SupportPlans.Add(new SupportPlan { Date = date, State = SupportPlanState.Unassigned, CreatedAt = now });
                }
                else if (red && plan!.State == SupportPlanState.StoodDown)
                {
                    plan.State = plan.TocLead is null || plan.MajorIncidentContact is null ? SupportPlanState.Unassigned : SupportPlanState.Assigned;
                    plan.StoodDownAt = null;
                }
                else if (!red && plan is { State: not SupportPlanState.StoodDown })
                {
                    plan.State = SupportPlanState.StoodDown;
                    plan.StoodDownAt = now;
                }
            }

            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception)
        {
            LogReconcileFailed(logger, exception, days.Count);
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose()
    {
        subscription?.Dispose();
        gate.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Support plans for {Count} days could not be brought up to date.")]
    private static partial void LogReconcileFailed(ILogger logger, Exception exception, int count);
}
