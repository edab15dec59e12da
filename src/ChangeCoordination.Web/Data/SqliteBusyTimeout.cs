using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ChangeCoordination.Web.Data;

/// <summary>
/// Lets SQLite itself wait for a concurrent writer (its busy handler backs off from 1 ms) instead of failing at
/// once into Microsoft.Data.Sqlite's fixed 150 ms retry sleep, which made concurrent writes queue badly.
/// </summary>
internal sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    private const string Pragma = "PRAGMA busy_timeout = 10000;";

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
