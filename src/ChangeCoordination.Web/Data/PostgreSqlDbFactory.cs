using Microsoft.EntityFrameworkCore;

namespace ChangeCoordination.Web.Data;

/// <summary>On PostgreSQL, the one factory everyone injects hands out <see cref="PostgreSqlChangeCoordinationDb"/>s.</summary>
internal sealed class PostgreSqlDbFactory(IDbContextFactory<PostgreSqlChangeCoordinationDb> inner) : IDbContextFactory<ChangeCoordinationDb>
{
    public ChangeCoordinationDb CreateDbContext() => inner.CreateDbContext();

    public async Task<ChangeCoordinationDb> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        await inner.CreateDbContextAsync(cancellationToken);
}
