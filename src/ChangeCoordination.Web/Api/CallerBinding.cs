using ChangeCoordination.Web.Identity;

namespace ChangeCoordination.Web.Api;

/// <summary>Lets endpoints take the signed-in <see cref="Caller"/> as a parameter.</summary>
public static class CallerBinding
{
    public static Caller Require(HttpContext context) =>
        Caller.From(context.User, context.Connection.RemoteIpAddress?.ToString()) ?? throw new InvalidOperationException("The endpoint must require a signed-in policy before it reads the caller.");
}
