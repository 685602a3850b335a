using PauseResume.Conformance.Model;

namespace PauseResume.Conformance.Wire;

/// <summary>
/// How long each session went without a request, by the kit's clock: a real recorder's sessions expire on its own clock
/// (SES-6, inferred), which the kit cannot move, and a recorder whose sessions expire after a short idle refuses a
/// request the model expected to be served.
/// </summary>
internal sealed partial class Wire
{
    /// <summary>
    /// Per session id: when a request carrying it was last sent, the longest time between two such requests since the
    /// server last showed it alive (<see cref="Exchange.ShowsSessionAlive"/>) or set it, and when the request it last
    /// showed it alive by (or set it) was sent.
    /// </summary>
    private readonly Dictionary<string, (long SentAt, TimeSpan Longest, long AliveAt)> idles = new(StringComparer.Ordinal);

    private readonly TimeSpan[] idleBefore = new TimeSpan[ModelState.SlotCount];
    private readonly TimeSpan[] sinceAliveBefore = new TimeSpan[ModelState.SlotCount];
    private readonly ModelUser?[] loggedInAs = new ModelUser?[ModelState.SlotCount];

    /// <summary>
    /// Called with every 403 to a request that carried its slot's session, and answers in its place: the probe's, which
    /// logs the slot in again where the session may have expired meanwhile and asks once more. Null: the 403 stands.
    /// </summary>
    public Func<Exchange, CancellationToken, Task<Exchange>>? RefusedInSession { get; set; }

    /// <summary>The user <see cref="LoginAsync"/> last logged in on <paramref name="slot"/>, until <see cref="LogoutAsync"/> logs it out; null: none.</summary>
    public ModelUser? LoggedInAs(int slot) => loggedInAs[slot];

    /// <summary>
    /// How long before the slot's last request the server last showed its session alive (or set it), by the sending of
    /// both: the longest the session could have gone untouched where the requests between touched nothing (a server that
    /// answers an unknown path or a method it does not take before it looks at the session), which
    /// <see cref="IdleBefore"/> assumes they did.
    /// </summary>
    public TimeSpan SinceAliveBefore(int slot) => slot is >= 0 and < ModelState.SlotCount ? sinceAliveBefore[slot] : TimeSpan.Zero;

    /// <summary>
    /// The longest the session this slot's last request carried went without a request since the server last showed it
    /// alive, that request's own wait included: the longest a server could have let it idle before it answered that
    /// request. Measured from one request's sending to the next one's: close to the server's own measure, though not
    /// always above it (a server that counts from a request's end, or the network's times, may put its own a little
    /// past it), which <see cref="Commands.StepContext.IdleWorthAsking"/> allows for.
    /// </summary>
    public TimeSpan IdleBefore(int slot) => slot is >= 0 and < ModelState.SlotCount ? idleBefore[slot] : TimeSpan.Zero;

    /// <summary>Notes a request sent at <paramref name="sentAt"/> carrying session <paramref name="id"/> (null: none) and its answer.</summary>
    private void NoteIdle(int slot, string? id, long sentAt, Exchange answer)
    {
        if (id is not null)
        {
            var known = idles.TryGetValue(id, out var before);
            var longest = known ? Max(before.Longest, clock.GetElapsedTime(before.SentAt, sentAt)) : TimeSpan.Zero;
            var aliveAt = known ? before.AliveAt : sentAt;
            if (slot is >= 0 and < ModelState.SlotCount)
            {
                idleBefore[slot] = longest;
                sinceAliveBefore[slot] = clock.GetElapsedTime(aliveAt, sentAt);
            }

            idles[id] = answer.ShowsSessionAlive ? (sentAt, TimeSpan.Zero, sentAt) : (sentAt, longest, aliveAt);
        }

        if (SetCookieSession(answer) is { } fresh && fresh != id)
        {
            idles[fresh] = (sentAt, TimeSpan.Zero, sentAt); // a session this request opened: the server touched it when it took it
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
