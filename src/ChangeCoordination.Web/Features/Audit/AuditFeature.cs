namespace ChangeCoordination.Web.Features.Audit;

/// <summary>
/// The audit room: the search of the append-only audit log (<see cref="AuditLog"/>, mapped by
/// <see cref="AuditEndpoints"/>). The trail every write appends to is shared by all the features and registered in
/// <c>Hosting/</c>.
/// </summary>
public static class AuditFeature
{
    public static WebApplicationBuilder AddAuditFeature(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AuditLog>();
        return builder;
    }
}
