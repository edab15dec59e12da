using System.Security.Cryptography;
using System.Text;
using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Web.Api;
using ChangeCoordination.Web.Data;
using ChangeCoordination.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace ChangeCoordination.Web.Features.Access;

public sealed record ApiKeyInput(string? Name, string? Organisation);

/// <summary>An API key as the Site Owner sees it; <see cref="Key"/> is the whole key, present only in the answer to its issue.</summary>
public sealed record ApiKeyResponse(
    int Id,
    string Name,
    string Organisation,
    string Prefix,
    DateTimeOffset IssuedAt,
    string IssuedBy,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? RevokedAt,
    string? Key);

/// <summary>
/// API keys for DCC User organisations' systems. A key is <c>cc_</c> and 256 random bits; only its SHA-256 is kept. A
/// plain hash (no salt, no slow KDF) is enough because the secret is random and 256 bits long: there is no dictionary
/// to attack, and a fast hash lets every API call be checked by one indexed lookup.
/// </summary>
public sealed class ApiKeys(IDbContextFactory<ChangeCoordinationDb> dbFactory, AuditTrail audit, TimeProvider clock)
{
    public const string KeyPrefix = "cc_";

    /// <summary>How stale "last used" may be: a key used constantly costs one write a minute, not one per call.</summary>
    private static readonly TimeSpan LastUsedGrain = TimeSpan.FromMinutes(1);

    public async Task<Outcome<ApiKeyResponse>> IssueAsync(Caller caller, ApiKeyInput input, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var name = InputParsing.Text(input.Name, "name", ChangeLimits.TitleMaxLength, errors, "Name the key after the system that will use it, for example 'Release pipeline'.");
        var organisationName = InputParsing.Text(input.Organisation, "organisation", ChangeLimits.TitleMaxLength, errors, "Name the DCC User organisation the key is for, for example 'Supplier A'.");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var organisation = organisationName is null ? null : await db.Organisations.SingleOrDefaultAsync(o => o.Name == organisationName, cancellationToken);
        if (organisationName is not null && (organisation is null || organisation.Kind == OrganisationKind.Dcc))
        {
            var known = await db.Organisations.Where(o => o.Kind != OrganisationKind.Dcc).OrderBy(o => o.Name).Select(o => o.Name).ToListAsync(cancellationToken);
            errors.Add("organisation", $"API keys are for DCC User organisations: choose one of {(known.Count == 0 ? "(none yet: add a DCC User first)" : string.Join(", ", known))}.");
        }

        if (errors.Any)
        {
            return Outcome.Invalid<ApiKeyResponse>(errors);
        }

        var key = KeyPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var row = new ApiKey
        {
            Name = name!,
            OrganisationId = organisation!.Id,
            SecretHash = Hash(key),
            Prefix = key[..10],
            IssuedAt = clock.GetUtcNow(),
            IssuedBy = caller.Email,
        };
        db.ApiKeys.Add(row);
        audit.Record(db, caller, "api-key.issued", $"{row.Name} ({organisation.Name}, {row.Prefix})");
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Created(ToResponse(row, organisation.Name, key));
    }

    public async Task<IReadOnlyList<ApiKeyResponse>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.ApiKeys.AsNoTracking().Include(k => k.Organisation).OrderBy(k => k.Id).ToListAsync(cancellationToken);
        return [.. rows.Select(k => ToResponse(k, k.Organisation!.Name, null))];
    }

    public async Task<bool> RevokeAsync(Caller caller, int id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.ApiKeys.Include(k => k.Organisation).SingleOrDefaultAsync(k => k.Id == id && k.RevokedAt == null, cancellationToken);
        if (row is null)
        {
            return false;
        }

        row.RevokedAt = clock.GetUtcNow();
        audit.Record(db, caller, "api-key.revoked", $"{row.Name} ({row.Organisation!.Name}, {row.Prefix})");
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>The DCC User a live key stands for, noting when it was last used; null for an unknown or revoked key.</summary>
    public async Task<Caller?> AuthenticateAsync(string key, CancellationToken cancellationToken)
    {
        if (!key.StartsWith(KeyPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var hash = Hash(key);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.ApiKeys.AsNoTracking()
            .Where(k => k.SecretHash == hash && k.RevokedAt == null)
            .Select(k => new { k.Id, k.Name, k.Prefix, k.OrganisationId, Organisation = k.Organisation!.Name, k.LastUsedAt })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        if (row.LastUsedAt is not { } last || now - last >= LastUsedGrain)
        {
            await db.ApiKeys.Where(k => k.Id == row.Id).ExecuteUpdateAsync(u => u.SetProperty(k => k.LastUsedAt, now), cancellationToken);
        }

        return new Caller($"api-key:{row.Prefix}", $"{row.Name} (API key)", PartyRole.DccUser, row.OrganisationId, row.Organisation, false);
    }

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static ApiKeyResponse ToResponse(ApiKey key, string organisation, string? secret) =>
        new(
            key.Id,
            key.Name,
            organisation,
            key.Prefix,
            LondonTime.ToLondon(key.IssuedAt),
            key.IssuedBy,
            key.LastUsedAt is { } used ? LondonTime.ToLondon(used) : null,
            key.RevokedAt is { } revoked ? LondonTime.ToLondon(revoked) : null,
            secret);
}
