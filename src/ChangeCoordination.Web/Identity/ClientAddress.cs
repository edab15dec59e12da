namespace ChangeCoordination.Web.Identity;

/// <summary>
/// The address a page was requested from, kept for its circuit: the root component (<c>Routes</c>) receives it from the
/// page request (its parameters travel protected by Data Protection, so the browser cannot change them) and sets it
/// here when the circuit starts. A circuit has no request in flight, so nothing else in it knows the address.
/// </summary>
public sealed class ClientAddress
{
    public string? Value { get; set; }
}
