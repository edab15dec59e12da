namespace ChangeCoordination.Web.Features.Operations;

/// <summary>The three kinds of operational data the TOC imports (seed 004).</summary>
public enum OperationalKind { ServiceRequests, Outages, Incidents }

/// <summary>A service request as the API and the CSV take it.</summary>
public sealed record ServiceRequestInput(
    string? RequestId,
    string? Srv,
    string? Smets,
    string? Region,
    string? Received,
    string? Responded,
    string? OutcomeCode,
    string? AlertCode);

/// <summary>A sub-system outage as the API and the CSV take it; no region means every CSP region.</summary>
public sealed record OutageInput(
    string? Reference,
    IReadOnlyList<string>? Services,
    string? SubSystem,
    string? Region,
    string? Start,
    string? End,
    bool? Planned);

/// <summary>An incident as the API and the CSV take it.</summary>
public sealed record IncidentInput(
    string? Reference,
    int? Category,
    string? Summary,
    string? Opened,
    string? Responded,
    string? Resolved,
    string? ResponsibleParty);

/// <summary>What an import did: rows read, rows added, rows that replaced an earlier import, rows already there as they are.</summary>
public sealed record ImportResult(string Kind, int Rows, int Added, int Updated, int Unchanged);

/// <summary>One bad row of an import: its row (the file's line, or the array index for JSON) and its errors by field.</summary>
public sealed record RowProblem(int Row, IReadOnlyDictionary<string, string[]> Errors);

/// <summary>Either the import's result, or the rows that stopped it (and then nothing was written).</summary>
public sealed record ImportOutcome(ImportResult? Result, IReadOnlyList<RowProblem> Problems, int ProblemRows);

public static class OperationalKinds
{
    public static string Route(OperationalKind kind) => kind switch
    {
        OperationalKind.ServiceRequests => "service-requests",
        OperationalKind.Outages => "outages",
        _ => "incidents",
    };

    public static OperationalKind? FromRoute(string route) =>
        Enum.GetValues<OperationalKind>().Cast<OperationalKind?>().FirstOrDefault(k => string.Equals(Route(k!.Value), route, StringComparison.OrdinalIgnoreCase));

    public static string Label(OperationalKind kind) => kind switch
    {
        OperationalKind.ServiceRequests => "Service requests",
        OperationalKind.Outages => "Service outages",
        _ => "Incidents",
    };

    /// <summary>The CSV columns, the required ones first.</summary>
    public static string[] Columns(OperationalKind kind) => kind switch
    {
        OperationalKind.ServiceRequests => ["requestId", "srv", "smets", "region", "received", "responded", "outcomeCode", "alertCode"],
        OperationalKind.Outages => ["reference", "services", "subSystem", "region", "start", "end", "planned"],
        _ => ["reference", "category", "opened", "responsibleParty", "responded", "resolved", "summary"],
    };

    public static string[] RequiredColumns(OperationalKind kind) => kind switch
    {
        OperationalKind.ServiceRequests => ["requestId", "srv", "smets", "region", "received", "responded", "outcomeCode"],
        OperationalKind.Outages => ["reference", "services", "subSystem", "start", "end"],
        _ => ["reference", "category", "opened", "responsibleParty"],
    };

    /// <summary>The template: the header and one example row.</summary>
    public static string Template(OperationalKind kind) => Api.Csv.Write(Columns(kind), kind switch
    {
        OperationalKind.ServiceRequests => [["REQ-000001", "2.2", "SMETS2", "North", "2027-03-09T10:00:00+00:00", "2027-03-09T10:00:12+00:00", "I0", ""]],
        OperationalKind.Outages => [["OUT-0001", "UserInterface;SelfServiceInterface", "DSP adapter", "", "2027-03-09T20:10:00+00:00", "2027-03-09T21:05:00+00:00", "no"]],
        _ => [["INC-0001", "3", "2027-03-09T20:15:00+00:00", "Dcc", "2027-03-09T21:00:00+00:00", "2027-03-10T09:30:00+00:00", "Alerts delayed in the North region"]],
    });
}
