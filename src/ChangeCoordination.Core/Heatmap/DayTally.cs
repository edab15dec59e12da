namespace ChangeCoordination.Core.Heatmap;

/// <summary>
/// Counts, for one day and one source, of the changes at each lowest and each highest status. The day's
/// status is the highest non-empty count, so adding or removing a change is O(1) per day it covers.
/// </summary>
internal struct DayTally
{
    private int lowGreen, lowAmber, lowRed, highGreen, highAmber, highRed;

    public int Count { get; private set; }

    public int Unassessed { get; private set; }

    public readonly RiskStatus Status => Max(lowGreen, lowAmber, lowRed);

    public readonly RiskStatus Provisional => Max(highGreen, highAmber, highRed);

    public void Add(in LedgerEntry entry, DateOnly day, int sign)
    {
        var risk = entry.RiskOn(day);
        Count += sign;
        if (entry.Unassessed)
        {
            Unassessed += sign;
        }

        Bump(risk.Lowest, sign, ref lowGreen, ref lowAmber, ref lowRed);
        Bump(risk.Highest, sign, ref highGreen, ref highAmber, ref highRed);
    }

    public static DayStatus Combine(DateOnly date, in DayTally a, in DayTally b)
    {
        var status = (RiskStatus)Math.Max((int)a.Status, (int)b.Status);
        var provisional = (RiskStatus)Math.Max((int)a.Provisional, (int)b.Provisional);
        return new DayStatus(date, status, provisional, a.Count + b.Count, a.Unassessed + b.Unassessed);
    }

    private static RiskStatus Max(int green, int amber, int red) =>
        red > 0 ? RiskStatus.Red : amber > 0 ? RiskStatus.Amber : green > 0 ? RiskStatus.Green : RiskStatus.White;

    private static void Bump(RiskStatus status, int sign, ref int green, ref int amber, ref int red)
    {
        switch (status)
        {
            case RiskStatus.Green: green += sign; break;
            case RiskStatus.Amber: amber += sign; break;
            case RiskStatus.Red: red += sign; break;
            default: throw new ArgumentOutOfRangeException(nameof(status), status, "A change is at least Green.");
        }
    }
}
