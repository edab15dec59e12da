namespace ChangeCoordination.Core.Calendar;

/// <summary>A bank holiday in England and Wales.</summary>
public readonly record struct BankHoliday(DateOnly Date, string Name);

/// <summary>
/// A one-off change to the rule-computed bank holidays: an extra holiday (<see cref="IsHoliday"/> true) or a
/// rule holiday that does not happen that year (false), such as 2022-05-30 moved to 2 and 3 June.
/// </summary>
public readonly record struct BankHolidayOverride(DateOnly Date, bool IsHoliday, string Name);
