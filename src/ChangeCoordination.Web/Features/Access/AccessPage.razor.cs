using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Web.Api;
using ChangeCoordination.Web.Data;
using ChangeCoordination.Web.Features.Notifications;
using ChangeCoordination.Web.Identity;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace ChangeCoordination.Web.Features.Access;

public sealed partial class AccessPage
{
    private List<PersonRow> people = [];
    private IReadOnlyList<string> organisations = [];
    private IReadOnlyList<string> userOrganisations = [];
    private IReadOnlyList<ApiKeyResponse> keys = [];
    private IReadOnlyList<FailedEmailResponse> failedEmails = [];
    private int failedEmailCount;
    private NewPerson newPerson = new();
    private string? keyName;
    private string? keyOrganisation;
    private string? issuedKey;
    private string? message;
    private bool failed;
    private bool busy;
    private Caller caller = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private ClientAddress ClientAddress { get; set; } = default!;

    [Inject]
    private PeopleAdmin People { get; set; } = default!;

    [Inject]
    private ApiKeys Keys { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private FailedEmails Emails { get; set; } = default!;

    private string FailedEmailSummary => failedEmailCount switch
    {
        0 => "None: every e-mail has gone or is still being tried.",
        1 => "1 e-mail ran out of attempts. Try it again once the mail server is fixed.",
        _ when failedEmailCount > failedEmails.Count => $"{failedEmailCount} e-mails ran out of attempts; the latest {failedEmails.Count} are listed. Try them again once the mail server is fixed.",
        _ => $"{failedEmailCount} e-mails ran out of attempts. Try them again once the mail server is fixed.",
    };

    protected override async Task OnInitializedAsync()
    {
        caller = Caller.From((await AuthenticationState).User, ClientAddress.Value)!;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        people = [.. (await People.ListAsync(CancellationToken.None)).Select(p => new PersonRow(p))];
        organisations = await People.OrganisationsAsync(usersOnly: false, CancellationToken.None);
        userOrganisations = await People.OrganisationsAsync(usersOnly: true, CancellationToken.None);
        keys = await Keys.ListAsync(CancellationToken.None);
        (failedEmailCount, failedEmails) = await Emails.ListAsync(CancellationToken.None);
    }

    private Task SaveAsync(PersonRow row) => RunAsync(async () =>
    {
        var outcome = await People.ChangeAsync(caller, row.Id, row.Revision, new PersonInput(null, null, row.Role.ToString(), row.Organisation, row.HasDetailAccess, null), CancellationToken.None);
        return Describe(outcome, $"{row.DisplayName}: saved.");
    });

    private Task AddAsync() => RunAsync(async () =>
    {
        var outcome = await People.AddAsync(
            caller,
            new PersonInput(newPerson.Email, newPerson.DisplayName, newPerson.Role.ToString(), newPerson.Organisation, newPerson.HasDetailAccess, null),
            CancellationToken.None);
        if (outcome.Kind == OutcomeKind.Created)
        {
            newPerson = new NewPerson();
        }

        return Describe(outcome, $"{outcome.Value?.DisplayName} added.");
    });

    private Task IssueAsync() => RunAsync(async () =>
    {
        var outcome = await Keys.IssueAsync(caller, new ApiKeyInput(keyName, keyOrganisation), CancellationToken.None);
        issuedKey = outcome.Value?.Key;
        if (outcome.Kind == OutcomeKind.Created)
        {
            keyName = null;
        }

        return Describe(outcome, $"Key issued to {outcome.Value?.Organisation}.");
    });

    /// <summary>Revoking cannot be undone and stops a User's system at once, so the Site Owner confirms it first.</summary>
    private async Task RevokeAsync(ApiKeyResponse key)
    {
        var revoke = await Dialogs.ShowMessageBoxAsync(
            $"Revoke {key.Name}?",
            $"The key {key.Prefix}… of {key.Organisation} stops opening the API at once, and a revoked key cannot be restored: the system will need a new key.",
            yesText: "Revoke the key",
            cancelText: "Keep it");
        if (revoke == true)
        {
            await RunAsync(async () =>
                await Keys.RevokeAsync(caller, key.Id, CancellationToken.None) ? (false, $"{key.Name} revoked: it no longer opens the API.") : (true, "That key was already revoked."));
        }
    }

    private Task RetryAsync(FailedEmailResponse email) => RunAsync(async () =>
        await Emails.RetryAsync(caller, email.Id, CancellationToken.None) ? (false, $"The e-mail to {email.Recipient} is back in the outbox.") : (true, "That e-mail is no longer failed."));

    private async Task RunAsync(Func<Task<(bool Failed, string Message)>> action)
    {
        busy = true;
        issuedKey = null;
        try
        {
            (failed, message) = await action();
            await LoadAsync();
        }
        finally
        {
            busy = false;
        }
    }

    private static (bool, string) Describe<T>(Outcome<T> outcome, string success) => outcome.Kind switch
    {
        OutcomeKind.Ok or OutcomeKind.Created => (false, success),
        OutcomeKind.Invalid => (true, "Nothing was changed: " + string.Join(" ", outcome.Errors!.ToDictionary().SelectMany(e => e.Value))),
        OutcomeKind.Conflict => (true, outcome.Detail!),
        OutcomeKind.Stale => (true, "Someone else changed this person meanwhile: their record is shown as it now stands. Nothing was changed; make your change again."),
        _ => (true, "That person is no longer recorded: reload the page."),
    };

    private static string When(DateTimeOffset instant) => LondonTime.ToLondon(instant).ToString("ddd d MMM yyyy HH:mm", UkEnglish.Culture);

    private sealed class PersonRow(PersonResponse person)
    {
        public int Id { get; } = person.Id;

        public int Revision { get; } = person.Revision;

        public string Email { get; } = person.Email;

        public string DisplayName { get; } = person.DisplayName;

        public PartyRole Role { get; set; } = person.Role;

        public string Organisation { get; set; } = person.Organisation;

        public bool HasDetailAccess { get; set; } = person.HasDetailAccess;

        public bool Changed => Role != person.Role || Organisation != person.Organisation || HasDetailAccess != person.HasDetailAccess;
    }

    private sealed class NewPerson
    {
        public string? Email { get; set; }

        public string? DisplayName { get; set; }

        public PartyRole Role { get; set; } = PartyRole.DccUser;

        public string? Organisation { get; set; }

        public bool HasDetailAccess { get; set; }
    }
}
