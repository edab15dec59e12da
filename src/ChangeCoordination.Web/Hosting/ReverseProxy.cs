using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace ChangeCoordination.Web.Hosting;

/// <summary>
/// Behind a load balancer (nginx, docs/deploy.md): <c>ReverseProxy:KnownProxies</c> lists the proxies' addresses, and
/// only from them are <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> believed, so that the rate limits and the
/// audit see the person's address and the cookies and redirects the scheme they used. Without the setting nothing
/// forwarded is believed.
/// </summary>
public static class ReverseProxy
{
    public const string Section = "ReverseProxy:KnownProxies";

    public static WebApplicationBuilder AddChangeCoordinationReverseProxy(this WebApplicationBuilder builder)
    {
        var configured = builder.Configuration.GetSection(Section).Get<string[]>() ?? [];
        var proxies = new List<IPAddress>();
        foreach (var text in configured)
        {
            if (!IPAddress.TryParse(text, out var address))
            {
                throw new OptionsValidationException(Section, typeof(ForwardedHeadersOptions), [
                    $"{Section} has \"{text}\", which is not an IP address: list the load balancers' addresses, such as 127.0.0.1 or 10.0.0.5."]);
            }

            proxies.Add(address);
        }

        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(proxy);
            }
        });
        return builder;
    }

    /// <summary>First in the pipeline, when proxies are configured.</summary>
    public static WebApplication UseChangeCoordinationReverseProxy(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value.KnownProxies.Count > 0)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }
}
