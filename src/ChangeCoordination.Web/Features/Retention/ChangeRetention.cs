using System.ComponentModel.DataAnnotations;
using ChangeCoordination.Core;
using ChangeCoordination.Web.Data;
using ChangeCoordination.Web.Features.Calendar;
using ChangeCoordination.Web.Features.Changes;
using ChangeCoordination.Web.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChangeCoordination.Web.Features.Retention;

/// <summary>The <c>Retention</c> configuration section.</summary>
public sealed class RetentionSettings
{
    /// <summary>Years from archive to disposal (DOMAIN.md: seven).</summary>
    [Range(1, 100)]
    public int DisposeAfterYears { get; set; } = 7;

    /// <summary>How often the retention service looks for changes to archive or dispose of.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan RunEvery { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>What one pass of the retention service did.</summary>
public sealed record RetentionRun(IReadOnlyList<string> Archived, IReadOnlyList<string> Disposed);

/// <summary>
/// Retention (DOMAIN.md, "Who may see what"): a change is archived the methodology's archive delay after it ends
/// (read-only from then on, still counted on its days), and disposed of the configured years after archive: the
/// change, its revisions and the notifications and e-mails about it are deleted (SQLite overwrites them:
/// <c>secure_delete</c>), leaving a tombstone of reference and disposal date. Every step is audited, without details.
/// </summary>
public sealed partial class ChangeRetention(
    IDbContextFactory<ChangeCoordinationDb> dbFactory,
    RuleBook rules,
    RiskLedger ledger,
    AuditTrail audit,
    FieldProtection protection,
    TimeProvider clock,
    IOptions<RetentionSettings> settings,
    ClusterLock clusterLock,
    ILogger<ChangeRetention> logger) : BackgroundService
{
    private const int Batch = 200;

    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>One pass: archives what is due, then disposes of what is due, at the app clock's now.</summary>
    public async Task<RetentionRun> RunOnceAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            await using var held = await clusterLock.TakeAsync("retention", cancellationToken);
            protection.EnsureKey();
            var now = clock.GetUtcNow();
            var archived = await ArchiveAsync(now, cancellationToken);
            var disposed = await DisposeAsync(now, cancellationToken);
            return new RetentionRun(archived, disposed);
        }
        finally
        {
            gate.Release();
        }
    }

    public override void Dispose()
    {
        gate.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.Value.RunEvery, clock);
        do
        {
            try
            {
                var run = await RunOnceAsync(stoppingToken);
                if (run.Archived.Count + run.Disposed.Count > 0)
                {
                    LogRun(logger, run.Archived.Count, run.Disposed.Count);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException and not OutOfMemoryException)
            {
                LogRunFailed(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task<List<string>> ArchiveAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var endedBefore = now - TimeSpan.FromDays(rules.Methodology.ArchiveAfterDays);
        var archived = new List<string>();
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var due = await db.Changes
                .Where(c => c.ArchivedAt == null && c.End <= endedBefore)
                .OrderBy(c => c.Id)
                .Take(Batch)
                .ToListAsync(cancellationToken);
            if (due.Count == 0)
            {
                return archived;
            }

            foreach (var change in due)
            {
                change.ArchivedAt = now;
                if (change.Status != ChangeStatus.Cancelled)
                {
                    change.Status = ChangeStatus.Archived;
                }

                change.Revision++;
                change.UpdatedAt = now;
                ChangeService.AddRevision(db, change, RevisionAction.Archived, AuditTrail.System, now);
                audit.RecordSystem(db, "change.archived", change.Reference);
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                // A person wrote one of these changes meanwhile: the next pass archives them at their new revision.
                return archived;
            }

            foreach (var change in due)
            {
                ledger.Record(change);
                archived.Add(change.Reference);
            }
        }
    }

    private async Task<List<string>> DisposeAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var archivedBefore = now.AddYears(-settings.Value.DisposeAfterYears);
        var disposed = new List<string>();
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var due = await db.Changes.AsNoTracking()
                .Where(c => c.ArchivedAt != null && c.ArchivedAt <= archivedBefore)
                .OrderBy(c => c.Id)
                .Select(c => new { c.Id, c.Reference, c.Revision })
                .Take(Batch)
                .ToListAsync(cancellationToken);
            if (due.Count == 0)
            {
                return disposed;
            }

            var ids = due.Select(c => c.Id).ToList();
            var links = due.Select(c => $"changes/{c.Reference}").ToList();
            await db.ChangeRevisions.Where(r => ids.Contains(r.ChangeId)).ExecuteDeleteAsync(cancellationToken);
            await db.Notifications.Where(n => n.Link != null && links.Contains(n.Link)).ExecuteDeleteAsync(cancellationToken);
            foreach (var change in due)
            {
                var link = $"/changes/{change.Reference}";
                await db.Outbox.Where(e => e.Body.EndsWith(link)).ExecuteDeleteAsync(cancellationToken);
            }

            await db.Changes.Where(c => ids.Contains(c.Id)).ExecuteDeleteAsync(cancellationToken);
            foreach (var change in due)
            {
                db.DisposedChanges.Add(new DisposedChange { Reference = change.Reference, DisposedAt = now });
                audit.RecordSystem(db, "change.disposed", change.Reference);
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            foreach (var change in due)
            {
                ledger.Forget(change.Id, change.Revision);
                disposed.Add(change.Reference);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention archived {Archived} changes and disposed of {Disposed}.")]
    private static partial void LogRun(ILogger logger, int archived, int disposed);

    [LoggerMessage(Level = LogLevel.Error, Message = "The retention pass failed; the next pass tries again.")]
    private static partial void LogRunFailed(ILogger logger, Exception exception);
}
