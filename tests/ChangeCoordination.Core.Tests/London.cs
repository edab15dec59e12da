using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Core.Risk;

namespace ChangeCoordination.Core.Tests;

/// <summary>Instants and windows written as Europe/London wall-clock times.</summary>
internal static class London
{
    public static DateTimeOffset At(int year, int month, int day, int hour = 0, int minute = 0) =>
        LondonTime.At(new DateOnly(year, month, day), new TimeOnly(hour, minute));

    public static OutageWindow Window(DateTimeOffset start, DateTimeOffset end) => new(start, end);

    /// <summary>A window starting at a London wall-clock time and lasting a number of real hours.</summary>
    public static OutageWindow Window(DateTimeOffset start, double hours) => new(start, start.AddHours(hours));
}
