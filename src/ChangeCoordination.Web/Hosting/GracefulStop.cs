namespace ChangeCoordination.Web.Hosting;

/// <summary>
/// A stop (SIGTERM, Ctrl+C, a deployment) that ends in seconds and that every viewer notices at once. When the stop
/// begins, SignalR closes every hub connection and Blazor circuit's connection; their clients reconnect at once, and a
/// server still listening would take them back (the wall would say "Live" on a server that is going) and then wait for
/// those new connections to end until the shutdown timeout. So from the first moment of the stop every request is
/// refused with 503 and the connection closed: the clients keep retrying until a server is ready (the same one
/// restarted, or another behind the load balancer), the probes take the server out of rotation, and the host has
/// nothing left to wait for. Whatever still runs after <see cref="ShutdownTimeout"/> is abandoned.
/// </summary>
public static class GracefulStop
{
    /// <summary>How long the hosted services and open connections get to finish once the stop has begun.</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(5);

    public static WebApplicationBuilder AddChangeCoordinationGracefulStop(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<HostOptions>(options =>
        {
            options.ShutdownTimeout = ShutdownTimeout;
            options.ServicesStopConcurrently = true;
        });
        return builder;
    }

    /// <summary>Refuses every request once the application is stopping (first in the pipeline).</summary>
    public static WebApplication UseStoppingGate(this WebApplication app)
    {
        var stopping = app.Lifetime.ApplicationStopping;
        app.Use((context, next) =>
        {
            if (!stopping.IsCancellationRequested)
            {
                return next(context);
            }

            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.Connection = "close";
            context.Response.Headers.RetryAfter = "1";
            return Task.CompletedTask;
        });
        return app;
    }
}
