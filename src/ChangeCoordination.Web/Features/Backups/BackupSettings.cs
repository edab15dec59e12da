using System.ComponentModel.DataAnnotations;

namespace ChangeCoordination.Web.Features.Backups;

/// <summary>The <c>Backup</c> configuration section: online backups of the embedded (SQLite) database.</summary>
public sealed class BackupSettings
{
    /// <summary>Where backups go, relative to the app's content root unless absolute. Put it on another disk.</summary>
    [Required]
    public string Folder { get; set; } = Path.Combine("App_Data", "backups");

    /// <summary>How often a backup is made (the first one an interval after start).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan Every { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How many backups are kept; the oldest beyond these are deleted after each new one.</summary>
    [Range(1, 1000)]
    public int Keep { get; set; } = 14;
}
