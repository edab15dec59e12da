namespace ChangeCoordination.Core.Heatmap;

/// <summary>One day of one heatmap. <see cref="ProvisionalStatus"/> above <see cref="Status"/> means "may rise".</summary>
public readonly record struct DayStatus(
    DateOnly Date,
    RiskStatus Status,
    RiskStatus ProvisionalStatus,
    int ChangeCount,
    int UnassessedCount)
{
    public bool MayRise => ProvisionalStatus > Status;

    public static DayStatus Empty(DateOnly date) => new(date, RiskStatus.White, RiskStatus.White, 0, 0);
}

/// <summary>A day whose status or provisional status moved in one view.</summary>
public readonly record struct DayStatusChange(HeatmapView View, DateOnly Date, RiskStatus Status, RiskStatus ProvisionalStatus);
