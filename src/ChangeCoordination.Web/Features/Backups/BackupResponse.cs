namespace ChangeCoordination.Web.Features.Backups;

/// <summary>One backup file: its name in the backup folder, its size and when it was made.</summary>
public sealed record BackupResponse(string File, long Bytes, DateTimeOffset MadeAt);
