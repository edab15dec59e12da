namespace ChangeCoordination.Web.Tests.Infrastructure;

/// <summary>A test of something only PostgreSQL has (servers sharing one database): skipped on an SQLite run.</summary>
public sealed class PostgreSqlFactAttribute : FactAttribute
{
    public PostgreSqlFactAttribute()
    {
        if (!TestDatabase.IsPostgreSql)
        {
            Skip = $"PostgreSQL only: run with {TestDatabase.ProviderVariable}=PostgreSQL.";
        }
    }
}
