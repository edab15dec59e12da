using System.Globalization;
using System.Text;
using ChangeCoordination.Web.Api;

namespace ChangeCoordination.Web.Features.Changes;

/// <summary>The caller's changes as CSV (RFC 4180), safe to open in a spreadsheet: no cell starts a formula.</summary>
public static class ChangeCsv
{
    private static readonly string[] Header =
    [
        "Reference", "Kind", "Type", "Start (UK)", "End (UK)", "Duration (minutes)", "Complexity", "Impact", "Status",
        "Probability", "Risk", "Lowest risk", "Highest risk", "Notice (working days)", "Late notice", "Revision", "Description",
    ];

    public static string Write(IEnumerable<ChangeResponse> changes) =>
        Csv.Write(Header, changes.Select(c => (IReadOnlyList<string?>)
        [
            c.Reference,
            c.Kind.ToString(),
            c.Type.ToString(),
            c.Start.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture),
            c.End.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture),
            c.DurationMinutes.ToString(CultureInfo.InvariantCulture),
            c.Complexity.ToString(),
            c.Impact.ToString(),
            c.Status.ToString(),
            c.Probability?.ToString(),
            c.Risk?.ToString(),
            c.RiskRange.Lowest.ToString(),
            c.RiskRange.Highest.ToString(),
            c.LeadTimeWorkingDays.ToString(CultureInfo.InvariantCulture),
            c.LateNotice ? "yes" : "no",
            c.Revision.ToString(CultureInfo.InvariantCulture),
            c.Description,
        ]));

    /// <summary>A <c>data:</c> address for a download link; UTF-8 with a byte order mark, so that spreadsheets read accents right.</summary>
    public static string DataUri(IEnumerable<ChangeResponse> changes)
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Write(changes))).ToArray();
        return "data:text/csv;charset=utf-8;base64," + Convert.ToBase64String(bytes);
    }
}
