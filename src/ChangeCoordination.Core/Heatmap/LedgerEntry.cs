using ChangeCoordination.Core.Risk;

namespace ChangeCoordination.Core.Heatmap;

/// <summary>Identifies a change in the ledger: external and internal references are numbered apart.</summary>
public readonly record struct ChangeKey(ChangeSource Source, long Id);

/// <summary>From <paramref name="From"/> onward, a change's days take <paramref name="Risk"/> (another methodology version took force).</summary>
public readonly record struct RiskShift(DateOnly From, RiskRange Risk);

/// <summary>
/// What the day index needs to know of one change's current revision: its window and its risk range.
/// <paramref name="Version"/> orders writes to the same change, so an older one arriving late is ignored.
/// <paramref name="Shifts"/>, in date order, are set only when the window spans a methodology version's effective
/// date: a day takes the risk of the latest shift on or before it, else <paramref name="Risk"/>.
/// </summary>
public readonly record struct LedgerEntry(ChangeKey Key, OutageWindow Window, RiskRange Risk, bool Unassessed, long Version, RiskShift[]? Shifts = null)
{
    public RiskRange RiskOn(DateOnly day)
    {
        var risk = Risk;
        if (Shifts is { } shifts)
        {
            foreach (var shift in shifts)
            {
                if (shift.From <= day)
                {
                    risk = shift.Risk;
                }
            }
        }

        return risk;
    }
}
