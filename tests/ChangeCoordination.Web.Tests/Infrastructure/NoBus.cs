using ChangeCoordination.Web.Live;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChangeCoordination.Web.Tests.Infrastructure;

/// <summary>The live bus of a single server: none configured, so announcing sends nothing.</summary>
public static class NoBus
{
    public static LiveBus Create() => new(Options.Create(new LiveSettings()), TimeProvider.System, NullLogger<LiveBus>.Instance);
}
