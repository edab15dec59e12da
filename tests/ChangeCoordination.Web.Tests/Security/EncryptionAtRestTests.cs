using System.Text;
using ChangeCoordination.Web.Data;
using ChangeCoordination.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ChangeCoordination.Web.Tests.Security;

public sealed class EncryptionAtRestTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly string[] SecretWords = ["Quokka", "Marsupial", "Wombatronics", "WB-77", "Pangolin"];

    [Fact]
    public async Task The_database_file_holds_no_plaintext_of_a_description_device_details_or_rationale()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        var body = Bodies.Change(TestDates.Next(), "Firmware", description: "Quokka head-end rollout for Marsupial Street");
        body["deviceCombinations"] = new[] { new { devices = new[] { "ESME" }, smets = "SMETS2", manufacturer = "Wombatronics", model = "WB-77", firmwareVersion = "9.8.7" } };
        var created = await supplier.NotifyAsync(body);
        body["description"] = "Quokka head-end rollout, second wave";
        var updated = await supplier.UpdateAsync(created.Reference(), created.Revision(), body);
        using (var assessment = await assessor.SendJsonAsync(HttpMethod.Post, $"/api/v1/changes/{created.Reference()}/assessment", Bodies.Assessment("Likely", "Pangolin releases failed twice before."), updated.Revision()))
        {
            await assessment.ExpectAsync(System.Net.HttpStatusCode.OK);
        }

        var read = await supplier.GetJsonAsync($"/api/v1/changes/{created.Reference()}");
        Assert.Equal("Quokka head-end rollout, second wave", read.Text("description"));
        Assert.Equal("Wombatronics", read.GetProperty("deviceCombinations")[0].Text("manufacturer"));
        Assert.Equal("Pangolin releases failed twice before.", read.Text("assessmentRationale"));
        var revisions = await supplier.GetJsonAsync($"/api/v1/changes/{created.Reference()}/revisions");
        Assert.Equal("Quokka head-end rollout for Marsupial Street", revisions[0].GetProperty("change").Text("description"));

        var bytes = TestDatabase.IsPostgreSql ? await PostgreSqlRowsAsync() : await DatabaseBytesAsync();

        Assert.All(
            SecretWords,
            word => Assert.False(Contains(bytes, word), $"The database holds '{word}' in plaintext."));
        Assert.True(Contains(bytes, created.Reference()), "The reference is not encrypted, so the scan must find it: is the database the app's?");
    }

    [Fact]
    public async Task Data_written_under_an_old_key_still_reads_after_a_new_key_becomes_the_default()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var before = await supplier.NotifyAsync(Bodies.Change(TestDates.Next(), description: "Written under the first key"));
        var keys = app.Services.GetRequiredService<IKeyManager>();
        var first = Assert.Single(keys.GetAllKeys());

        // Data Protection keeps keys on the system clock, not the app's: the new key is active from this moment.
        var second = keys.CreateNewKey(activationDate: DateTimeOffset.UtcNow, expirationDate: first.ExpirationDate.AddDays(1));
        Assert.True(second.ActivationDate > first.ActivationDate);
        var probe = app.Services.GetRequiredService<FieldProtection>().For("key probe");
        await TestApi.EventuallyAsync(() => Task.FromResult(KeyOf(probe.Protect("probe"))), key => key == second.KeyId, "the key ring to take up the new default key");
        var after = await supplier.NotifyAsync(Bodies.Change(TestDates.Next(), description: "Written under the second key"));

        Assert.Equal(first.KeyId, await KeyOfDescriptionAsync(before.Reference()));
        Assert.Equal(second.KeyId, await KeyOfDescriptionAsync(after.Reference()));
        Assert.Equal("Written under the first key", (await supplier.GetJsonAsync($"/api/v1/changes/{before.Reference()}")).Text("description"));
        Assert.Equal("Written under the second key", (await supplier.GetJsonAsync($"/api/v1/changes/{after.Reference()}")).Text("description"));
    }

    private static bool Contains(byte[] haystack, string text) => haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;

    /// <summary>SQLite: the main file and the write-ahead log, after a checkpoint has moved the log into the file.</summary>
    private async Task<byte[]> DatabaseBytesAsync()
    {
        await using (var connection = new SqliteConnection(app.Database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await checkpoint.ExecuteNonQueryAsync();
        }

        var wal = app.Database.Name + "-wal";
        return [.. await ReadSharedAsync(app.Database.Name), .. File.Exists(wal) ? await ReadSharedAsync(wal) : []];
    }

    /// <summary>
    /// PostgreSQL keeps its files to its own account, so the scan reads what they hold instead: every row of every
    /// table of the app's database, each as PostgreSQL's own text of the whole row, read past the app.
    /// </summary>
    private async Task<byte[]> PostgreSqlRowsAsync()
    {
        await using var connection = new NpgsqlConnection(app.Database.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        Assert.Contains("Changes", tables);
        var text = new StringBuilder();
        foreach (var table in tables)
        {
            await using var rows = new NpgsqlCommand($"SELECT t::text FROM \"{table}\" t", connection);
            await using var reader = await rows.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                text.AppendLine(reader.GetString(0));
            }
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static async Task<byte[]> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    /// <summary>The key a stored description was protected with, read past the app's converters.</summary>
    private async Task<Guid> KeyOfDescriptionAsync(string reference)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<ChangeCoordinationDb>>().CreateDbContextAsync();
        var stored = await db.Database
            .SqlQueryRaw<string>("SELECT \"Description\" AS \"Value\" FROM \"Changes\" WHERE \"Reference\" = {0}", reference)
            .SingleAsync();
        return KeyOf(stored);
    }

    /// <summary>A Data Protection payload carries its key id after a 4-byte header.</summary>
    private static Guid KeyOf(string protectedText) => new(WebEncoders.Base64UrlDecode(protectedText).AsSpan(4, 16));
}
