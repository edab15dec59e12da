using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace ChangeCoordination.Web.Hosting;

/// <summary>One limit: so many requests in a fixed window.</summary>
public sealed class RateLimit
{
    [Range(1, int.MaxValue)]
    public int PermitLimit { get; set; }

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// The <c>RateLimits</c> configuration section. Sign-in is limited per client address; the API per caller (the
/// signed-in person, or the address before sign-in). The defaults are far above what a person or the load tools send.
/// </summary>
public sealed class RateLimitSettings
{
    [Required]
    public RateLimit SignIn { get; set; } = new() { PermitLimit = 100 };

    [Required]
    public RateLimit Api { get; set; } = new() { PermitLimit = 6000 };
}

public static class RateLimits
{
    public const string SignInPolicy = "sign-in";

    public static WebApplicationBuilder AddChangeCoordinationRateLimits(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection("RateLimits").Get<RateLimitSettings>() ?? new RateLimitSettings();
        builder.Services.AddOptions<RateLimitSettings>().BindConfiguration("RateLimits").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddRateLimiter(options =>
        {
            options.AddPolicy(SignInPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                "sign-in:" + AddressOf(context),
                _ => Window(settings.SignIn)));
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                context.Request.Path.StartsWithSegments("/api")
                    ? RateLimitPartition.GetFixedWindowLimiter("api:" + CallerOf(context), _ => Window(settings.Api))
                    : RateLimitPartition.GetNoLimiter(""));
            options.OnRejected = RejectAsync;
        });
        return builder;
    }

    private static FixedWindowRateLimiterOptions Window(RateLimit limit) =>
        new() { PermitLimit = limit.PermitLimit, Window = limit.Window, QueueLimit = 0, AutoReplenishment = true };

    private static string AddressOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static string CallerOf(HttpContext context) =>
        context.User.FindFirstValue(ClaimTypes.Email) is { Length: > 0 } email ? "person:" + email : "address:" + AddressOf(context);

    /// <summary>429 as problem details, with Retry-After in seconds.</summary>
    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var response = rejected.HttpContext.Response;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await Results.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many requests",
            detail: $"This client sent more requests than the limit allows: try again in {seconds} s.")
            .ExecuteAsync(rejected.HttpContext);
    }
}
