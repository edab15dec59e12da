using System.Collections.Frozen;
using System.Globalization;

namespace ChangeCoordination.Core.Risk;

public sealed record ImpactRule(ChangeType Type, Complexity Complexity, Impact Impact);

public sealed record MatrixCell(Impact Impact, Probability Probability, RiskStatus Risk);

public sealed record ScoreRange(RiskStatus Risk, int From, int To);

/// <summary>A field of a proposed methodology and what is wrong with it, said so that the author can fix it.</summary>
public sealed record MethodologyError(string Field, string Message);

/// <summary>
/// The numbers of a methodology as people read and write them (the published document, a draft): complexity edges in
/// hours, the impact table, the risk matrix, the internal score ranges, the notice and archive days.
/// </summary>
public sealed record MethodologyValues(
    double MediumFromHours,
    double LargeAboveHours,
    IReadOnlyList<ImpactRule> Impacts,
    IReadOnlyList<MatrixCell> Matrix,
    IReadOnlyList<ScoreRange> InternalScoreRanges,
    int NoticeWorkingDays,
    int ArchiveAfterDays)
{
    public const double MaxEdgeHours = 72;
    public const int MaxNoticeWorkingDays = 260;
    public const int MaxArchiveAfterDays = 3650;
    private const int MaxScore = RiskRules.MaxScore * RiskRules.MaxScore;
    private static readonly RiskStatus[] Bands = [RiskStatus.Green, RiskStatus.Amber, RiskStatus.Red];

    public static MethodologyValues Of(Methodology methodology) => new(
        methodology.MediumFrom.TotalHours,
        methodology.LargeAbove.TotalHours,
        [.. from type in Enum.GetValues<ChangeType>()
            from complexity in Enum.GetValues<Complexity>()
            select new ImpactRule(type, complexity, RiskRules.ImpactOf(type, complexity, methodology))],
        [.. from impact in Enum.GetValues<Impact>().Reverse()
            from probability in Enum.GetValues<Probability>()
            select new MatrixCell(impact, probability, RiskRules.RiskOf(impact, probability, methodology))],
        [
            new ScoreRange(RiskStatus.Green, 1, methodology.InternalGreenMax),
            new ScoreRange(RiskStatus.Amber, methodology.InternalGreenMax + 1, methodology.InternalAmberMax),
            new ScoreRange(RiskStatus.Red, methodology.InternalAmberMax + 1, MaxScore),
        ],
        methodology.NoticeWorkingDays,
        methodology.ArchiveAfterDays);

    /// <summary>Every rule these values break, each naming its field; empty when they make a methodology.</summary>
    public IReadOnlyList<MethodologyError> Validate()
    {
        var errors = new List<MethodologyError>();
        CheckEdges(errors);
        CheckImpacts(errors);
        CheckMatrix(errors);
        CheckRanges(errors);
        if (NoticeWorkingDays is < 1 or > MaxNoticeWorkingDays)
        {
            errors.Add(new("noticeWorkingDays", $"The notice must be 1 to {MaxNoticeWorkingDays} working days; version 1.0 asks for 20."));
        }

        if (ArchiveAfterDays is < 1 or > MaxArchiveAfterDays)
        {
            errors.Add(new("archiveAfterDays", $"Archive a change 1 to {MaxArchiveAfterDays} days after it ends; version 1.0 waits 90."));
        }

        return errors;
    }

    /// <summary>The methodology these values define; call only when <see cref="Validate"/> found nothing.</summary>
    public Methodology ToMethodology(string version)
    {
        if (Validate() is [var first, ..])
        {
            throw new ArgumentException($"{first.Field}: {first.Message}");
        }

        var green = InternalScoreRanges.Single(r => r.Risk == RiskStatus.Green);
        var amber = InternalScoreRanges.Single(r => r.Risk == RiskStatus.Amber);
        return new Methodology
        {
            Version = version,
            MediumFrom = TimeSpan.FromMinutes(Math.Round(MediumFromHours * 60)),
            LargeAbove = TimeSpan.FromMinutes(Math.Round(LargeAboveHours * 60)),
            Impacts = Impacts.ToFrozenDictionary(i => (i.Type, i.Complexity), i => i.Impact),
            Matrix = Matrix.ToFrozenDictionary(m => (m.Impact, m.Probability), m => m.Risk),
            InternalGreenMax = green.To,
            InternalAmberMax = amber.To,
            NoticeWorkingDays = NoticeWorkingDays,
            ArchiveAfterDays = ArchiveAfterDays,
        };
    }

    private void CheckEdges(List<MethodologyError> errors)
    {
        var edgesValid = true;
        foreach (var (field, hours) in new[] { ("mediumFromHours", MediumFromHours), ("largeAboveHours", LargeAboveHours) })
        {
            if (double.IsNaN(hours) || hours <= 0 || hours > MaxEdgeHours)
            {
                errors.Add(new(field, $"Give an edge of more than 0 and at most {MaxEdgeHours} hours."));
                edgesValid = false;
            }
            else if (Math.Abs((hours * 60) - Math.Round(hours * 60)) > 1e-9)
            {
                errors.Add(new(field, "Give the edge in whole minutes, for example 3 or 6.5 hours."));
                edgesValid = false;
            }
        }

        if (edgesValid && LargeAboveHours <= MediumFromHours)
        {
            errors.Add(new("largeAboveHours", $"The Large edge must be above the Medium edge ({Hours(MediumFromHours)}): edges go in ascending order."));
        }
    }

    private void CheckImpacts(List<MethodologyError> errors)
    {
        if (Impacts is null)
        {
            errors.Add(new("impacts", "Give the impact of every type at every complexity."));
            return;
        }

        var seen = new HashSet<(ChangeType, Complexity)>();
        for (var i = 0; i < Impacts.Count; i++)
        {
            var rule = Impacts[i];
            if (rule is null || !Enum.IsDefined(rule.Type) || !Enum.IsDefined(rule.Complexity) || !Enum.IsDefined(rule.Impact))
            {
                errors.Add(new($"impacts[{i}]", "Give a type, a complexity and an impact (Minor, Moderate or Major)."));
            }
            else if (!seen.Add((rule.Type, rule.Complexity)))
            {
                errors.Add(new($"impacts[{i}]", $"{rule.Type} at {rule.Complexity} is set twice: keep one."));
            }
        }

        foreach (var type in Enum.GetValues<ChangeType>())
        {
            foreach (var complexity in Enum.GetValues<Complexity>())
            {
                if (!seen.Contains((type, complexity)))
                {
                    errors.Add(new("impacts", $"Set the impact of {type} at {complexity}: every cell of the table is needed."));
                }
            }
        }
    }

    private void CheckMatrix(List<MethodologyError> errors)
    {
        if (Matrix is null)
        {
            errors.Add(new("matrix", "Give the risk of every impact at every probability."));
            return;
        }

        var seen = new HashSet<(Impact, Probability)>();
        for (var i = 0; i < Matrix.Count; i++)
        {
            var cell = Matrix[i];
            if (cell is null || !Enum.IsDefined(cell.Impact) || !Enum.IsDefined(cell.Probability) || cell.Risk is not (RiskStatus.Green or RiskStatus.Amber or RiskStatus.Red))
            {
                errors.Add(new($"matrix[{i}]", "Give an impact, a probability and a risk of Green, Amber or Red (a change is at least Green)."));
            }
            else if (!seen.Add((cell.Impact, cell.Probability)))
            {
                errors.Add(new($"matrix[{i}]", $"{cell.Impact} at {cell.Probability} is set twice: keep one."));
            }
        }

        foreach (var impact in Enum.GetValues<Impact>())
        {
            foreach (var probability in Enum.GetValues<Probability>())
            {
                if (!seen.Contains((impact, probability)))
                {
                    errors.Add(new("matrix", $"Set the risk of {impact} at {probability}: every cell of the matrix is needed."));
                }
            }
        }
    }

    private void CheckRanges(List<MethodologyError> errors)
    {
        const string Rule = "the ranges run Green, Amber, Red and cover 1 to 25 without gaps or overlaps";
        if (InternalScoreRanges is not { Count: 3 })
        {
            errors.Add(new("internalScoreRanges", $"Give three ranges: {Rule}."));
            return;
        }

        var expectedFrom = 1;
        for (var i = 0; i < Bands.Length; i++)
        {
            var range = InternalScoreRanges[i];
            var field = $"internalScoreRanges[{i}]";
            if (range is null || range.Risk != Bands[i])
            {
                errors.Add(new($"{field}.risk", $"Range {i + 1} must be {Bands[i]}: {Rule}."));
                return;
            }

            if (range.From != expectedFrom)
            {
                errors.Add(new($"{field}.from", $"{range.Risk} must start at {expectedFrom.ToString(CultureInfo.InvariantCulture)}: {Rule}."));
                return;
            }

            var last = i == Bands.Length - 1;
            if (last ? range.To != MaxScore : range.To < range.From || range.To >= MaxScore)
            {
                errors.Add(new($"{field}.to", last
                    ? $"Red must end at {MaxScore}: {Rule}."
                    : $"{range.Risk} must end at {range.From} or above and below {MaxScore}, so that each status keeps at least one score."));
                return;
            }

            expectedFrom = range.To + 1;
        }
    }

    private static string Hours(double hours) => $"{hours.ToString("0.##", CultureInfo.InvariantCulture)} h";
}
