using ChangeCoordination.Core;
using ChangeCoordination.Web.Data;
using ChangeCoordination.Web.Features.Calendar;
using ChangeCoordination.Web.Features.Freeze;
using ChangeCoordination.Web.Features.Methodologies;
using ChangeCoordination.Web.Features.Notifications;
using ChangeCoordination.Web.Features.Operations;
using ChangeCoordination.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace ChangeCoordination.Web.Live;

/// <summary>
/// Brings this server in line with the other servers' writes: each piece of news heard on the <see cref="LiveBus"/>
/// is read back from the shared database into the in-memory state it concerns (the risk ledger, the rule book, the
/// freeze calendar, the variant table, the people cache) and published to this server's own viewers. When this server
/// regains the bus after losing it, it reads all of that state again and asks every other server to do the same.
/// </summary>
public sealed partial class LiveSync(
    LiveBus bus,
    IDbContextFactory<ChangeCoordinationDb> dbFactory,
    RiskLedger ledger,
    RuleBook rules,
    FreezeCalendar freezes,
    VariantBook variants,
    PeopleDirectory people,
    MethodologySwitch methodologySwitch,
    SupportPlanFeed plans,
    NotificationFeed notifications,
    TimeProvider clock,
    ILogger<LiveSync> logger) : IHostedService, IDisposable
{
    /// <summary>After news could not be applied (the database did not answer), the wait before reading everything again.</summary>
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim gate = new(1, 1);
    private IDisposable? heard;
    private IDisposable? statusChanged;
    private int retrying;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        heard = bus.Heard.Subscribe(news => ApplyAsync(news, CancellationToken.None));
        statusChanged = bus.StatusChanged.Subscribe(async status =>
        {
            if (status.State == LiveBusState.Connected)
            {
                // Another server's writes between this server's start (or its loss of the bus) and now are in the
                // database only; this server's own writes of a time without the bus were never announced.
                await ResyncAsync(CancellationToken.None);
                if (status.Regained)
                {
                    bus.Announce(new LiveNews(LiveNewsKind.Resync));
                }
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        heard?.Dispose();
        statusChanged?.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        heard?.Dispose();
        statusChanged?.Dispose();
        gate.Dispose();
    }

    /// <summary>Applies one piece of news from another server; one at a time, in the order heard.</summary>
    public async Task ApplyAsync(LiveNews news, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            switch (news.Kind)
            {
                case LiveNewsKind.Change:
                    var change = await db.Changes.AsNoTracking().SingleOrDefaultAsync(c => c.Id == news.Id, cancellationToken);
                    if (change is null)
                    {
                        ledger.ForgetHeard(ChangeSource.External, news.Id);
                    }
                    else
                    {
                        ledger.Hear(change);
                    }

                    break;
                case LiveNewsKind.InternalChange:
                    var internalChange = await db.InternalChanges.AsNoTracking().SingleOrDefaultAsync(c => c.Id == news.Id, cancellationToken);
                    if (internalChange is null)
                    {
                        ledger.ForgetHeard(ChangeSource.Internal, news.Id);
                    }
                    else
                    {
                        ledger.Hear(internalChange);
                    }

                    break;
                case LiveNewsKind.Rules:
                    await rules.LoadAsync(db, cancellationToken);
                    methodologySwitch.Schedule();
                    break;
                case LiveNewsKind.Freezes:
                    await freezes.LoadAsync(db, cancellationToken);
                    break;
                case LiveNewsKind.Variants:
                    await variants.LoadAsync(db, cancellationToken);
                    break;
                case LiveNewsKind.People:
                    people.ForgetAll();
                    break;
                case LiveNewsKind.SupportPlans:
                    plans.PublishHeard(news.Dates ?? []);
                    break;
                case LiveNewsKind.Notifications:
                    notifications.PublishHeard(news.Recipients ?? []);
                    break;
                case LiveNewsKind.Resync:
                    await ResyncLockedAsync(db, cancellationToken);
                    break;
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogApplyFailed(logger, exception, news.Kind);
            RetryLater();
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Reads every piece of shared state from the database again and publishes what moved.</summary>
    public async Task ResyncAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await ResyncLockedAsync(db, cancellationToken);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogApplyFailed(logger, exception, LiveNewsKind.Resync);
            RetryLater();
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>One retry at a time: a resync that fails schedules the next.</summary>
    private void RetryLater()
    {
        if (Interlocked.Exchange(ref retrying, 1) == 0)
        {
            _ = RetryAsync();
        }

        async Task RetryAsync()
        {
            await Task.Delay(RetryAfter, clock);
            Volatile.Write(ref retrying, 0);
            await ResyncAsync(CancellationToken.None);
        }
    }

    private async Task ResyncLockedAsync(ChangeCoordinationDb db, CancellationToken cancellationToken)
    {
        await rules.LoadAsync(db, cancellationToken);
        methodologySwitch.Schedule();
        await freezes.LoadAsync(db, cancellationToken);
        await variants.LoadAsync(db, cancellationToken);
        people.ForgetAll();
        await ledger.ResyncAsync(db, cancellationToken);
        var today = Core.Calendar.LondonTime.DateOf(clock.GetUtcNow());
        plans.PublishHeard(await db.SupportPlans.AsNoTracking().Where(p => p.Date >= today).Select(p => p.Date).ToListAsync(cancellationToken));
        LogResynced(logger, bus.ServerName);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "News of kind {Kind} from another server could not be applied here; this server reads everything again shortly.")]
    private static partial void LogApplyFailed(ILogger logger, Exception exception, LiveNewsKind kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "Server {Server} read its live state from the database again.")]
    private static partial void LogResynced(ILogger logger, string server);
}
