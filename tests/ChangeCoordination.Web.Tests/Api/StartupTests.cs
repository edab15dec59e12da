using ChangeCoordination.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;

namespace ChangeCoordination.Web.Tests.Api;

public sealed class StartupTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public void Demo_identities_are_refused_in_Production_with_a_message_that_names_the_setting()
    {
        using var production = app.WithWebHostBuilder(b => b.UseEnvironment("Production"));

        var refused = Assert.ThrowsAny<Exception>(() => production.CreateClient());

        var validation = Assert.IsType<OptionsValidationException>(refused.GetBaseException());
        Assert.Contains("Identity:Mode=Demo is refused in Production", validation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Oidc_without_an_authority_stops_the_start_with_a_message_that_names_the_settings()
    {
        using var oidc = app.WithWebHostBuilder(b => b.UseSetting("Identity:Mode", "Oidc"));

        var refused = Assert.ThrowsAny<Exception>(() => oidc.CreateClient());

        Assert.Contains("Identity:Oidc:Authority", refused.GetBaseException().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PostgreSQL_without_a_connection_string_stops_the_start_with_a_message_that_names_the_key()
    {
        using var postgres = app.WithWebHostBuilder(b => b
            .UseSetting("Database:Provider", "PostgreSQL")
            .UseSetting("ConnectionStrings:ChangeCoordination", ""));

        var refused = Assert.ThrowsAny<Exception>(() => postgres.CreateClient());

        var validation = Assert.IsType<OptionsValidationException>(refused.GetBaseException());
        Assert.Contains("ConnectionStrings:ChangeCoordination", validation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_database_provider_stops_the_start_with_a_message_that_names_the_setting_and_its_values()
    {
        using var unknown = app.WithWebHostBuilder(b => b.UseSetting("Database:Provider", "Postgres"));

        var refused = Assert.ThrowsAny<Exception>(() => unknown.CreateClient());

        var validation = Assert.IsType<OptionsValidationException>(refused.GetBaseException());
        Assert.Contains("Database:Provider is Sqlite or PostgreSQL; 'Postgres' is neither.", validation.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Live:Redis", "redis:notaport,password=Pangolin-secret", "Live:Redis is not a StackExchange.Redis configuration string")]
    [InlineData("Live:Channel", " ", "Live:Channel names the Redis channel")]
    public void A_live_bus_setting_that_cannot_work_stops_the_start_naming_the_setting_and_never_the_password(string key, string value, string message)
    {
        using var refusedApp = app.WithWebHostBuilder(b => b.UseSetting(key, value));

        var refused = Assert.ThrowsAny<Exception>(() => refusedApp.CreateClient());

        var validation = Assert.IsType<OptionsValidationException>(refused.GetBaseException());
        Assert.Contains(message, validation.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Pangolin", validation.Message, StringComparison.Ordinal);
    }
}
