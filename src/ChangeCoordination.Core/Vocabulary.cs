namespace ChangeCoordination.Core;

/// <summary>What a DCC User change touches (DOMAIN.md, "A change").</summary>
public enum ChangeType { UserSystem, Firmware, BusinessCritical }

/// <summary>Planned changes give full notice; unplanned ones go in within 20 working days on the short form.</summary>
public enum ChangeKind { Planned, Unplanned }

/// <summary>A DCC Assessor's judgement of how likely a change is to disrupt the DCC Total System.</summary>
public enum Probability { Unlikely, Likely, HighlyLikely }

/// <summary>Day and change status, in ascending order of risk.</summary>
public enum RiskStatus { White, Green, Amber, Red }

public enum Impact { Minor, Moderate, Major }

public enum Complexity { Small, Medium, Large }

public enum ChangeStatus { AwaitingAssessment, Assessed, Cancelled, Archived }

public enum DeviceType { ESME, GSME, CommsHub, GPF, PPMID, IHD, HCALCS, Type2 }

public enum SmetsGeneration { SMETS1, SMETS2 }

public enum DccService
{
    UserInterface,
    RegistrationDataInterface,
    SmkiRepositoryInterface,
    SmkiServicesInterface,
    SelfServiceInterface,
    Other,
}

/// <summary>The three published heatmaps: Overall (all changes), DCC User (external), DCC Internal.</summary>
public enum HeatmapView { Overall, User, Internal }

/// <summary>Where a change comes from: a DCC User (external) or the DCC's Forward Schedule of Change (internal).</summary>
public enum ChangeSource { External, Internal }
