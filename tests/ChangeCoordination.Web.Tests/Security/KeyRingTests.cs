using System.Net;
using System.Net.Http.Json;
using System.Text;
using ChangeCoordination.Web.Data;
using ChangeCoordination.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;

namespace ChangeCoordination.Web.Tests.Security;

/// <summary>
/// The key ring lives in the database beside the ciphertext, encrypted with a certificate that is not: a copy of the
/// database file alone decrypts nothing, and the same copy with the certificate decrypts everything.
/// </summary>
public sealed class KeyRingTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Description = "Quokka head-end rollout for Marsupial Street";
    private const string Label = "Wombat rota for the Numbat release";
    private const string Response = "Pangolin objection: eight hours is too long for us.";

    [SqliteFact]
    public async Task A_copy_of_the_database_file_alone_decrypts_nothing_and_with_the_certificate_it_all_reads()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var change = await supplier.NotifyAsync(Bodies.Change(TestDates.Next(), description: Description));
        await (await supplier.SendJsonAsync(HttpMethod.Post, "/api/v1/feeds", new { kind = "OrganisationChanges", label = Label })).ExpectAsync(HttpStatusCode.Created);
        var original = await DatabaseFileAsync();
        var foreignCertificate = Path.Combine(Path.GetTempPath(), $"cc-keyring-{Guid.NewGuid():N}", "data-protection.pfx");

        try
        {
            Assert.False(Contains(await File.ReadAllBytesAsync(original.Copy), "<masterKey"), "A key of the ring is stored in the clear.");
            Assert.True(Contains(await File.ReadAllBytesAsync(original.Copy), "<encryptedSecret"), "The key ring holds no key encrypted with the certificate.");

            using (var stranger = OnCopy(original.Copy, foreignCertificate))
            {
                var client = await stranger.ClientForAsync(DemoUsers.SupplierA);
                var read = await client.GetJsonAsync($"/api/v1/changes/{change.Reference()}");
                using var revisions = await client.GetAsync(new Uri($"/api/v1/changes/{change.Reference()}/revisions", UriKind.Relative));
                var feeds = (await client.GetJsonAsync("/api/v1/feeds")).GetRawText();

                Assert.Equal(FieldProtection.Unreadable, read.Text("description"));
                Assert.Equal(HttpStatusCode.OK, revisions.StatusCode);
                Assert.DoesNotContain(Description, await revisions.Content.ReadAsStringAsync(), StringComparison.Ordinal);
                Assert.DoesNotContain(Label, feeds, StringComparison.Ordinal);
                Assert.Contains(FieldProtection.Unreadable, feeds, StringComparison.Ordinal);
            }

            using (var restored = OnCopy(original.Second, AppFactory.KeyRingCertificatePath))
            {
                var client = await restored.ClientForAsync(DemoUsers.SupplierA);
                Assert.Equal(Description, (await client.GetJsonAsync($"/api/v1/changes/{change.Reference()}")).Text("description"));
                Assert.Contains(Label, (await client.GetJsonAsync("/api/v1/feeds")).GetRawText(), StringComparison.Ordinal);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var path in new[] { original.Copy, original.Second }.SelectMany(p => new[] { p, p + "-wal", p + "-shm" }))
            {
                File.Delete(path);
            }

            if (Path.GetDirectoryName(foreignCertificate) is { } folder && Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Fact]
    public async Task A_consultation_response_is_stored_encrypted_and_DCC_staff_read_it_only_with_a_grant_each_read_audited()
    {
        var owner = await app.ClientForAsync(DemoUsers.Owner);
        var supplier = await app.ClientForAsync(DemoUsers.SupplierB);
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        await (await owner.PostAsJsonAsync("/api/v1/people", new { email = "tam.okoro@dcc.example", displayName = "Tam Okoro", role = "TocOperator", organisation = "DCC", hasDetailAccess = false }))
            .ExpectAsync(HttpStatusCode.Created);
        var ungranted = await app.ClientForAsync("tam.okoro@dcc.example");
        var version = (await owner.StepAsync(await owner.CreateDraftAsync(v => v["largeAboveHours"] = 8), "consultation")).Text("version");
        var url = $"/api/v1/methodology/versions/{version}/responses";
        await (await supplier.SendJsonAsync(HttpMethod.Put, $"{url}/mine", new { text = Response })).ExpectAsync(HttpStatusCode.Created);

        var withheld = Assert.Single((await ungranted.GetJsonAsync(url)).EnumerateArray());
        var read = Assert.Single((await assessor.GetJsonAsync(url)).EnumerateArray());

        Assert.Equal(System.Text.Json.JsonValueKind.Null, withheld.GetProperty("text").ValueKind);
        Assert.Equal("Supplier B", withheld.Text("organisation"));
        Assert.Equal(Response, read.Text("text"));
        var audit = await (await app.ClientForAsync(DemoUsers.Manager)).GetJsonAsync("/api/v1/audit?action=methodology.response-read");
        var reads = audit.GetProperty("events").EnumerateArray().ToList();
        Assert.Contains(reads, e => e.Text("actor") == DemoUsers.Assessor && e.Text("subject") == $"{version} Supplier B");
        Assert.DoesNotContain(reads, e => e.Text("actor") == "tam.okoro@dcc.example");
        if (!TestDatabase.IsPostgreSql)
        {
            var (copy, second) = await DatabaseFileAsync();
            var bytes = await File.ReadAllBytesAsync(copy);
            File.Delete(copy);
            File.Delete(second);
            Assert.False(Contains(bytes, "Pangolin objection"), "The response is stored in the clear.");
        }
    }

    private static bool Contains(byte[] haystack, string text) => haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;

    /// <summary>Two copies of the database file alone (its write-ahead log first checkpointed into it), as a thief or a careless backup would take it.</summary>
    private async Task<(string Copy, string Second)> DatabaseFileAsync()
    {
        await using (var connection = new SqliteConnection(app.Database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await checkpoint.ExecuteNonQueryAsync();
        }

        var copies = (Path.Combine(Path.GetTempPath(), $"cc-copy-{Guid.NewGuid():N}.db"), Path.Combine(Path.GetTempPath(), $"cc-copy-{Guid.NewGuid():N}.db"));
        File.Copy(app.Database.Name, copies.Item1);
        File.Copy(app.Database.Name, copies.Item2);
        return copies;
    }

    /// <summary>A new app on a copy of the database, with the key ring certificate at <paramref name="certificate"/>.</summary>
    private static AppFactory OnCopy(string database, string certificate) => new()
    {
        Customise = builder =>
        {
            builder.UseSetting($"ConnectionStrings:{DataExtensions.ConnectionName}", $"Data Source={database}");
            builder.UseSetting("DataProtection:CertificatePath", certificate);
        },
    };
}
