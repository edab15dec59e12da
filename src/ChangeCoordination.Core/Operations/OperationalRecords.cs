namespace ChangeCoordination.Core.Operations;

/// <summary>The Communication Service Provider regions the DCC reports availability and RSVP by (seed 004).</summary>
public enum CspRegion { North, Central, South }

/// <summary>The User business processes of seed 004, Requirement 1, that service requests are reported under.</summary>
public enum BusinessProcess { InstallAndCommission, ChangeOfSupplier, Billing, Prepayment, DeviceFirmware, CommsHubFirmware, Alerts }

/// <summary>Who the Incident Management Policy holds responsible for resolving an incident.</summary>
public enum ResponsibleParty { Dcc, DccUser, Other }

/// <summary>
/// One service request as the TOC exports it: the variant, the device generation, the CSP region, when the DCC
/// received it and when it sent the service response (the round trip, HAN included), the response code and any
/// later alert code.
/// </summary>
public sealed record ServiceRequestRecord(
    string Srv,
    SmetsGeneration Smets,
    CspRegion Region,
    DateTimeOffset Received,
    DateTimeOffset Responded,
    string OutcomeCode,
    string? AlertCode)
{
    public TimeSpan RoundTrip => Responded - Received;
}

/// <summary>
/// A sub-system outage: the DCC services it takes down (a sub-system behind several interfaces takes down each),
/// the region (null: every region), the window, and whether it was Planned Maintenance.
/// </summary>
public sealed record OutageRecord(
    IReadOnlyList<DccService> Services,
    string SubSystem,
    CspRegion? Region,
    DateTimeOffset Start,
    DateTimeOffset End,
    bool Planned);

/// <summary>An incident under the Incident Management Policy: category 1 (most severe) to 5.</summary>
public sealed record IncidentRecord(
    string Reference,
    int Category,
    DateTimeOffset Opened,
    DateTimeOffset? Responded,
    DateTimeOffset? Resolved,
    ResponsibleParty ResponsibleParty);
