namespace ChangeCoordination.Web.Tests.Infrastructure;

/// <summary>A test of the SQLite database file itself (copied, read as bytes): skipped on a PostgreSQL run.</summary>
public sealed class SqliteFactAttribute : FactAttribute
{
    public SqliteFactAttribute()
    {
        if (TestDatabase.IsPostgreSql)
        {
            Skip = "SQLite only: the test copies the database file.";
        }
    }
}
