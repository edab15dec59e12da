using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using ChangeCoordination.Web.Identity;
using ChangeCoordination.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;

namespace ChangeCoordination.Web.Tests.Components;

/// <summary>
/// One base for a page tested over the real services and database of an <see cref="AppFactory"/>: loose JS interop,
/// MudBlazor, the app's own instances of the services the page injects, a page clock that starts at the app's and a
/// test may move on, and a member of the DCC's staff signed in.
/// </summary>
public abstract class AppPageTest : BunitContext, IAsyncLifetime
{
    private readonly BunitAuthorizationContext signedIn;

    protected AppPageTest(AppFactory app, params Type[] appServices)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(appServices);
        App = app;
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(options => options.PopoverOptions.CheckForPopoverProvider = false);
        foreach (var type in appServices)
        {
            Services.AddSingleton(type, app.Services.GetRequiredService(type));
        }

        Services.AddSingleton<TimeProvider>(PageClock);
        Services.AddSingleton(new ClientAddress());
        signedIn = AddAuthorization();
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    protected AppFactory App { get; }

    /// <summary>The page's own clock: what has ended, and the minute ticks, are reckoned by it.</summary>
    protected FakeTimeProvider PageClock { get; } = new(AppFactory.Now);

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await DisposedAsync();
    }

    /// <summary>What a test class cleans up once the rendered pages are gone.</summary>
    protected virtual Task DisposedAsync() => Task.CompletedTask;

    /// <summary>Signs in a member of the DCC's staff (the DCC's organisation), with detail access or without.</summary>
    protected void SignInStaff(string email, string role, string displayName, bool detailAccess = false)
    {
        List<Claim> claims =
        [
            new(ClaimTypes.Email, email),
            new(CallerClaims.Role, role),
            new(CallerClaims.OrganisationId, "4"),
            new(CallerClaims.OrganisationName, "DCC"),
            new(CallerClaims.DisplayName, displayName),
        ];
        if (detailAccess)
        {
            claims.Add(new(CallerClaims.DetailAccess, "true"));
        }

        signedIn.SetAuthorized(displayName).SetClaims([.. claims]);
    }

    /// <summary>Clicks an element, finding it again if a live update re-rendered the page in between.</summary>
    protected static async Task ClickWhenSettledAsync<TPage>(IRenderedComponent<TPage> page, string selector)
        where TPage : Microsoft.AspNetCore.Components.IComponent
    {
        ArgumentNullException.ThrowIfNull(page);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await page.Find(selector).ClickAsync(new MouseEventArgs());
                return;
            }
            catch (Bunit.Rendering.UnknownEventHandlerIdException) when (attempt < 5)
            {
                await Task.Delay(50);
            }
        }
    }
}
