using System.ComponentModel.DataAnnotations;

namespace ChangeCoordination.Web.Identity;

public enum IdentityMode { Demo, Oidc }

/// <summary>The <c>Identity</c> configuration section.</summary>
public sealed class IdentitySettings : IValidatableObject
{
    public IdentityMode Mode { get; set; } = IdentityMode.Oidc;

    public OidcSettings Oidc { get; set; } = new();

    /// <summary>
    /// Oidc mode: the e-mail of the first Site Owner, recorded at start while nobody is Site Owner, so that a new
    /// installation can sign in and add everyone else on the access page.
    /// </summary>
    public string? FirstSiteOwner { get; set; }

    /// <summary>Demo mode only: the key that signs the tokens of <c>POST /api/v1/dev/token</c>; a random one per start when empty.</summary>
    public string? DemoSigningKey { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Mode == IdentityMode.Oidc && (string.IsNullOrWhiteSpace(Oidc.Authority) || string.IsNullOrWhiteSpace(Oidc.ClientId)))
        {
            yield return new ValidationResult(
                "Identity:Mode is Oidc but Identity:Oidc:Authority or Identity:Oidc:ClientId is empty: set both, or set Identity:Mode=Demo for the built-in demo users.",
                [nameof(Oidc)]);
        }
    }
}

public sealed class OidcSettings
{
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>The audience API bearer tokens must carry; the client id when empty.</summary>
    public string? Audience { get; set; }

    /// <summary>The claim that carries the person's e-mail, by which the product's own records know them.</summary>
    public string EmailClaim { get; set; } = "email";

    /// <summary>The claim that carries the provider's subject, matched against a person's recorded subject before the e-mail.</summary>
    public string SubjectClaim { get; set; } = "sub";

    /// <summary>Whether the provider's metadata must come over HTTPS: only a provider on the loopback (the tests') may turn it off.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;
}
