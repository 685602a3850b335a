using System.Globalization;
using System.Threading.Channels;

namespace PauseResume.Simulator.Hosting;

/// <summary>
/// The standalone simulator's console log, one line per entry as the simple console logger writes it
/// (<c>12:00:01 info: Category[0] message</c>), made cheap for request threads: a line is formatted on the request's
/// thread and put in a bounded queue without a lock; one writer empties the queue to the console and flushes when it
/// is empty. When the console cannot keep up and the queue is full, lines are dropped and counted, and the log says
/// how many once it catches up: a load run measures the simulator, not the terminal. Ordinary use never fills it.
/// </summary>
internal sealed class ConsoleLineLog : ILoggerProvider, IAsyncDisposable
{
    public const int DefaultCapacity = 65_536;

    private readonly Channel<string> queue;
    private readonly TextWriter output;
    private readonly TimeProvider time;
    private readonly Task writer;
    private long dropped;

    public ConsoleLineLog(TextWriter output, TimeProvider time, int capacity = DefaultCapacity)
    {
        this.output = output;
        this.time = time;
        // Wait is the mode in which TryWrite refuses a line when the queue is full, so the refusal can be counted.
        queue = Channel.CreateBounded<string>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        writer = Task.Run(WriteAsync);
    }

    /// <summary>Lines dropped so far because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref dropped);

    public ILogger CreateLogger(string categoryName) => new LineLogger(this, categoryName);

    /// <summary>Writes every queued line, then stops taking lines (later ones are dropped); the host calls it as it stops.</summary>
    public async Task StopAsync()
    {
        queue.Writer.TryComplete();
        await writer;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    public void Dispose() => StopAsync().GetAwaiter().GetResult();

    private void Enqueue(string line)
    {
        if (!queue.Writer.TryWrite(line))
        {
            Interlocked.Increment(ref dropped);
        }
    }

    private string Format(LogLevel level, string category, EventId eventId, string message, Exception? exception) =>
        string.Create(CultureInfo.InvariantCulture, $"{time.GetLocalNow():HH:mm:ss} {Level(level)}: {category}[{eventId.Id}] {message}")
        + (exception is null ? string.Empty : Environment.NewLine + exception);

    private async Task WriteAsync()
    {
        long told = 0;
        while (await queue.Reader.WaitToReadAsync())
        {
            while (queue.Reader.TryRead(out var line))
            {
                await output.WriteLineAsync(line);
            }

            told = await TellDroppedAsync(told);
            await output.FlushAsync();
        }

        await TellDroppedAsync(told);
        await output.FlushAsync();
    }

    private async Task<long> TellDroppedAsync(long told)
    {
        var now = Dropped;
        if (now > told)
        {
            await output.WriteLineAsync(Format(LogLevel.Warning, typeof(ConsoleLineLog).FullName!, default,
                $"{now - told} log line(s) dropped: the console did not keep up ({now} in all)", null));
        }

        return now;
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => "none",
    };

    private sealed class LineLogger(ConsoleLineLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                log.Enqueue(log.Format(logLevel, category, eventId, formatter(state, exception), exception));
            }
        }
    }
}
