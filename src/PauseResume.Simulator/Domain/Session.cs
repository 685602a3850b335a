namespace PauseResume.Simulator.Domain;

/// <summary>
/// A servlet session (SES-4): logged in as <see cref="Login"/>, or known but not logged in (null), which only the
/// profile's <c>loginSessionId=kept</c> keeps. The store changes it in place under its lock, since every request uses
/// its session and a copy each time was an allocation under that lock: read what you need of it before a touch, and
/// hand outside only the values (the recorder's <c>Sessions()</c> makes new ones of them).
/// </summary>
internal sealed class Session(string id, string? login, DateTimeOffset lastSeen)
{
    public string Id { get; } = id;

    public string? Login { get; private set; } = login;

    public DateTimeOffset LastSeen { get; private set; } = lastSeen;

    /// <summary>Its place in the store's order of use, so a request moves it without looking its id up again.</summary>
    public LinkedListNode<Session>? Place { get; set; }

    /// <summary>Its place among its login's live sessions, or among those nobody is logged in to, least recently used first.</summary>
    public LinkedListNode<Session>? LoginPlace { get; set; }

    /// <summary>Records a request at <paramref name="now"/>, after which the session is logged in as <paramref name="login"/>.</summary>
    public void Use(string? login, DateTimeOffset now)
    {
        Login = login;
        LastSeen = now;
    }
}
