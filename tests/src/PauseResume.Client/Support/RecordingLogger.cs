using Microsoft.Extensions.Logging;

namespace PauseResume.Client.Tests.Support;

/// <summary>Keeps every message the client logs, to assert on what it says (and what it never says).</summary>
internal sealed class RecordingLogger : ILogger<RecorderClient>
{
    private readonly List<string> lines = [];

    public IReadOnlyList<string> Lines
    {
        get { lock (lines) { return lines.ToList(); } }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (lines)
        {
            lines.Add($"{logLevel}: {formatter(state, exception)}");
        }
    }
}
