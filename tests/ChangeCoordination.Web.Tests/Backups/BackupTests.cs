using System.Net;
using System.Text.Json;
using ChangeCoordination.Web.Data;
using ChangeCoordination.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;

namespace ChangeCoordination.Web.Tests.Backups;

/// <summary>
/// An online backup of the embedded database, made while writes go on, restored into a fresh installation: the same
/// changes, revisions, audit trail and heatmap; and without the key ring's certificate the details cannot be read.
/// </summary>
public sealed class BackupTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("cc-backups-").FullName;

    [SqliteFact]
    public async Task A_backup_made_while_changes_are_written_restores_the_same_changes_audit_and_heatmap_and_only_with_the_certificate_the_details()
    {
        await using var live = new AppFactory { Customise = b => b.UseSetting("Backup:Folder", folder) };
        using var user = await live.ClientForAsync("user@supplier-a.example");
        using var owner = await live.ClientForAsync("owner@dcc.example");
        var day = TestDates.Next();
        var first = await user.NotifyAsync(Bodies.Change(day, description: "Backup test: head-end release 7.1"));
        await user.UpdateAsync(first.GetProperty("reference").GetString()!, 1, Bodies.Change(day, hours: 3, description: "Backup test: head-end release 7.1, three hours"));

        using var writing = new CancellationTokenSource();
        var writes = WriteUntilAsync(user, day, writing.Token);
        using var during = await owner.PostAsync(new Uri("/api/v1/backups", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Created, during.StatusCode);
        var written = await StopAsync(writing, writes);
        Assert.True(written > 0, "Changes were written while the backup was made.");
        var backupDuring = (await during.JsonAsync()).GetProperty("file").GetString()!;
        Assert.Equal("ok", Check(Path.Combine(folder, backupDuring)));

        live.Clock.Advance(TimeSpan.FromSeconds(1));
        using var after = await owner.PostAsync(new Uri("/api/v1/backups", UriKind.Relative), null);
        var backup = Path.Combine(folder, (await after.JsonAsync()).GetProperty("file").GetString()!);
        var listed = await owner.GetJsonAsync("/api/v1/backups");
        Assert.Equal(2, listed.GetArrayLength());

        await using var restored = new AppFactory();
        File.Copy(backup, restored.Database.Name);
        var range = $"from={TestDates.Iso(day.AddDays(-1))}&to={TestDates.Iso(day.AddDays(1))}";
        foreach (var read in new[] { $"/api/v1/changes?{range}", $"/api/v1/changes/{first.GetProperty("reference").GetString()}/revisions", $"/api/v1/heatmap?view=overall&{range}" })
        {
            Assert.Equal(await ReadAsync(live, read), await ReadAsync(restored, read));
        }

        var audit = "/api/v1/audit?action=change.&pageSize=500";
        Assert.Equal(await ReadAsync(live, audit, "owner@dcc.example"), await ReadAsync(restored, audit, "owner@dcc.example"));
        Assert.Contains("three hours", await ReadAsync(restored, $"/api/v1/changes/{first.GetProperty("reference").GetString()}"), StringComparison.Ordinal);

        await using var withoutCertificate = new AppFactory { Customise = b => b.UseSetting("DataProtection:CertificatePath", Path.Combine(folder, "another", "data-protection.pfx")) };
        File.Copy(backup, withoutCertificate.Database.Name);
        var unreadable = JsonDocument.Parse(await ReadAsync(withoutCertificate, $"/api/v1/changes/{first.GetProperty("reference").GetString()}")).RootElement;
        Assert.Equal(FieldProtection.Unreadable, unreadable.GetProperty("description").GetString());
        Assert.Equal(3 * 60, unreadable.GetProperty("durationMinutes").GetInt32());
    }

    [Fact]
    public async Task Only_the_site_owner_makes_a_backup()
    {
        await using var app = new AppFactory { Customise = b => b.UseSetting("Backup:Folder", folder) };
        using var anonymous = app.CreateClient();
        using var refused = await anonymous.PostAsync(new Uri("/api/v1/backups", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        foreach (var email in new[] { "user@supplier-a.example", "assessor@dcc.example", "manager@dcc.example", "toc@dcc.example" })
        {
            using var client = await app.ClientForAsync(email);
            using var response = await client.PostAsync(new Uri("/api/v1/backups", UriKind.Relative), null);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        Assert.Empty(Directory.GetFiles(folder));
    }

    [PostgreSqlFact]
    public async Task On_PostgreSQL_the_app_says_to_use_pg_dump_and_writes_no_file()
    {
        await using var app = new AppFactory { Customise = b => b.UseSetting("Backup:Folder", folder) };
        using var owner = await app.ClientForAsync("owner@dcc.example");

        using var response = await owner.PostAsync(new Uri("/api/v1/backups", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("pg_dump", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(folder));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    private static async Task<int> WriteUntilAsync(HttpClient user, DateOnly day, CancellationToken stop)
    {
        var written = 0;
        while (!stop.IsCancellationRequested)
        {
            await user.NotifyAsync(Bodies.Change(day, startHour: 12 + (written % 8), hours: 1, description: $"Backup test: written during the backup, {written}"));
            written++;
        }

        return written;
    }

    private static async Task<int> StopAsync(CancellationTokenSource writing, Task<int> writes)
    {
        await writing.CancelAsync();
        return await writes;
    }

    /// <summary>The text a person reads (staff with detail access see the descriptions).</summary>
    private static async Task<string> ReadAsync(AppFactory app, string path, string email = "user@supplier-a.example")
    {
        using var client = await app.ClientForAsync(email);
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static string Check(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return (string)command.ExecuteScalar()!;
    }
}
