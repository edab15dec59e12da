using ChangeCoordination.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ChangeCoordination.Web.Tests.Infrastructure;

/// <summary>
/// A test app's own fresh database: an SQLite file in the temporary folder, or, when <c>CC_TEST_DATABASE=PostgreSQL</c>,
/// a database of its own (<c>cc_test_&lt;guid&gt;</c>) on the server of <c>CC_TEST_POSTGRES</c> (an admin connection
/// string whose role may create databases), dropped on dispose.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    public const string ProviderVariable = "CC_TEST_DATABASE";
    public const string ServerVariable = "CC_TEST_POSTGRES";
    private const int DropAttempts = 4;
    private const string DefaultServer = "Host=127.0.0.1;Port=5432;Username=cc_test;Password=cc_test;Database=postgres";

    private TestDatabase(DatabaseProvider provider, string connectionString, string name)
    {
        Provider = provider;
        ConnectionString = connectionString;
        Name = name;
    }

    /// <summary>The provider this test run uses.</summary>
    public static DatabaseProvider RunProvider { get; } =
        string.Equals(Environment.GetEnvironmentVariable(ProviderVariable), nameof(DatabaseProvider.PostgreSQL), StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.PostgreSQL
            : DatabaseProvider.Sqlite;

    public static bool IsPostgreSql => RunProvider == DatabaseProvider.PostgreSQL;

    public DatabaseProvider Provider { get; }

    /// <summary>The app's connection string (<c>ConnectionStrings:ChangeCoordination</c>).</summary>
    public string ConnectionString { get; }

    /// <summary>SQLite: the file's path; PostgreSQL: the database's name.</summary>
    public string Name { get; }

    private static string Server => Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } server ? server : DefaultServer;

    /// <summary>A fresh, empty database of the run's provider; <paramref name="prefix"/> names it for whoever looks.</summary>
    public static TestDatabase Create(string prefix)
    {
        if (!IsPostgreSql)
        {
            var path = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}.db");
            return new TestDatabase(DatabaseProvider.Sqlite, $"Data Source={path}", path);
        }

        return CreatePostgreSql();
    }

    /// <summary>A fresh, empty PostgreSQL database whatever the run's provider, for what only PostgreSQL serves (several servers).</summary>
    public static TestDatabase CreatePostgreSql()
    {
        var name = $"cc_test_{Guid.NewGuid():N}";
        Admin($"CREATE DATABASE \"{name}\"");
        var connection = new NpgsqlConnectionStringBuilder(Server) { Database = name }.ConnectionString;
        return new TestDatabase(DatabaseProvider.PostgreSQL, connection, name);
    }

    /// <summary>Points the app at this database.</summary>
    public void Apply(IWebHostBuilder builder)
    {
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting($"ConnectionStrings:{DataExtensions.ConnectionName}", ConnectionString);
    }

    /// <summary>Removes the database while an app may still be using it.</summary>
    public void Drop()
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(Name + suffix);
            }

            return;
        }

        using (var connection = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        // FORCE ends the database's sessions but waits only 5 s for them to go; on a loaded machine one may take
        // longer (55006, object in use), so the drop is tried again, a little later each time, before it gives up.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Admin($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
                return;
            }
            catch (PostgresException) when (attempt < DropAttempts)
            {
                Thread.Sleep(TimeSpan.FromSeconds(attempt));
            }
        }
    }

    /// <summary>
    /// Drops the database after the tests; one the server still refuses to drop is left on the throwaway test server
    /// (and said on standard error) rather than failing tests that all passed.
    /// </summary>
    public void Dispose()
    {
        try
        {
            Drop();
        }
        catch (PostgresException e)
        {
            Console.Error.WriteLine($"Test database {Name} left behind: {e.SqlState} {e.MessageText}");
        }
    }

    private static void Admin(string sql)
    {
        using var connection = new NpgsqlConnection(Server);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
