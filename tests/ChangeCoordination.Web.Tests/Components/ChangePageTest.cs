using System.Globalization;
using System.Security.Claims;
using Bunit;
using ChangeCoordination.Web.Data;
using ChangeCoordination.Web.Features;
using ChangeCoordination.Web.Features.Changes;
using ChangeCoordination.Web.Identity;
using ChangeCoordination.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChangeCoordination.Web.Tests.Components;

/// <summary>
/// Component tests of the DCC User's change pages: the base's rule book, ledger and clock, and a real
/// <see cref="ChangeService"/> over the test app's fresh database, signed in as Supplier A's user.
/// </summary>
public abstract class ChangePageTest : ComponentTest, IClassFixture<CalendarAppFactory>
{
    protected ChangePageTest(AppFactory app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var dbFactory = app.Services.GetRequiredService<IDbContextFactory<ChangeCoordinationDb>>();
        DbFactory = dbFactory;
        using (var db = dbFactory.CreateDbContext())
        {
            var organisation = db.Organisations.Single(o => o.Name == "Supplier A");
            Caller = new Caller(DemoUsers.SupplierA, "Alex Morgan", PartyRole.DccUser, organisation.Id, organisation.Name, HasDetailAccess: false);
        }

        var audit = new AuditTrail(Clock);
        var metrics = TestMetrics.Create();
        Service = new ChangeService(dbFactory, Rules, Ledger, Clock, audit, app.Services.GetRequiredService<Features.Notifications.NotificationService>(), app.Services.GetRequiredService<Data.FieldProtection>(), new RevisionedWriter(dbFactory, audit, metrics), metrics);
        Services.AddSingleton(Service);
        var authorization = AddAuthorization();
        authorization.SetAuthorized(Caller.DisplayName);
        authorization.SetClaims(
            new Claim(ClaimTypes.Email, Caller.Email),
            new Claim(CallerClaims.Role, nameof(PartyRole.DccUser)),
            new Claim(CallerClaims.OrganisationId, Caller.OrganisationId.ToString(CultureInfo.InvariantCulture)),
            new Claim(CallerClaims.OrganisationName, Caller.OrganisationName),
            new Claim(CallerClaims.DisplayName, Caller.DisplayName));
    }

    protected Caller Caller { get; }

    /// <summary>The test app's database, for what no page or API writes (a disposed change's tombstone).</summary>
    protected IDbContextFactory<ChangeCoordinationDb> DbFactory { get; }

    protected ChangeService Service { get; }

    /// <summary>A planned User System change notified through the service, as the API would.</summary>
    protected async Task<ChangeResponse> NotifyAsync(string start = "2027-01-12T20:00:00+00:00", string end = "2027-01-12T22:00:00+00:00")
    {
        var outcome = await Service.NotifyAsync(Caller, new ChangeInput("Planned", "UserSystem", start, end, "Head-end upgrade.", null), CancellationToken.None);
        return outcome.Value ?? throw new InvalidOperationException($"Notify failed: {outcome.Kind}");
    }
}
