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
    /// Per session id: when a request carrying it was last sent, and the longest time between two such requests since the
    /// server last showed it alive (<see cref="Exchange.ShowsSessionAlive"/>) or set it.
    /// </summary>
    private readonly Dictionary<string, (long SentAt, TimeSpan Longest)> idles = new(StringComparer.Ordinal);

    private readonly TimeSpan[] idleBefore = new TimeSpan[ModelState.SlotCount];
    private readonly ModelUser?[] loggedInAs = new ModelUser?[ModelState.SlotCount];

    /// <summary>
    /// Called with every 403 to a request that carried its slot's session, and answers in its place: the probe's, which
    /// logs the slot in again where the session may have expired meanwhile and asks once more. Null: the 403 stands.
    /// </summary>
    public Func<Exchange, CancellationToken, Task<Exchange>>? RefusedInSession { get; set; }

    /// <summary>The user <see cref="LoginAsync"/> last logged in on <paramref name="slot"/>, until <see cref="LogoutAsync"/> logs it out; null: none.</summary>
    public ModelUser? LoggedInAs(int slot) => loggedInAs[slot];

    /// <summary>
    /// Starts the idle of the slot's session over: its user was just logged in again because the session may have
    /// expired, and a login starts an expired session anew and touches a live one, whichever id it keeps.
    /// </summary>
    public void IdleFromNow(int slot)
    {
        if (sessions[slot] is { } id)
        {
            idles[id] = (clock.GetTimestamp(), TimeSpan.Zero);
        }
    }

    /// <summary>
    /// The longest the session this slot's last request carried went without a request since the server last showed it
    /// alive, that request's own wait included: the longest a server could have let it idle before it answered that
    /// request. Measured from one request's sending to the next one's, so it is, if anything, longer than the server's own
    /// measure, by an answer's time.
    /// </summary>
    public TimeSpan IdleBefore(int slot) => slot is >= 0 and < ModelState.SlotCount ? idleBefore[slot] : TimeSpan.Zero;

    /// <summary>Notes a request sent at <paramref name="sentAt"/> carrying session <paramref name="id"/> (null: none) and its answer.</summary>
    private void NoteIdle(int slot, string? id, long sentAt, Exchange answer)
    {
        if (id is not null)
        {
            var longest = idles.TryGetValue(id, out var before) ? Max(before.Longest, clock.GetElapsedTime(before.SentAt, sentAt)) : TimeSpan.Zero;
            if (slot is >= 0 and < ModelState.SlotCount)
            {
                idleBefore[slot] = longest;
            }

            idles[id] = (sentAt, answer.ShowsSessionAlive ? TimeSpan.Zero : longest);
        }

        if (SetCookieSession(answer) is { } fresh && fresh != id)
        {
            idles[fresh] = (sentAt, TimeSpan.Zero); // a session this request opened: the server touched it when it took it
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
