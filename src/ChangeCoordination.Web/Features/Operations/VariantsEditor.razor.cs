using System.Globalization;
using ChangeCoordination.Core.Operations;
using Microsoft.AspNetCore.Components;

namespace ChangeCoordination.Web.Features.Operations;

/// <summary>
/// The business process to SRV table as a form (rows added, edited and removed), or read-only. It validates nothing
/// itself: the service's errors come back in <see cref="Errors"/>, keyed as the API names them ([3].srv).
/// </summary>
public sealed partial class VariantsEditor
{
    private List<RowForm> rows = [];
    private VariantTableResponse? loaded;

    [Parameter, EditorRequired]
    public required VariantTableResponse Table { get; set; }

    [Parameter]
    public bool CanEdit { get; set; }

    [Parameter]
    public IDictionary<string, string[]> Errors { get; set; } = new Dictionary<string, string[]>();

    [Parameter]
    public bool Busy { get; set; }

    [Parameter]
    public EventCallback<IReadOnlyList<VariantRuleInput>> OnSave { get; set; }

    protected override void OnParametersSet()
    {
        if (!ReferenceEquals(loaded, Table))
        {
            loaded = Table;
            rows = [.. Table.Variants.Select(v => new RowForm { Srv = v.Srv, Process = v.Process.ToString(), TargetSeconds = v.TargetSeconds, Name = v.Name })];
        }
    }

    /// <summary>A target as a person reads it: 30 s, 24 h, 1 h 30 min.</summary>
    public static string Duration(int? seconds)
    {
        if (seconds is not { } s || s < 1)
        {
            return "";
        }

        var span = TimeSpan.FromSeconds(s);
        var parts = new List<string>();
        if ((int)span.TotalHours > 0)
        {
            parts.Add(((int)span.TotalHours).ToString(CultureInfo.InvariantCulture) + " h");
        }

        if (span.Minutes > 0)
        {
            parts.Add(span.Minutes.ToString(CultureInfo.InvariantCulture) + " min");
        }

        if (span.Seconds > 0)
        {
            parts.Add(span.Seconds.ToString(CultureInfo.InvariantCulture) + " s");
        }

        return string.Join(" ", parts);
    }

    private static Dictionary<string, object> Label(string label) => new() { ["aria-label"] = label };

    private void Add() => rows.Add(new RowForm { Process = nameof(BusinessProcess.InstallAndCommission), TargetSeconds = 30 });

    private Task SaveAsync() =>
        OnSave.InvokeAsync([.. rows.Select(r => new VariantRuleInput(r.Srv, r.Process, r.TargetSeconds, r.Name))]);

    private string? ErrorFor(string field) =>
        Errors.TryGetValue(field, out var messages) && messages.Length > 0 ? string.Join(" ", messages) : null;

    private sealed class RowForm
    {
        public string? Srv { get; set; }

        public string Process { get; set; } = "";

        public int? TargetSeconds { get; set; }

        public string? Name { get; set; }
    }
}
