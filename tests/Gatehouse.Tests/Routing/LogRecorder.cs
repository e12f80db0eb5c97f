using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Gatehouse.Tests.Routing;

/// <summary>One log entry as written: its event name and its message with the values filled in.</summary>
public sealed record RecordedLog(string EventName, string Message);

/// <summary>Keeps every log entry the application writes, so that tests can read what operators would.</summary>
public sealed class LogRecorder : ILoggerProvider
{
    private readonly ConcurrentQueue<RecordedLog> _entries = new();

    public IReadOnlyList<RecordedLog> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(LogRecorder recorder) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(
            LogLevel logLevel,
            EventId eventId,
            TState state,
            Exception? exception,
            Func<TState, Exception?, string> formatter) =>
            recorder._entries.Enqueue(new RecordedLog(eventId.Name ?? "", formatter(state, exception)));
    }
}
