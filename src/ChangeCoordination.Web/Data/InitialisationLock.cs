using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ChangeCoordination.Web.Data;

/// <summary>
/// On PostgreSQL, a session-level advisory lock held on a connection of its own while a server migrates and seeds:
/// servers starting together take turns, and the later ones find everything done. SQLite is embedded in one server and
/// needs none.
/// </summary>
internal sealed class InitialisationLock : IAsyncDisposable
{
    /// <summary>The lock's key within the database ("CCInit" in ASCII): any number the product uses for nothing else.</summary>
    internal const long Key = 0x4343_496E_6974;

    private readonly NpgsqlConnection connection;

    private InitialisationLock(NpgsqlConnection connection) => this.connection = connection;

    /// <summary>Waits for the lock on PostgreSQL; on SQLite answers <c>null</c> at once.</summary>
    public static async Task<InitialisationLock?> TakeAsync(ChangeCoordinationDb db, CancellationToken cancellationToken)
    {
        if (!db.Database.IsNpgsql())
        {
            return null;
        }

        var connection = new NpgsqlConnection(db.Database.GetConnectionString());
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", Key);
            command.CommandTimeout = 0;
            await command.ExecuteNonQueryAsync(cancellationToken);
            return new InitialisationLock(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
            command.Parameters.AddWithValue("key", Key);
            await command.ExecuteNonQueryAsync();
        }
        finally
        {
            await connection.DisposeAsync();
        }
    }
}
