namespace ChangeCoordination.Web.Tests.Infrastructure;

/// <summary>A theory over SQLite database files (copied, read as bytes): skipped on a PostgreSQL run.</summary>
public sealed class SqliteTheoryAttribute : TheoryAttribute
{
    public SqliteTheoryAttribute()
    {
        if (TestDatabase.IsPostgreSql)
        {
            Skip = "SQLite only: the test opens database files an earlier release made.";
        }
    }
}
