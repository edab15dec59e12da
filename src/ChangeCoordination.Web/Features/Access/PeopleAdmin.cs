using ChangeCoordination.Web.Api;
using ChangeCoordination.Web.Data;
using ChangeCoordination.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace ChangeCoordination.Web.Features.Access;

public sealed record PersonInput(string? Email, string? DisplayName, string? Role, string? Organisation, bool? HasDetailAccess, string? Subject);

public sealed record PersonResponse(int Id, string Email, string? Subject, string DisplayName, PartyRole Role, string Organisation, bool HasDetailAccess, int Revision);

/// <summary>
/// The Site Owner's records of who may use the product: each person's role, organisation and, for DCC staff, the
/// detail-access grant. Every change is audited, and the people directory forgets its cache at once.
/// </summary>
public sealed class PeopleAdmin(IDbContextFactory<ChangeCoordinationDb> dbFactory, PeopleDirectory directory, AuditTrail audit, Live.LiveBus bus)
{
    public async Task<IReadOnlyList<PersonResponse>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.People.AsNoTracking()
            .OrderBy(p => p.Organisation!.Name).ThenBy(p => p.Email)
            .Select(p => new PersonResponse(p.Id, p.Email, p.Subject, p.DisplayName, p.Role, p.Organisation!.Name, p.HasDetailAccess, p.Revision))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Every organisation's name, or only the DCC User organisations'.</summary>
    public async Task<IReadOnlyList<string>> OrganisationsAsync(bool usersOnly, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Organisations.AsNoTracking()
            .Where(o => !usersOnly || o.Kind != OrganisationKind.Dcc)
            .OrderBy(o => o.Name)
            .Select(o => o.Name)
            .ToListAsync(cancellationToken);
    }

    public async Task<Outcome<PersonResponse>> AddAsync(Caller caller, PersonInput input, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var email = InputParsing.Text(input.Email, "email", 320, errors, "Give the person's e-mail, as their organisation's sign-in sends it.")?.ToLowerInvariant();
        if (email is not null && !email.Contains('@', StringComparison.Ordinal))
        {
            errors.Add("email", "An e-mail has an @: for example dana.reid@dcc.example.");
        }

        var displayName = InputParsing.Text(input.DisplayName, "displayName", 200, errors, "Give the person's name as others should see it.");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (role, organisation, subject) = await ValidateAsync(db, input, errors, cancellationToken);
        if (email is not null && await db.People.AnyAsync(p => p.Email == email, cancellationToken))
        {
            errors.Add("email", "Someone with this e-mail is already recorded: change their role or organisation instead.");
        }

        if (errors.Any)
        {
            return Outcome.Invalid<PersonResponse>(errors);
        }

        var person = new Person
        {
            Email = email!,
            DisplayName = displayName!,
            Role = role!.Value,
            Organisation = organisation,
            HasDetailAccess = input.HasDetailAccess == true,
            Subject = subject,
        };
        db.People.Add(person);
        audit.Record(db, caller, "person.added", $"{person.Email}: {person.Role}, {organisation!.Name}");
        if (person.HasDetailAccess)
        {
            audit.Record(db, caller, "detail-access.granted", person.Email);
        }

        await db.SaveChangesAsync(cancellationToken);
        directory.ForgetAll();
        bus.Announce(new Live.LiveNews(Live.LiveNewsKind.People));
        return Outcome.Created(new PersonResponse(person.Id, person.Email, person.Subject, person.DisplayName, person.Role, organisation.Name, person.HasDetailAccess, person.Revision));
    }

