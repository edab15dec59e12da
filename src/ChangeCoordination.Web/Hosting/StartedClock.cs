using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace ChangeCoordination.Web.Hosting;

/// <summary>
/// A clock that reads <see cref="Start"/> when the app starts and runs at real speed from there. It is what
/// <c>Clock:Start</c> (an ISO 8601 instant with its offset) asks for: the browser tests, and a rehearsal of another
/// day, run the whole app as if on that date. Timers and timestamps stay the system's, so only "now" moves; and so
/// does sign-in (<see cref="KeepSignInOnRealTime"/>), whose cookies and tokens the browser and the identity provider
/// judge by their own, real clocks.
/// </summary>
public sealed class StartedClock : TimeProvider
{
    public const string Setting = "Clock:Start";

    private readonly long startedAt = System.GetTimestamp();

    public StartedClock(DateTimeOffset start) => Start = start;

    public DateTimeOffset Start { get; }

    public override DateTimeOffset GetUtcNow() => Start.ToUniversalTime() + System.GetElapsedTime(startedAt);

    /// <summary>The system clock, or a started one when <c>Clock:Start</c> is set; refused in Production.</summary>
    public static TimeProvider FromConfiguration(IConfiguration configuration, IHostEnvironment environment)
    {
        var text = configuration[Setting];
        if (string.IsNullOrWhiteSpace(text))
        {
            return System;
        }

        if (environment.IsProduction())
        {
            throw new OptionsValidationException("Clock", typeof(StartedClock), [
                $"{Setting} is refused in Production: the TOC must see today's risk. Remove the setting."]);
        }

        if (!DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
            || start.Year < 2000 || start.Year > 2100)
        {
            throw new OptionsValidationException("Clock", typeof(StartedClock), [
                $"{Setting} must be an ISO 8601 instant with its offset between the years 2000 and 2100, such as 2027-11-30T10:00:00Z; it is '{text}'."]);
        }

        return new StartedClock(start);
    }

    /// <summary>
    /// Every authentication scheme reads the system clock, not the app's: a session cookie or an OpenID Connect
    /// correlation cookie dated by a started clock a day behind would be expired in the browser before it is sent.
    /// </summary>
    public static void KeepSignInOnRealTime(IServiceCollection services)
    {
        services.PostConfigureAll<AuthenticationSchemeOptions>(o => o.TimeProvider = System);
        services.PostConfigureAll<CookieAuthenticationOptions>(o => o.TimeProvider = System);
        services.PostConfigureAll<JwtBearerOptions>(o => o.TimeProvider = System);
        services.PostConfigureAll<OpenIdConnectOptions>(o => o.TimeProvider = System);
    }
}
