using System.Text;
using ChangeCoordination.Web.Data;
using ChangeCoordination.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

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

        var bytes = await DatabaseBytesAsync();

        Assert.All(
            SecretWords,
            word => Assert.False(Contains(bytes, word), $"The database file holds '{word}' in plaintext."));
        Assert.True(Contains(bytes, created.Reference()), "The reference is not encrypted, so the scan must find it: is the file the app's?");
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

    /// <summary>The main file and the write-ahead log, after a checkpoint has moved the log into the file.</summary>
    private async Task<byte[]> DatabaseBytesAsync()
    {
        await using (var connection = new SqliteConnection($"Data Source={app.DatabasePath}"))
        {
            await connection.OpenAsync();
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await checkpoint.ExecuteNonQueryAsync();
        }

        var wal = app.DatabasePath + "-wal";
        return [.. await ReadSharedAsync(app.DatabasePath), .. File.Exists(wal) ? await ReadSharedAsync(wal) : []];
    }

    private static async Task<byte[]> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    /// <summary>The key a stored description was protected with.</summary>
    private async Task<Guid> KeyOfDescriptionAsync(string reference)
    {
        await using var connection = new SqliteConnection($"Data Source={app.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Description FROM Changes WHERE Reference = $reference";
        command.Parameters.AddWithValue("$reference", reference);
        return KeyOf((string)(await command.ExecuteScalarAsync())!);
    }

    /// <summary>A Data Protection payload carries its key id after a 4-byte header.</summary>
    private static Guid KeyOf(string protectedText) => new(WebEncoders.Base64UrlDecode(protectedText).AsSpan(4, 16));
}
