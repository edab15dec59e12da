using ChangeCoordination.Web.Api;
using ChangeCoordination.Web.Features;
using ChangeCoordination.Web.Identity;
using ChangeCoordination.Web.Observability;
using Microsoft.EntityFrameworkCore;

namespace ChangeCoordination.Web.Data;

/// <summary>A row written under If-Match: its revision is the ETag the API answers, and each write moves it on by one.</summary>
public interface IRevisioned
{
    int Revision { get; set; }
}

/// <summary>One write of a revisioned row, as its feature describes it to <see cref="RevisionedWriter"/>.</summary>
/// <param name="Load">Loads the row the caller may write, tracked; null when there is none (or none for the caller).</param>
/// <param name="Subject">What the audit event names: the row's reference.</param>
/// <param name="Change">
/// Changes the loaded row, or says why not: returns a refusal (409), or adds to the field errors (400); either way nothing
/// is saved.
/// </param>
/// <param name="Respond">The row as the caller now sees it, after the commit.</param>
public sealed record RevisionedWrite<TRow, TResponse>(
    Func<ChangeCoordinationDb, CancellationToken, Task<TRow?>> Load,
    Func<TRow, string> Subject,
    Func<TRow, FieldErrors, string?> Change,
    Func<ChangeCoordinationDb, TRow, CancellationToken, Task<TResponse>> Respond)
    where TRow : class, IRevisioned
{
    /// <summary>When false, a write without If-Match goes ahead; one with If-Match is still checked.</summary>
    public bool RequireIfMatch { get; init; } = true;

    /// <summary>
    /// Called once the revision moved on and before anything is saved: stamps the row and computes what follows the
    /// commit (the ledger's move), throwing when that cannot be done so that nothing is committed. Returns what to do
    /// once the write committed.
    /// </summary>
    public Func<TRow, Action?>? Prepare { get; init; }

    /// <summary>What the write adds beside the row once the row itself is saved (its history, more audit), in the same transaction.</summary>
    public Action<ChangeCoordinationDb, TRow>? Beside { get; init; }

    /// <summary>The audit event's action; the write's kind when not given.</summary>
    public string? AuditAction { get; init; }
}

/// <summary>
/// The one write path of a revisioned row. In one transaction it loads the row, checks If-Match, lets the feature
/// change the row (or refuse, changing nothing), moves the revision on, saves the row on its own first, then the audit
/// event and what the write adds beside it, and commits. A writer that loses the race to another of the same revision
/// is told the revision that won.
/// </summary>
public sealed class RevisionedWriter(IDbContextFactory<ChangeCoordinationDb> dbFactory, AuditTrail audit, AppMetrics metrics)
{
    public Task<Outcome<TResponse>> WriteAsync<TRow, TResponse>(string kind, Caller caller, int? ifMatch, RevisionedWrite<TRow, TResponse> write, CancellationToken cancellationToken)
        where TRow : class, IRevisioned =>
        metrics.MeasureWriteAsync(kind, () => WriteOnceAsync(kind, caller, ifMatch, write, cancellationToken));

    private async Task<Outcome<TResponse>> WriteOnceAsync<TRow, TResponse>(string kind, Caller caller, int? ifMatch, RevisionedWrite<TRow, TResponse> write, CancellationToken cancellationToken)
        where TRow : class, IRevisioned
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await write.Load(db, cancellationToken) is not { } row)
        {
            return Outcome.NotFound<TResponse>();
        }

        if (ifMatch is null && write.RequireIfMatch)
        {
            return Outcome.PreconditionRequired<TResponse>();
        }

        if (ifMatch is { } expected && expected != row.Revision)
        {
            return Outcome.Stale<TResponse>(row.Revision);
        }

        var errors = new FieldErrors();
        if (write.Change(row, errors) is { } refusal)
        {
            return Outcome.Conflict<TResponse>(refusal);
        }

        if (errors.Any)
        {
            return Outcome.Invalid<TResponse>(errors);
        }

        row.Revision++;
        var committed = write.Prepare?.Invoke(row);
        try
        {
            // The row on its own first: its revision check makes a concurrent writer of the same revision wait and then
            // find it stale. Saved together with rows added beside it, PostgreSQL could run such a row's insert first and
            // fail the writer on a unique index (the revision history's) instead.
            await db.SaveChangesAsync(cancellationToken);
            audit.Record(db, caller, write.AuditAction ?? kind, write.Subject(row));
            write.Beside?.Invoke(db, row);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome.Stale<TResponse>(row.Revision - 1);
        }

        committed?.Invoke();
        return Outcome.Done(await write.Respond(db, row, cancellationToken));
    }
}
