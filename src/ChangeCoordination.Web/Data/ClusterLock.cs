using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace ChangeCoordination.Web.Data;

/// <summary>
/// A lock shared by every server of an installation, for work that must run on one server at a time: migrating and
/// seeding at start-up, the e-mail outbox, the support-plan bookkeeping, the red-day notices, retention. On PostgreSQL it is an advisory lock held by
/// a transaction of its own (<c>pg_advisory_xact_lock</c>), so it is released when the holder finishes or its
/// connection dies; the work itself uses its own contexts. SQLite serves one server, whose own locks suffice.
/// </summary>
public sealed class ClusterLock(IDbContextFactory<ChangeCoordinationDb> dbFactory)
{
    /// <summary>Waits until no other server holds the lock called <paramref name="name"/>, then holds it until disposed.</summary>
    public async Task<IAsyncDisposable> TakeAsync(string name, CancellationToken cancellationToken)
    {
        var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!db.Database.IsNpgsql())
        {
            await db.DisposeAsync();
            return Held.None;
        }

        try
        {
            // The wait lasts as long as the holder's work (a first start seeds the demo year): no command timeout.
            db.Database.SetCommandTimeout(0);
            var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({"change-coordination:" + name}))", cancellationToken);
            return new Held(db, transaction);
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    private sealed class Held(ChangeCoordinationDb? db, IDbContextTransaction? transaction) : IAsyncDisposable
    {
        public static readonly Held None = new(null, null);

        public async ValueTask DisposeAsync()
        {
            if (transaction is not null)
            {
                await transaction.DisposeAsync();
            }

            if (db is not null)
            {
                await db.DisposeAsync();
            }
        }
    }
}
