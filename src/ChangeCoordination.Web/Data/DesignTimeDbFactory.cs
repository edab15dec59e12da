using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ChangeCoordination.Web.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the app.</summary>
internal sealed class DesignTimeDbFactory : IDesignTimeDbContextFactory<ChangeCoordinationDb>
{
    public ChangeCoordinationDb CreateDbContext(string[] args) =>
        new(
            new DbContextOptionsBuilder<ChangeCoordinationDb>().UseSqlite("Data Source=design-time.db").Options,
            new FieldProtection(new EphemeralDataProtectionProvider()));
}

/// <summary>
/// Lets <c>dotnet ef migrations add ... --context PostgreSqlChangeCoordinationDb</c> build PostgreSQL's model; it never
/// connects, so the connection string only names the provider.
/// </summary>
internal sealed class PostgreSqlDesignTimeDbFactory : IDesignTimeDbContextFactory<PostgreSqlChangeCoordinationDb>
{
    public PostgreSqlChangeCoordinationDb CreateDbContext(string[] args) =>
        new(
            new DbContextOptionsBuilder<PostgreSqlChangeCoordinationDb>().UseNpgsql("Host=localhost;Database=design_time").Options,
            new FieldProtection(new EphemeralDataProtectionProvider()));
}
