using ChangeCoordination.Core;

namespace ChangeCoordination.Web.Features.Records;

/// <summary>A share with the counts behind it, and its 95% Wilson interval; null shares when there is nothing to count.</summary>
public sealed record ShareResponse(int Count, int Total, double? Share, double? Low, double? High)
{
    public static ShareResponse From(int count, int total)
    {
        if (total == 0)
        {
            return new ShareResponse(count, total, null, null, null);
        }

        var (low, high) = Wilson.Interval(count, total);
        return new ShareResponse(count, total, (double)count / total, low, high);
    }
}

/// <summary>
/// One organisation's record over the changes whose windows ended in the period: how many it notified, how many of the
/// planned ones late, how many it reviewed, how many went as planned, overran, and the incidents tied to them.
/// </summary>
public sealed record OrganisationRecordResponse(
    string Organisation,
    int Changes,
    ShareResponse NotifiedLate,
    ShareResponse Reviewed,
    ShareResponse AsPlanned,
    int Overran,
    int RolledBack,
    int IncidentsTied);

/// <summary>How often the changes given one probability then went wrong (overran, partly done, rolled back, or tied to an incident).</summary>
/// <param name="Reading">over-called (what happened lies below the stated probability, with 95% confidence), under-called (above), matches, or too few to tell (under 5 changes).</param>
public sealed record CalibrationRow(Probability Probability, double Stated, ShareResponse WentWrong, string Reading);

/// <param name="Brier">The mean squared distance between the stated and what happened (0 is perfect; stating 50% every time scores 0.25).</param>
/// <param name="Verdict">In a sentence: does the method over- or under-call.</param>
public sealed record CalibrationResponse(
    int Scored,
    int Unknown,
    double? Brier,
    string Verdict,
    IReadOnlyList<CalibrationRow> ByProbability,
    IReadOnlyList<AssessorCalibration>? ByAssessor,
    IReadOnlyList<DayStatusRecord> ByDayStatus);

public sealed record AssessorCalibration(string Assessor, int Scored, double? Brier, IReadOnlyList<CalibrationRow> ByProbability);

/// <summary>Were Red days worse: of the days the Overall heatmap gives each status, how many had an incident.</summary>
public sealed record DayStatusRecord(RiskStatus Status, ShareResponse WithIncident);
