using ChangeCoordination.Web.Data;
using ChangeCoordination.Web.Identity;

namespace ChangeCoordination.Web.Features;

/// <summary>Appends audit events to the write's own context, so an event lands if and only if its write does.</summary>
public sealed class AuditTrail(TimeProvider clock)
{
    /// <summary>The actor of what the product does by itself (retention, support plans, the first methodology version).</summary>
    public const string System = "Change Coordination";

    /// <summary>Records what the product did by itself, with no caller and no address.</summary>
    public void RecordSystem(ChangeCoordinationDb db, string action, string subject) =>
        db.AuditEvents.Add(new AuditEvent { At = clock.GetUtcNow(), Actor = System, Action = action, Subject = subject });

    /// <summary>Records what a caller did, from the address the caller carries (the request's, or the page circuit's).</summary>
    public void Record(ChangeCoordinationDb db, Caller caller, string action, string subject) =>
        db.AuditEvents.Add(new AuditEvent
        {
            At = clock.GetUtcNow(),
            Actor = caller.Email,
            Action = action,
            Subject = subject,
            FromAddress = caller.Address,
        });
}
