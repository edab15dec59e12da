using System.Security.Cryptography;

namespace ChangeCoordination.Web.Hosting;

/// <summary>
/// The security headers every answer carries, pages, API and static files alike, with the Content Security Policy
/// the app runs under. Scripts: the app's own files, plus the one inline script Blazor writes (the import map),
/// allowed by a per-request nonce. Styles: inline too, since MudBlazor writes its theme as a style element and
/// positions with style attributes. No eval anywhere; the Blazor circuit and the hub use same-origin WebSockets.
/// </summary>
public static class SecurityHeaders
{
    private const string NonceKey = "csp-nonce";

    /// <summary>The nonce the page's inline scripts must carry.</summary>
    public static string NonceOf(HttpContext context)
    {
        if (context.Items[NonceKey] is not string nonce)
        {
            nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            context.Items[NonceKey] = nonce;
        }

        return nonce;
    }

    public static string PolicyFor(string nonce) =>
        "default-src 'self'; " +
        $"script-src 'self' 'nonce-{nonce}'; " +
        "style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data:; " +
        "font-src 'self' data:; " +
        "connect-src 'self'; " +
        "object-src 'none'; " +
        "base-uri 'self'; " +
        "form-action 'self'; " +
        "frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = PolicyFor(NonceOf(context));
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                return Task.CompletedTask;
            });
            return next(context);
        });
}
