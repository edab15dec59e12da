using ChangeCoordination.Core;
using ChangeCoordination.Core.Risk;
using Microsoft.AspNetCore.Components;

namespace ChangeCoordination.Web.Features.Methodologies;

/// <summary>
/// A draft's values as a form: the edges, the impact table and the matrix cell by cell, the score ranges, notice and
/// archive days. It validates nothing itself: the service's errors come back in <see cref="Errors"/>, by field.
/// </summary>
public sealed partial class MethodologyEditor
{
    private static readonly RiskStatus[] Risks = [RiskStatus.Green, RiskStatus.Amber, RiskStatus.Red];

    private Form form = default!;
    private (MethodologyValues, string)? loaded;

    /// <summary>The values to start from: the version in force for a new draft, the draft's own for an edit.</summary>
    [Parameter, EditorRequired]
    public required MethodologyValues Initial { get; set; }

    [Parameter]
    public string InitialSummary { get; set; } = "";

    /// <summary>The last save's field errors, keyed as the API names them (summary, values.largeAboveHours...).</summary>
    [Parameter]
    public IDictionary<string, string[]> Errors { get; set; } = new Dictionary<string, string[]>();

    [Parameter]
    public bool Busy { get; set; }

    [Parameter]
    public string SaveLabel { get; set; } = "Save draft";

    [Parameter]
    public EventCallback<MethodologyVersionInput> OnSave { get; set; }

    protected override void OnParametersSet()
    {
        if (loaded != (Initial, InitialSummary))
        {
            loaded = (Initial, InitialSummary);
            form = Form.Of(Initial, InitialSummary);
        }
    }

    private Task SaveAsync() => OnSave.InvokeAsync(new MethodologyVersionInput(form.Summary, form.ToValues()));

    /// <summary>The messages for a field (or, with <paramref name="prefix"/>, for it and its cells), as one line.</summary>
    private string? ErrorFor(string field, bool prefix = false)
    {
        var messages = Errors.Where(e => e.Key == field || (prefix && e.Key.StartsWith(field + "[", StringComparison.Ordinal))).SelectMany(e => e.Value).ToList();
        return messages.Count == 0 ? null : string.Join(" ", messages);
    }

    private string? RangeError(int index, string part) =>
        ErrorFor($"values.internalScoreRanges[{index}].{part}") ?? (part == "from" ? ErrorFor($"values.internalScoreRanges[{index}].risk") : null);

    private sealed class Form
    {
        public string Summary { get; set; } = "";

        public double MediumFromHours { get; set; }

        public double LargeAboveHours { get; set; }

        public Dictionary<(ChangeType, Complexity), Impact> Impacts { get; } = [];

        public Dictionary<(Impact, Probability), RiskStatus> Matrix { get; } = [];

        public RangeForm[] Ranges { get; } = [.. Risks.Select(_ => new RangeForm())];

        public int NoticeWorkingDays { get; set; }

        public int ArchiveAfterDays { get; set; }

        public static Form Of(MethodologyValues values, string summary)
        {
            var form = new Form
            {
                Summary = summary,
                MediumFromHours = values.MediumFromHours,
                LargeAboveHours = values.LargeAboveHours,
                NoticeWorkingDays = values.NoticeWorkingDays,
                ArchiveAfterDays = values.ArchiveAfterDays,
            };
            foreach (var rule in values.Impacts)
            {
                form.Impacts[(rule.Type, rule.Complexity)] = rule.Impact;
            }

            foreach (var cell in values.Matrix)
            {
                form.Matrix[(cell.Impact, cell.Probability)] = cell.Risk;
            }

            for (var i = 0; i < Risks.Length; i++)
            {
                var range = values.InternalScoreRanges.FirstOrDefault(r => r.Risk == Risks[i]);
                form.Ranges[i].From = range?.From ?? 0;
                form.Ranges[i].To = range?.To ?? 0;
            }

            return form;
        }

        public MethodologyValues ToValues() => new(
            MediumFromHours,
            LargeAboveHours,
            [.. Impacts.Select(i => new ImpactRule(i.Key.Item1, i.Key.Item2, i.Value))],
            [.. Matrix.Select(m => new MatrixCell(m.Key.Item1, m.Key.Item2, m.Value))],
            [.. Ranges.Select((r, i) => new ScoreRange(Risks[i], r.From, r.To))],
            NoticeWorkingDays,
            ArchiveAfterDays);
    }

    private sealed class RangeForm
    {
        public int From { get; set; }

        public int To { get; set; }
    }
}
