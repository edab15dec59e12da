using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ChangeCoordination.Web.Tests.Infrastructure;

/// <summary>Every log line an app writes, at every level, with its structured values and its exception whole.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<string> lines = new();

    public IReadOnlyList<string> Lines => [.. lines];

    /// <summary>Captures everything, past the app's own level filters.</summary>
    public void AddTo(ILoggingBuilder logging) => logging.AddProvider(this).AddFilter<LogCapture>(null, LogLevel.Trace).SetMinimumLevel(LogLevel.Trace);

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            lines.Enqueue($"{category} scope: {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {values} {exception}");
        }
    }
}
