using System.Globalization;
using ChangeCoordination.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChangeCoordination.Web.Features.Backups;

/// <summary>
/// Online backups of the SQLite database while writes go on: <c>VACUUM INTO</c> copies one consistent snapshot (a read
/// transaction, so writers are not stopped) into a new file of the backup folder, every <see cref="BackupSettings.Every"/>
/// and on demand (<c>POST /api/v1/backups</c>). On PostgreSQL the server's own tools do this (docs/deploy.md): nothing
/// runs here. A backup holds the key ring too, still encrypted with the certificate, which is backed up apart.
/// </summary>
public sealed partial class DatabaseBackups(
    IDbContextFactory<ChangeCoordinationDb> dbFactory,
    IOptions<BackupSettings> settings,
    IWebHostEnvironment environment,
    TimeProvider clock,
    ILogger<DatabaseBackups> logger) : BackgroundService
{
    private const string Prefix = "change-coordination-";
    private const string Extension = ".db";

    private readonly SemaphoreSlim gate = new(1, 1);

    private readonly bool sqlite = IsSqlite(dbFactory);

    public bool Available => sqlite;

    private string Folder => Path.Combine(environment.ContentRootPath, settings.Value.Folder);

    /// <summary>Makes a backup now and deletes the oldest beyond <see cref="BackupSettings.Keep"/>.</summary>
    public async Task<BackupResponse> MakeAsync(CancellationToken cancellationToken)
    {
        if (!Available)
        {
            throw new InvalidOperationException("Only the embedded SQLite database is backed up by the app: back PostgreSQL up with pg_dump.");
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            Directory.CreateDirectory(Folder);
            var madeAt = clock.GetUtcNow();
            var path = Path.Combine(Folder, Prefix + madeAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + Extension);
            File.Delete(path);
            await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
            {
                await db.Database.ExecuteSqlAsync($"VACUUM INTO {path}", cancellationToken);
            }

            foreach (var old in List().Skip(settings.Value.Keep))
            {
                File.Delete(Path.Combine(Folder, old.File));
            }

            return new BackupResponse(Path.GetFileName(path), new FileInfo(path).Length, madeAt);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The backups in the folder, newest first.</summary>
    public IReadOnlyList<BackupResponse> List() => Directory.Exists(Folder)
        ? [.. new DirectoryInfo(Folder).GetFiles(Prefix + "*" + Extension)
            .OrderByDescending(f => f.Name, StringComparer.Ordinal)
            .Select(f => new BackupResponse(f.Name, f.Length, new DateTimeOffset(f.LastWriteTimeUtc, TimeSpan.Zero)))]
        : [];

    private static bool IsSqlite(IDbContextFactory<ChangeCoordinationDb> dbFactory)
    {
        using var db = dbFactory.CreateDbContext();
        return db.Database.IsSqlite();
    }

    public override void Dispose()
    {
        gate.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Available)
        {
            return;
        }

        using var timer = new PeriodicTimer(settings.Value.Every, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var backup = await MakeAsync(stoppingToken);
                LogMade(logger, backup.File, backup.Bytes);
            }
            catch (Exception exception) when (exception is not OperationCanceledException and not OutOfMemoryException)
            {
                LogFailed(logger, Folder, exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Backed the database up to {File} ({Bytes} bytes).")]
    private static partial void LogMade(ILogger logger, string file, long bytes);

    [LoggerMessage(Level = LogLevel.Error, Message = "The database backup into {Folder} failed: the last good backup stays.")]
    private static partial void LogFailed(ILogger logger, string folder, Exception exception);
}
