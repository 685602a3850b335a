namespace PauseResume.Conformance.Commands;

/// <summary>
/// What a run has learned of how late a recorder's details show a pause or resume (PSE-1 documents that it is taken, not
/// how soon it shows). A state that has not shown within <c>--settle</c> is waited for once more, up to
/// <see cref="LongestWait"/> (fifteen times --settle: 30 s by default), before it counts as never taken: a recorder that hands a pause to its recording engine
/// and shows it a few seconds later keeps PSE-1, and calling it broken would be a false alarm. A lag seen that way is
/// waited for again in later checks (twice as long); after two states that did not show within the longest wait (one
/// may be the kit's own mistaken expectation, or another agent's change) the run waits --settle only, so a recorder that
/// really drops pauses costs the run two such waits, not one in every replay of the shrinking that follows.
/// </summary>
internal sealed class DetailsLag
{
    /// <summary>The longest a state is waited for, as a multiple of --settle.</summary>
    public const int LongestWaitInSettles = 15;

    private readonly Lock gate = new();
    private TimeSpan longestSeen;
    private int neverShowed;

    /// <summary>States not shown within the longest wait after which the run stops waiting longer than --settle.</summary>
    private const int GiveUpAfter = 2;

    /// <summary>The default --settle: the wait --settle 0 still gives a state not shown yet where the kit does not move the clock.</summary>
    public static readonly TimeSpan DefaultSettle = TimeSpan.FromSeconds(2);

    public static TimeSpan LongestWait(TimeSpan settle) => settle * LongestWaitInSettles;

    /// <summary>
    /// How long a run waits for a state the details do not show yet, by the --settle it allows: that --settle, or for
    /// --settle 0 (no lag allowed) the default one, so a lag is measured and named as one rather than taken for a
    /// pause never taken or for someone else's change.
    /// </summary>
    public static TimeSpan Waiting(TimeSpan settle) => settle > TimeSpan.Zero ? settle : DefaultSettle;

    /// <summary>How long a run under --settle 0 waits for a state where it measured <paramref name="lag"/>: the --settle that allows it, at least the default one.</summary>
    public static TimeSpan WaitingFor(TimeSpan lag) => TimeSpan.FromSeconds(SettleFor(lag)) is var allowing && allowing > DefaultSettle ? allowing : DefaultSettle;

    /// <summary>The --settle a run would need to allow <paramref name="lag"/>, in tenths of a second: twice the lag, for a lag that grows a little.</summary>
    public static double SettleFor(TimeSpan lag) => (double)(Math.Ceiling((decimal)lag.TotalSeconds * 20) / 10);

    /// <summary>How long a check waits before it counts a state as not shown: <paramref name="settle"/>, or longer once a longer lag was seen.</summary>
    public TimeSpan WaitFor(TimeSpan settle)
    {
        lock (gate)
        {
            var (learned, longest) = (longestSeen * 2, LongestWait(settle));
            return neverShowed >= GiveUpAfter || learned <= settle ? settle : learned < longest ? learned : longest;
        }
    }

    /// <summary>Whether a state not shown within the usual wait is worth the longest one.</summary>
    public bool WorthWaitingLonger
    {
        get
        {
            lock (gate)
            {
                return neverShowed < GiveUpAfter;
            }
        }
    }

    /// <summary>The longest a state the run waited for took to show; zero when every one showed at once or none did.</summary>
    public TimeSpan LongestSeen
    {
        get
        {
            lock (gate)
            {
                return longestSeen;
            }
        }
    }

    public void Showed(TimeSpan after)
    {
        lock (gate)
        {
            longestSeen = after > longestSeen ? after : longestSeen;
        }
    }

    public void NeverShowed()
    {
        lock (gate)
        {
            neverShowed++;
        }
    }
}
