using ChangeCoordination.Web.Live;
using ChangeCoordination.Web.Tests.Infrastructure;

namespace ChangeCoordination.Web.Tests.Unit;

public class PushCoalescerTests
{
    [Fact]
    public async Task Fifty_pushes_while_a_refresh_runs_make_one_more_refresh_and_no_more()
    {
        var refreshes = 0;
        var firstRuns = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var pushes = new PushCoalescer(
            async () =>
            {
                if (Interlocked.Increment(ref refreshes) == 1)
                {
                    await firstRuns.Task;
                }
            },
            CancellationToken.None);

        pushes.Push();
        for (var i = 0; i < 50; i++)
        {
            pushes.Push();
        }

        Assert.Equal(1, Volatile.Read(ref refreshes));
        firstRuns.SetResult();
        await TestApi.EventuallyAsync(() => Task.FromResult(Volatile.Read(ref refreshes)), n => n == 2, "the second refresh, for the pushes that came during the first");
        await Task.Delay(PushCoalescer.Spacing * 3);
        Assert.Equal(2, Volatile.Read(ref refreshes));
    }

    [Fact]
    public async Task A_push_after_a_quiet_spell_is_not_folded_into_the_refresh_before_it()
    {
        var refreshes = 0;
        var pushes = new PushCoalescer(() =>
        {
            Interlocked.Increment(ref refreshes);
            return Task.CompletedTask;
        }, CancellationToken.None);

        pushes.Push();
        Assert.Equal(1, Volatile.Read(ref refreshes));
        await Task.Delay(PushCoalescer.Spacing * 3);
        pushes.Push();

        await TestApi.EventuallyAsync(() => Task.FromResult(Volatile.Read(ref refreshes)), n => n == 2, "a refresh for the later push");
        await Task.Delay(PushCoalescer.Spacing * 3);
        Assert.Equal(2, Volatile.Read(ref refreshes));
    }
}
