using Microsoft.EntityFrameworkCore;

namespace ChangeCoordination.Web.Data;

/// <summary>
/// The same model on PostgreSQL, as its own context type so that its migrations (<c>Data/Migrations/PostgreSql</c>)
/// live beside SQLite's in one assembly. Text columns use the "C" collation: strings compare and sort byte by byte,
/// as SQLite's BINARY collation does, so ordering and uniqueness are the same on both providers.
/// </summary>
public sealed class PostgreSqlChangeCoordinationDb(DbContextOptions<PostgreSqlChangeCoordinationDb> options, FieldProtection protection)
    : ChangeCoordinationDb(options, protection)
{
    public const string BinaryCollation = "C";

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        configurationBuilder.Properties<string>().UseCollation(BinaryCollation);
    }
}
