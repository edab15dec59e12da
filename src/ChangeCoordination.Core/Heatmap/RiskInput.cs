using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Core.Risk;

namespace ChangeCoordination.Core.Heatmap;

/// <summary>
/// What a change's risk is computed from, kept so that its ledger entry can be computed again under another
/// methodology timeline (a version taking force, a draft's what-if).
/// </summary>
public sealed record RiskInput(ChangeKey Key, OutageWindow Window, long Version, ChangeType Type, Probability? Probability, int ImpactScore, int ProbabilityScore)
{
    public static RiskInput External(long id, ChangeType type, OutageWindow window, Probability? probability, long version) =>
        new(new ChangeKey(ChangeSource.External, id), window, version, type, probability, 0, 0);

    public static RiskInput Internal(long id, OutageWindow window, int impactScore, int probabilityScore, long version) =>
        new(new ChangeKey(ChangeSource.Internal, id), window, version, default, null, impactScore, probabilityScore);

    public DateOnly FirstDay => LondonTime.DateOf(Window.Start);

    public DateOnly LastDay => LondonTime.DateOf(Window.End.AddTicks(-1));

    public RiskRange RiskUnder(Methodology methodology)
    {
        if (Key.Source == ChangeSource.Internal)
        {
            var risk = RiskRules.InternalRiskOf(ImpactScore, ProbabilityScore, methodology);
            return new RiskRange(risk, risk);
        }

        return RiskRules.RangeOf(RiskRules.ImpactOf(Type, Window, methodology), Probability, methodology);
    }

    /// <summary>The entry with each day's risk computed under the version in force on that day.</summary>
    public LedgerEntry EntryUnder(MethodologyTimeline timeline)
    {
        var risk = default(RiskRange);
        List<RiskShift>? shifts = null;
        foreach (var (from, methodology) in timeline.Across(FirstDay, LastDay))
        {
            var range = RiskUnder(methodology);
            if (from == FirstDay)
            {
                risk = range;
            }
            else
            {
                (shifts ??= []).Add(new RiskShift(from, range));
            }
        }

        return new LedgerEntry(Key, Window, risk, Key.Source == ChangeSource.External && Probability is null, Version, shifts?.ToArray());
    }
}
