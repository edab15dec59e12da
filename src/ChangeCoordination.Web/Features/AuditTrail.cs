using ChangeCoordination.Web.Data;
using ChangeCoordination.Web.Identity;

namespace ChangeCoordination.Web.Features;

/// <summary>Appends audit events to the write's own context, so an event lands if and only if its write does.</summary>
public sealed class AuditTrail(TimeProvider clock, IHttpContextAccessor http)
{
    public void Record(ChangeCoordinationDb db, Caller caller, string action, string subject) =>
        db.AuditEvents.Add(new AuditEvent
        {
            At = clock.GetUtcNow(),
            Actor = caller.Email,
            Action = action,
            Subject = subject,
            FromAddress = http.HttpContext?.Connection.RemoteIpAddress?.ToString(),
        });
}
