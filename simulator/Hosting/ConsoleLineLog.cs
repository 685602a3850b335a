using System.Collections.Concurrent;
using System.Globalization;

namespace PauseResume.Simulator.Hosting;

/// <summary>
/// The standalone simulator's console log, one line per entry as the simple console logger writes it
/// (<c>12:00:01 info: Category[0] message</c>), made cheap for request threads: a line is formatted on the request's
/// thread and put in a bounded queue without a lock; one writer, woken only when it waits on an empty queue, lets
/// the batch gather for <see cref="DefaultBatchWindow"/>, writes it and flushes once. When the console cannot keep up
/// and the queue is full, lines are dropped and counted, and the log says how many once it catches up: a load run
/// measures the simulator, not the terminal. Ordinary use never fills it.
/// </summary>
internal sealed class ConsoleLineLog : ILoggerProvider, IAsyncDisposable
{
    public const int DefaultCapacity = 65_536;

    public static readonly TimeSpan DefaultBatchWindow = TimeSpan.FromMilliseconds(10);

    private readonly ConcurrentQueue<string> queue = new();
    private readonly SemaphoreSlim batchStarted = new(0);
    private readonly TextWriter output;
    private readonly TimeProvider time;
    private readonly int capacity;
    private readonly TimeSpan batchWindow;
    private readonly Task writer;
    private int queued;
    private int idle;
    private int stopping;
    private long dropped;
    private LineStamp? stamp;

    /// <param name="time">The clock of each line's time stamp.</param>
    /// <param name="batchWindow">How long a batch gathers after its first line (zero: written at once).</param>
    public ConsoleLineLog(TextWriter output, TimeProvider time, int capacity = DefaultCapacity, TimeSpan? batchWindow = null)
    {
        this.output = output;
        this.time = time;
        this.capacity = capacity;
        this.batchWindow = batchWindow ?? DefaultBatchWindow;
        writer = Task.Run(WriteAsync);
    }

    /// <summary>Lines dropped so far because the queue was full (or the log had stopped).</summary>
    public long Dropped => Interlocked.Read(ref dropped);

    public ILogger CreateLogger(string categoryName) => new LineLogger(this, categoryName);

    /// <summary>Writes every queued line, then stops taking lines (later ones are dropped); the host calls it as it stops.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref stopping, 1) == 0)
        {
            batchStarted.Release(); // wakes a waiting writer for its last batch
        }

        await writer;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        batchStarted.Dispose();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private void Enqueue(string line)
    {
        if (Interlocked.Increment(ref queued) > capacity || Volatile.Read(ref stopping) == 1)
        {
            Interlocked.Decrement(ref queued);
            Interlocked.Increment(ref dropped);
            return;
        }

        queue.Enqueue(line);

        // Only a writer that found the queue empty waits to be woken; a full fence (not a plain read) so that it either
        // sees this line or this thread sees it waiting.
        if (Interlocked.CompareExchange(ref idle, 0, 1) == 1)
        {
            batchStarted.Release();
        }
    }

    private string Format(LogLevel level, string category, EventId eventId, string message, Exception? exception) =>
        string.Create(CultureInfo.InvariantCulture, $"{Stamp()} {Level(level)}: {category}[{eventId.Id}] {message}")
        + (exception is null ? string.Empty : Environment.NewLine + exception);

    // The local time of a line, formatted once a second rather than once a line: the conversion to local time and the
    // formatting took about 2 % of the process's CPU under load (bench/results/profile.md). A line in the second a
    // stamp was made by another thread reuses it; the local offset is looked up again each new second, so a change of
    // offset shows.
    private string Stamp()
    {
        var now = time.GetUtcNow();
        var second = now.UtcTicks / TimeSpan.TicksPerSecond;
        var last = Volatile.Read(ref stamp);
        if (last is null || last.Second != second)
        {
            last = new LineStamp(second, TimeZoneInfo.ConvertTime(now, time.LocalTimeZone).ToString("HH:mm:ss", CultureInfo.InvariantCulture));
            Volatile.Write(ref stamp, last);
        }

        return last.Text;
    }

    private async Task WriteAsync()
    {
        long told = 0;
        while (Volatile.Read(ref stopping) == 0)
        {
            Interlocked.Exchange(ref idle, 1);
            if (queue.IsEmpty)
            {
                await batchStarted.WaitAsync();
            }
            else
            {
                Interlocked.Exchange(ref idle, 0); // a line came first: no wait (a wake-up already sent only costs one empty turn)
            }

            if (batchWindow > TimeSpan.Zero && Volatile.Read(ref stopping) == 0)
            {
                await Task.Delay(batchWindow);
            }

            told = await WriteBatchAsync(told);
        }

        await WriteBatchAsync(told);
    }

    private async Task<long> WriteBatchAsync(long told)
    {
        while (queue.TryDequeue(out var line))
        {
            Interlocked.Decrement(ref queued);
            output.WriteLine(line);
        }

        var now = Dropped;
        if (now > told)
        {
            output.WriteLine(Format(LogLevel.Warning, typeof(ConsoleLineLog).FullName!, default,
                $"{now - told} log line(s) dropped: the console did not keep up ({now} in all)", null));
        }

        await output.FlushAsync();
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

    private sealed record LineStamp(long Second, string Text);

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
