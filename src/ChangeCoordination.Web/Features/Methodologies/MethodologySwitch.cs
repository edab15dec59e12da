using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Web.Features.Calendar;
using ChangeCoordination.Web.Live;

namespace ChangeCoordination.Web.Features.Methodologies;

/// <summary>
/// Puts an approved methodology version in force by itself at London midnight on its effective date: the rule book
/// switches (notice, validation, the published document) and the ledger recomputes and publishes the days it governs.
/// </summary>
public sealed partial class MethodologySwitch(RuleBook rules, RiskLedger ledger, TimeProvider clock, ILogger<MethodologySwitch> logger) : IHostedService, IDisposable
{
    /// <summary>Timers wake at least this often, so that a far effective date never overflows one.</summary>
    private static readonly TimeSpan LongestWait = TimeSpan.FromDays(1);

    /// <summary>After a failed switch, the wait before the next try.</summary>
    private static readonly TimeSpan RetryAfter = TimeSpan.FromMinutes(1);

    private readonly Lock gate = new();
    private ITimer? timer;

    /// <summary>The first day a version that took force governs, until the ledger has been recomputed from it.</summary>
    private DateOnly? unpriced;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Schedule();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        lock (gate)
        {
            timer?.Dispose();
            timer = null;
        }
    }

    /// <summary>Sets the timer for the next approved version's effective date; call after an approval.</summary>
    public void Schedule() => Schedule(TimeSpan.Zero);

    private void Schedule(TimeSpan atLeast)
    {
        lock (gate)
        {
            timer?.Dispose();
            timer = null;
            if (unpriced is null && rules.Next is not { } next)
            {
                return;
            }

            var wait = unpriced is null ? LondonTime.StartOf(rules.Next!.EffectiveFrom) - clock.GetUtcNow() : TimeSpan.Zero;
            wait = wait < atLeast ? atLeast : wait > LongestWait ? LongestWait : wait;
            timer = clock.CreateTimer(_ => TakeForce(), null, wait, Timeout.InfiniteTimeSpan);
        }
    }

    private void TakeForce()
    {
        try
        {
            lock (gate)
            {
                if (rules.Advance() is { } from)
                {
                    unpriced = from;
                }

                if (unpriced is { } first)
                {
                    ledger.Reprice(first);
                    unpriced = null;
                    LogTookForce(logger, rules.Methodology.Version, first);
                }
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogFailed(logger, exception);
            Schedule(RetryAfter);
            return;
        }

        Schedule();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Methodology version {Version} took force: days from {From} recomputed.")]
    private static partial void LogTookForce(ILogger logger, string version, DateOnly from);

    [LoggerMessage(Level = LogLevel.Error, Message = "A methodology version could not take force; the next check tries again.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
