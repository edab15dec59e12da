using System.Data;
using System.Data.Common;
using ChangeCoordination.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace ChangeCoordination.Web.Features.Operations;

/// <summary>
/// Writes many service requests with one prepared statement: tens of thousands of rows a second where the change
/// tracker manages a few thousand. Inside the context's transaction when it has one, else in one of its own.
/// </summary>
public static class ServiceRequestBulk
{
    private const string Insert =
        "INSERT INTO \"ServiceRequests\" (\"RequestId\", \"Srv\", \"Smets\", \"Region\", \"Received\", \"Responded\", \"OutcomeCode\", \"AlertCode\", \"ImportedAt\") " +
        "VALUES (@requestId, @srv, @smets, @region, @received, @responded, @outcomeCode, @alertCode, @importedAt)";

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
