using System.Globalization;
using ChangeCoordination.Core;
using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Web.Features.Reviews;
using ChangeCoordination.Web.Identity;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace ChangeCoordination.Web.Features.Changes;

/// <summary>The caller's organisation's changes: search, filter, sort, and the same rows as CSV.</summary>
public sealed partial class ChangesPage
{
    private const string Upcoming = "upcoming";
    private const string Past = "past";
    private const string Any = "any";
    private const string AwaitingReview = "awaiting-review";

    private List<ChangeResponse> all = [];
    private List<ChangeResponse> visible = [];
    private string? organisation;
    private string? search;
    private ChangeStatus? status;
    private ChangeType? type;
    private string when = Upcoming;
    private bool lateOnly;
    private bool loading = true;
    private string csvHref = "";
    private int thisYear;
    private int awaitingCount;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private ClientAddress ClientAddress { get; set; } = default!;

    [Inject]
    private ChangeService Service { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    private string CsvFileName => $"changes-{LondonTime.DateOf(Clock.GetUtcNow()).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.csv";

    protected override async Task OnInitializedAsync()
    {
        thisYear = LondonTime.DateOf(Clock.GetUtcNow()).Year;
        if (Caller.From((await AuthenticationState).User, ClientAddress.Value) is { } caller)
        {
            organisation = caller.OrganisationName;
            all = [.. await Service.ListAsync(caller, null, null, null, awaitingReview: false, CancellationToken.None)];
        }

        loading = false;
        Filter();
    }

    /// <summary>Whether a change matches a search: reference, type, kind, description, devices, manufacturer, model or firmware.</summary>
    private static bool Matches(ChangeResponse change, string? search)
    {
        if (string.IsNullOrWhiteSpace(search))
        {
            return true;
        }

        var words = new List<string?> { change.Reference, change.Type.ToString(), ChangeText.Type(change.Type), change.Kind.ToString(), change.Description };
        foreach (var combination in change.DeviceCombinations ?? [])
        {
            words.Add(ChangeText.Combination(combination));
        }

        var needle = search.Trim();
        return words.Any(w => w?.Contains(needle, StringComparison.OrdinalIgnoreCase) == true);
    }

    /// <summary>The change's description on one line (its line breaks as spaces), or null before the short form's description follows.</summary>
    private static string? Summary(ChangeResponse change) =>
        string.IsNullOrWhiteSpace(change.Description) ? null : string.Join(' ', change.Description.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private void OnSearchChanged(string? value)
    {
        search = value;
        Filter();
    }

    private void OnStatusChanged(ChangeStatus? value)
    {
        status = value;
        Filter();
    }

    private void OnTypeChanged(ChangeType? value)
    {
        type = value;
        Filter();
    }

    private void OnWhenChanged(string value)
    {
        when = value;
        Filter();
    }

    private void OnLateOnlyChanged(bool value)
    {
        lateOnly = value;
        Filter();
    }

    private void Filter()
    {
        var now = Clock.GetUtcNow();
        visible = [.. all.Where(c =>
            Matches(c, search)
            && (status is null || c.Status == status)
            && (type is null || c.Type == type)
            && (!lateOnly || c.LateNotice)
            && when switch
            {
                Upcoming => c.End > now,
                Past => c.End <= now,
                AwaitingReview => ReviewRules.IsAwaiting(c, now),
                _ => true,
            })];
        csvHref = ChangeCsv.DataUri(visible);
        awaitingCount = all.Count(c => ReviewRules.IsAwaiting(c, now));
    }
}
