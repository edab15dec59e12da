namespace ChangeCoordination.Web.Data;

/// <summary>The lengths and counts every input path checks, and the columns are sized to.</summary>
public static class ChangeLimits
{
    public const int DescriptionMaxLength = 4000;
    public const int RationaleMaxLength = 2000;
    public const int ReviewNoteMaxLength = 2000;
    public const int TitleMaxLength = 200;
    public const int DeviceTextMaxLength = 100;
    public const int MaxDeviceCombinations = 50;
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(31);
}

/// <summary>The lengths of a methodology version's texts.</summary>
public static class MethodologyLimits
{
    public const int SummaryMaxLength = 2000;
    public const int PanelDecisionMaxLength = 200;
    public const int ResponseMaxLength = 4000;
}

/// <summary>The limits of the business process to SRV table.</summary>
public static class VariantLimits
{
    public const int SrvMaxLength = 20;
    public const int NameMaxLength = 200;
    public const int MaxRows = 200;
    public static readonly TimeSpan MinTarget = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxTarget = TimeSpan.FromDays(7);
}
