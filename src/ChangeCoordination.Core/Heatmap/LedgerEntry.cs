using ChangeCoordination.Core.Risk;

namespace ChangeCoordination.Core.Heatmap;

/// <summary>Identifies a change in the ledger: external and internal references are numbered apart.</summary>
public readonly record struct ChangeKey(ChangeSource Source, long Id);

/// <summary>
/// What the day index needs to know of one change's current revision: its window and its risk range.
/// <paramref name="Version"/> orders writes to the same change, so an older one arriving late is ignored.
/// </summary>
public readonly record struct LedgerEntry(ChangeKey Key, OutageWindow Window, RiskRange Risk, bool Unassessed, long Version);
