using ChangeCoordination.Core.Heatmap;

namespace ChangeCoordination.Web.Components.Heatmap;

/// <summary>What a calendar cell shows: the day's status in one view and how the calendar marks it.</summary>
public readonly record struct HeatmapDay(DayStatus Status, bool InRange, bool NonWorking, string? BankHoliday, string? Freeze = null);
