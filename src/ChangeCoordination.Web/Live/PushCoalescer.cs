namespace ChangeCoordination.Web.Live;

/// <summary>
/// One screen's refresh for pushes: it runs at once, and the pushes that come while it runs or in the
/// <see cref="Spacing"/> after it make one more run between them, so a burst of writes costs the screen a few
/// refreshes, not one each. Used on the screen's renderer only (push from inside its <c>InvokeAsync</c>).
/// </summary>
public sealed class PushCoalescer(Func<Task> refresh, CancellationToken stopping)
{
    /// <summary>The least time between two refreshes for pushes.</summary>
    public static readonly TimeSpan Spacing = TimeSpan.FromMilliseconds(250);

    private bool running;
    private bool again;

    public void Push()
    {
        if (running)
        {
            again = true;
            return;
        }

        running = true;
        _ = RunAsync();
    }

    private async Task RunAsync()
    {
        try
        {
            do
            {
                again = false;
                await refresh();

                // The real clock: this spaces the screen's renders, whatever the product's clock says.
                await Task.Delay(Spacing, stopping);
            }
            while (again);
        }
        catch (OperationCanceledException)
        {
            // The screen was closed.
        }
        finally
        {
            running = false;
        }
    }
}
