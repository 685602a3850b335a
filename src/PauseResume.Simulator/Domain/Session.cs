namespace PauseResume.Simulator.Domain;

/// <summary>
/// A servlet session (SES-4): logged in as <see cref="Login"/>, or known but not logged in (null), which only the
/// profile's <c>loginSessionId=kept</c> keeps. A request records its use without a lock (<see cref="Use"/>): every
/// request touches its session, so a lock here would make every request of every client wait on one another. Its
/// login changes only under the recorder's lock.
/// </summary>
internal sealed class Session(string id, string? login, DateTimeOffset lastSeen, long use)
{
    private long lastSeenTicks = lastSeen.UtcTicks;
    private long lastUse = use;
    private volatile string? login = login;

    public string Id { get; } = id;

    public string? Login
    {
        get => login;
        set => login = value;
    }

    public DateTimeOffset LastSeen => new(Volatile.Read(ref lastSeenTicks), TimeSpan.Zero);

    /// <summary>When it was last used, in the order of every session's uses: the least recently used has the lowest.</summary>
    public long LastUse => Volatile.Read(ref lastUse);

    /// <summary>Records a request at <paramref name="now"/>, the store's <paramref name="use"/>-th use of a session.</summary>
    public void Use(DateTimeOffset now, long use)
    {
        Volatile.Write(ref lastSeenTicks, now.UtcTicks);
        Volatile.Write(ref lastUse, use);
    }
}
