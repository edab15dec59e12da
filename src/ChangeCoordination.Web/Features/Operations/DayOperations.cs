using ChangeCoordination.Core;
using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Core.Operations;
using ChangeCoordination.Web.Data;

namespace ChangeCoordination.Web.Features.Operations;

public sealed record IncidentResponse(
    string Reference,
    int Category,
    string? Summary,
    DateTimeOffset Opened,
    DateTimeOffset? Responded,
    DateTimeOffset? Resolved,
    ResponsibleParty ResponsibleParty,
    bool ResponseMet,
    bool ResolutionMet)
{
    public static IncidentResponse From(IncidentRow row) => new(
        row.Reference,
        row.Category,
        row.Summary,
        LondonTime.ToLondon(row.Opened),
        row.Responded is { } responded ? LondonTime.ToLondon(responded) : null,
        row.Resolved is { } resolved ? LondonTime.ToLondon(resolved) : null,
        row.ResponsibleParty,
        Incidents.MetResponse(row.ToRecord()),
        Incidents.MetResolution(row.ToRecord()));
}

public sealed record OutageResponse(string Reference, IReadOnlyList<DccService> Services, string SubSystem, CspRegion? Region, DateTimeOffset Start, DateTimeOffset End, bool Planned, int Minutes)
{
    public static OutageResponse From(OutageRow row) =>
        new(row.Reference, row.Services, row.SubSystem, row.Region, LondonTime.ToLondon(row.Start), LondonTime.ToLondon(row.End), row.Planned, (int)Math.Round((row.End - row.Start).TotalMinutes));
}

/// <summary>
/// The "what happened" of a day beside its predicted (Overall) status: the incidents raised, the unplanned downtime
/// (any DCC service down in any region, Planned Maintenance excluded, counted once), and the requests that failed.
/// </summary>
public sealed record DayOperationsResponse(
    RiskStatus Predicted,
    bool HasData,
    IReadOnlyList<IncidentResponse> Incidents,
    decimal DowntimeHours,
    IReadOnlyList<OutageResponse> Outages,
    int Requests,
    int Failures,
    double? FailureShare)
{
    public static DayOperationsResponse From(DateOnly day, RiskStatus predicted, OperationalData data)
    {
        var outcome = data.OutcomeOf(day, predicted);
        return new DayOperationsResponse(
            predicted,
            data.Covers(day),
            [.. data.Incidents.Select(IncidentResponse.From)],
            Availabilities.Hours(outcome.Downtime),
            [.. data.Outages.Select(OutageResponse.From)],
            outcome.Requests,
            outcome.Failures,
            outcome.Requests == 0 ? null : (double)outcome.Failures / outcome.Requests);
    }
}
