namespace PauseResume.Simulator.Tests.Support;

/// <summary>
/// A clock standing still whose next reading, once armed, holds the thread that reads it until the test releases it:
/// a request held inside the recorder at the point it reads the time, so another can be played against it in a fixed order.
/// </summary>
internal sealed class HoldingClock(DateTimeOffset now) : TimeProvider
{
    private int armed;

    /// <summary>Set when a reading is held.</summary>
    public ManualResetEventSlim Holding { get; } = new();

    public ManualResetEventSlim Released { get; } = new();

    public void HoldNextReading() => Volatile.Write(ref armed, 1);

    public override DateTimeOffset GetUtcNow()
    {
        if (Interlocked.Exchange(ref armed, 0) == 1)
        {
            Holding.Set();
            Released.Wait(TimeSpan.FromSeconds(10)).ShouldBeTrue("the test never released the held reading");
        }

        return now;
    }
}
