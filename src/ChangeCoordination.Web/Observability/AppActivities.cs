using System.Diagnostics;

namespace ChangeCoordination.Web.Observability;

/// <summary>
/// The app's own spans: a write, the ledger applying it, and the push of the days it moved, each a child of what caused
/// it (the request, or the bus message another server sent), so that one trace follows a write to every viewer.
/// </summary>
public static class AppActivities
{
    public const string SourceName = "ChangeCoordination";

    public static readonly ActivitySource Source = new(SourceName);
}
