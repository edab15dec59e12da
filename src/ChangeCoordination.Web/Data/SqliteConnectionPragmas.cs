using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ChangeCoordination.Web.Data;

/// <summary>
/// Per-connection settings, set on every connection the app opens. <c>busy_timeout</c>: SQLite itself waits for a
/// concurrent writer (its busy handler backs off from 1 ms) instead of failing at once into Microsoft.Data.Sqlite's
/// fixed 150 ms retry sleep, which made concurrent writes queue badly. <c>secure_delete</c>: deleted content is
/// overwritten with zeros, so a disposed change leaves nothing in the file (it is per connection, not stored).
/// </summary>
internal sealed class SqliteConnectionPragmas : DbConnectionInterceptor
{
    private const string Pragma = "PRAGMA busy_timeout = 10000; PRAGMA secure_delete = ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
