using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ChangeCoordination.Web.Identity;

/// <summary>Signs the bearer tokens that <c>POST /api/v1/dev/token</c> hands to demo identities.</summary>
public sealed class DemoTokenIssuer
{
    public const string Issuer = "change-coordination-demo";
    public const string Audience = "change-coordination-api";
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);
    public DemoTokenIssuer(IOptions<IdentitySettings> settings)
    {
        var configured = settings.Value.DemoSigningKey;
        var keyBytes = string.IsNullOrWhiteSpace(configured) ? RandomNumberGenerator.GetBytes(32) : SHA256.HashData(Encoding.UTF8.GetBytes(configured));
        Key = new SymmetricSecurityKey(keyBytes);
    }

    public SymmetricSecurityKey Key { get; }

    public string Issue(string email)
    {
        // Token lifetimes are checked against the real clock, whatever clock the app's rules run on.
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity([new Claim("sub", email), new Claim("email", email)]),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + Lifetime,
            SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.HmacSha256),
        });
    }
}
