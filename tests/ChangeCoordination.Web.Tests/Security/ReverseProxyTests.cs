using ChangeCoordination.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;

namespace ChangeCoordination.Web.Tests.Security;

/// <summary>Behind nginx: whose address the app believes (ReverseProxy:KnownProxies).</summary>
public sealed class ReverseProxyTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Behind_a_known_proxy_the_audit_records_the_forwarded_address_of_the_person()
    {
        using var server = KestrelAppFactory.With(b => b.UseSetting("ReverseProxy:KnownProxies:0", "127.0.0.1"));

        var recorded = await AddressRecordedAsync(server, forwardedFor: "203.0.113.9");

        Assert.Equal("203.0.113.9", recorded);
    }

    [Fact]
    public async Task Without_known_proxies_a_forwarded_address_is_not_believed()
    {
        using var server = new KestrelAppFactory();

        var recorded = await AddressRecordedAsync(server, forwardedFor: "203.0.113.9");

        Assert.Equal("127.0.0.1", recorded);
    }

    [Fact]
    public void A_known_proxy_that_is_not_an_address_stops_the_start_naming_the_setting_and_the_fix()
    {
        using var misconfigured = app.WithWebHostBuilder(b => b.UseSetting("ReverseProxy:KnownProxies:0", "nginx.internal"));

        var refused = Assert.ThrowsAny<Exception>(() => misconfigured.CreateClient());

        var validation = Assert.IsType<OptionsValidationException>(refused.GetBaseException());
        Assert.Contains("ReverseProxy:KnownProxies has \"nginx.internal\", which is not an IP address", validation.Message, StringComparison.Ordinal);
    }

    private static async Task<string?> AddressRecordedAsync(KestrelAppFactory server, string forwardedFor)
    {
        using var supplier = await server.ClientForAsync(DemoUsers.SupplierA);
        supplier.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        var created = await supplier.NotifyAsync(Bodies.Change(TestDates.Next(), "UserSystem"));
        using var manager = await server.ClientForAsync(DemoUsers.Manager);
        var audit = await manager.GetJsonAsync($"/api/v1/audit?action=change.notified&subject={created.Reference()}");
        return Assert.Single(audit.GetProperty("events").EnumerateArray()).GetProperty("fromAddress").GetString();
    }
}
