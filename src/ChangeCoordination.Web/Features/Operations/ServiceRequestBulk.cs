using System.Data;
using System.Data.Common;
using ChangeCoordination.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace ChangeCoordination.Web.Features.Operations;

/// <summary>
/// Writes many service requests with one prepared statement on SQLite, with PostgreSQL's binary <c>COPY</c> there:
/// tens of thousands of rows a second where the change tracker manages a few thousand. Inside the context's
/// transaction when it has one, else in one of its own.
/// </summary>
public static class ServiceRequestBulk
{
    private const string Table = "\"ServiceRequests\" (\"RequestId\", \"Srv\", \"Smets\", \"Region\", \"Received\", \"Responded\", \"OutcomeCode\", \"AlertCode\", \"ImportedAt\")";

    private const string Insert =
        "INSERT INTO " + Table + " VALUES (@requestId, @srv, @smets, @region, @received, @responded, @outcomeCode, @alertCode, @importedAt)";

    private static readonly (string Name, DbType Type)[] Columns =
    [
        ("requestId", DbType.String), ("srv", DbType.String), ("smets", DbType.String), ("region", DbType.String),
        ("received", DbType.Int64), ("responded", DbType.Int64), ("outcomeCode", DbType.String), ("alertCode", DbType.String),
        ("importedAt", DbType.Int64),
    ];

    public static async Task InsertAsync(ChangeCoordinationDb db, IReadOnlyList<ServiceRequestRow> rows, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
            if (db.Database.GetDbConnection() is NpgsqlConnection postgres)
            {
                await CopyAsync(postgres, rows, cancellationToken);
            }
            else
            {
                await InsertEachAsync(db, rows, cancellationToken);
            }

            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task InsertEachAsync(ChangeCoordinationDb db, IReadOnlyList<ServiceRequestRow> rows, CancellationToken cancellationToken)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        command.CommandText = Insert;
        var parameters = Columns.Select(column => Parameter(command, column.Name, column.Type)).ToArray();
        await command.PrepareAsync(cancellationToken);
        foreach (var row in rows)
        {
            object?[] values =
            [
                row.RequestId, row.Srv, row.Smets.ToString(), row.Region.ToString(), row.Received.UtcTicks, row.Responded.UtcTicks,
                row.OutcomeCode, row.AlertCode, row.ImportedAt.UtcTicks,
            ];
            for (var i = 0; i < values.Length; i++)
            {
                parameters[i].Value = values[i] ?? DBNull.Value;
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>One <c>COPY ... FROM STDIN</c> in PostgreSQL's binary format, on the connection's open transaction.</summary>
    private static async Task CopyAsync(NpgsqlConnection connection, IReadOnlyList<ServiceRequestRow> rows, CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync($"COPY {Table} FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(row.RequestId, NpgsqlDbType.Varchar, cancellationToken);
            await importer.WriteAsync(row.Srv, NpgsqlDbType.Varchar, cancellationToken);
            await importer.WriteAsync(row.Smets.ToString(), NpgsqlDbType.Varchar, cancellationToken);
            await importer.WriteAsync(row.Region.ToString(), NpgsqlDbType.Varchar, cancellationToken);
            await importer.WriteAsync(row.Received.UtcTicks, NpgsqlDbType.Bigint, cancellationToken);
            await importer.WriteAsync(row.Responded.UtcTicks, NpgsqlDbType.Bigint, cancellationToken);
            await importer.WriteAsync(row.OutcomeCode, NpgsqlDbType.Varchar, cancellationToken);
            if (row.AlertCode is { } alert)
            {
                await importer.WriteAsync(alert, NpgsqlDbType.Varchar, cancellationToken);
            }
            else
            {
                await importer.WriteNullAsync(cancellationToken);
            }

            await importer.WriteAsync(row.ImportedAt.UtcTicks, NpgsqlDbType.Bigint, cancellationToken);
        }

        await importer.CompleteAsync(cancellationToken);
    }

    /// <summary>Typed before the statement is prepared: PostgreSQL prepares against the parameters' types.</summary>
    private static DbParameter Parameter(DbCommand command, string name, DbType type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        parameter.DbType = type;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
