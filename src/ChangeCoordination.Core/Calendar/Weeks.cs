namespace ChangeCoordination.Core.Calendar;

/// <summary>Weeks as the UK calendar has them: Monday to Sunday.</summary>
public static class Weeks
{
    /// <summary>The Monday of the week the date falls in (the date itself on a Monday).</summary>
    public static DateOnly MondayOf(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));
}
