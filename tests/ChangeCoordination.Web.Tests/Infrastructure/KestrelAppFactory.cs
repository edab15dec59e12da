using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ChangeCoordination.Web.Tests.Infrastructure;

/// <summary>
/// The same app as <see cref="AppFactory"/>, but behind a real Kestrel server on a free local port, for what the
/// in-memory test server does not show (for example how request bodies of unknown length arrive).
/// </summary>
public sealed class KestrelAppFactory : IDisposable
{
    private readonly AppFactory app;

    public KestrelAppFactory()
        : this(null)
    {
    }

    private KestrelAppFactory(Action<Microsoft.AspNetCore.Hosting.IWebHostBuilder>? customise)
    {
        app = new AppFactory { Customise = customise };
        app.UseKestrel(0);
        app.StartServer();
        BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public Uri BaseAddress { get; }

    /// <summary>The app with a test's own settings, as <see cref="AppFactory.Customise"/>.</summary>
    public static KestrelAppFactory With(Action<Microsoft.AspNetCore.Hosting.IWebHostBuilder> customise) => new(customise);

    /// <summary>A plain <see cref="HttpClient"/> over the network, signed in as a demo identity.</summary>
    public async Task<HttpClient> ClientForAsync(string email)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenForAsync(email));
        return client;
    }

    public void Dispose() => app.Dispose();
}