    /// <summary>
    /// Changes a person's name, role, organisation, subject or grant from the revision the caller saw; the e-mail
    /// stays, as it is who they are.
    /// </summary>
    public async Task<Outcome<PersonResponse>> ChangeAsync(Caller caller, int id, int? ifMatch, PersonInput input, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var person = await db.People.Include(p => p.Organisation).SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (person is null)
        {
            return Outcome.NotFound<PersonResponse>();
        }

        if (ifMatch is null)
        {
            return Outcome.PreconditionRequired<PersonResponse>();
        }

        if (ifMatch != person.Revision)
        {
            return Outcome.Stale<PersonResponse>(person.Revision);
        }

        var errors = new FieldErrors();
        var displayName = InputParsing.Text(input.DisplayName ?? person.DisplayName, "displayName", 200, errors, "'displayName' cannot be blank: give the person's name as others should see it, or leave it out to keep it.");
        var (role, organisation, subject) = await ValidateAsync(db, input with
        {
            Role = input.Role ?? person.Role.ToString(),
            Organisation = input.Organisation ?? person.Organisation!.Name,
            HasDetailAccess = input.HasDetailAccess ?? person.HasDetailAccess,
            Subject = input.Subject ?? person.Subject,
        }, errors, cancellationToken, person.Id);
        if (errors.Any)
        {
            return Outcome.Invalid<PersonResponse>(errors);
        }

        if (person.Role == PartyRole.SiteOwner && role != PartyRole.SiteOwner
            && !await db.People.AnyAsync(p => p.Role == PartyRole.SiteOwner && p.Id != person.Id, cancellationToken))
        {
            return Outcome.Conflict<PersonResponse>("This is the last Site Owner: make someone else Site Owner first, or nobody could manage access. Nothing was changed.");
        }

        var grant = input.HasDetailAccess ?? person.HasDetailAccess;
        if (role != person.Role || organisation!.Id != person.OrganisationId)
        {
            audit.Record(db, caller, "person.changed", $"{person.Email}: {person.Role}, {person.Organisation!.Name} -> {role}, {organisation!.Name}");
        }

        if (grant != person.HasDetailAccess)
        {
            audit.Record(db, caller, grant ? "detail-access.granted" : "detail-access.withdrawn", person.Email);
        }

        if (displayName != person.DisplayName || subject != person.Subject)
        {
            audit.Record(db, caller, "person.renamed", person.Email);
        }

        person.DisplayName = displayName!;
        person.Role = role!.Value;
        person.Organisation = organisation;
        person.HasDetailAccess = grant;
        person.Subject = subject;
        person.Revision++;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        directory.ForgetAll();
        bus.Announce(new Live.LiveNews(Live.LiveNewsKind.People));
        return Outcome.Done(new PersonResponse(person.Id, person.Email, person.Subject, person.DisplayName, person.Role, organisation.Name, person.HasDetailAccess, person.Revision));
    }

    /// <summary>Records the configured first Site Owner (Identity:FirstSiteOwner) while the installation has none.</summary>
    public static async Task EnsureFirstSiteOwnerAsync(ChangeCoordinationDb db, string? email, TimeProvider clock)
    {
        if (string.IsNullOrWhiteSpace(email) || await db.People.AnyAsync(p => p.Role == PartyRole.SiteOwner))
        {
            return;
        }

        var normalised = email.Trim().ToLowerInvariant();
        var dcc = await db.Organisations.FirstOrDefaultAsync(o => o.Kind == OrganisationKind.Dcc)
            ?? db.Organisations.Add(new Organisation { Name = DemoIdentities.Dcc, Kind = OrganisationKind.Dcc }).Entity;
        var person = await db.People.SingleOrDefaultAsync(p => p.Email == normalised)
            ?? db.People.Add(new Person { Email = normalised, DisplayName = normalised }).Entity;
        person.Role = PartyRole.SiteOwner;
        person.Organisation = dcc;
        db.AuditEvents.Add(new AuditEvent { At = clock.GetUtcNow(), Actor = "configuration", Action = "person.added", Subject = $"{normalised}: SiteOwner, {dcc.Name} (Identity:FirstSiteOwner)" });
        await db.SaveChangesAsync();
    }

    private static async Task<(PartyRole? Role, Organisation? Organisation, string? Subject)> ValidateAsync(
        ChangeCoordinationDb db, PersonInput input, FieldErrors errors, CancellationToken cancellationToken, int? personId = null)
    {
        var role = InputParsing.Enum<PartyRole>(input.Role, "role", errors);
        var organisationName = InputParsing.Text(input.Organisation, "organisation", ChangeLimits.TitleMaxLength, errors, "Name the person's organisation: DCC for DCC staff and the wall display.");
        var subject = string.IsNullOrWhiteSpace(input.Subject) ? null : input.Subject.Trim();
        var organisation = organisationName is null ? null : await db.Organisations.SingleOrDefaultAsync(o => o.Name == organisationName, cancellationToken);
        if (role is { } r && organisationName is not null)
        {
            var isDcc = organisation?.Kind == OrganisationKind.Dcc;
            if (r == PartyRole.DccUser && isDcc)
            {
                errors.Add("organisation", "A DCC User belongs to a supplier or network operator, not to the DCC: choose their organisation.");
            }
            else if (r != PartyRole.DccUser && !isDcc)
            {
                errors.Add("organisation", $"A {DemoIdentities.Describe(r)} belongs to the DCC: choose the DCC organisation.");
            }
            else if (organisation is null)
            {
                organisation = new Organisation { Name = organisationName, Kind = OrganisationKind.OtherUser };
                db.Organisations.Add(organisation);
            }

            if (input.HasDetailAccess == true && r is PartyRole.DccUser or PartyRole.WallDisplay)
            {
                errors.Add("hasDetailAccess", "Detail access is granted to DCC staff only: a DCC User sees its own organisation's changes in full, and the wall display never sees details.");
            }
        }

        if (subject is not null && await db.People.AnyAsync(p => p.Subject == subject && p.Id != personId, cancellationToken))
        {
            errors.Add("subject", "Another person already has this subject: each sign-in account belongs to one person.");
        }

        return (role, organisation, subject);
    }
}
