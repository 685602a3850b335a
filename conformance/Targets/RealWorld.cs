using PauseResume.Conformance.Model;
using PauseResume.Conformance.Scenarios;

namespace PauseResume.Conformance.Targets;

/// <summary>
/// A real recorder as the kit found it: the couples in progress (numbers read from the details where the accounts
/// can see them), their paused states, and the couples the kit may pause. Every couple the kit touches is put back
/// as it was found, and a final audit proves it.
/// </summary>
internal sealed partial class RealWorld
{
    private readonly ITarget target;
    private readonly TimeSpan pace;
    private readonly ModelUser? observer;
    private readonly ModelUser? pauser;
    private readonly Dictionary<long, bool> found;

    // Each couple's state when the run began: one the run ends in another state (someone else's change, as the kit took
    // it soon after a clean-up, see changedNearCleanUp) is named by the audit for a look by hand, since a call left paused
    // is not recorded.
    private readonly Dictionary<long, bool> atStart;
    private readonly List<string> notes = [];
    private readonly List<string> doubtful = [];

    // Couples taken for changed by someone else while a clean-up had dealt with them or their call a moment before (within
    // twice the longest wait for a pause, at least a minute, as --settle may be 0): details that lag past that wait look the same, so where such a couple ends the
    // run in another state than it began in, the audit asks for a look by hand. A change no clean-up came near is a note.
    private readonly HashSet<long> changedNearCleanUp = [];

    // Couples put back from a state the kit asked only of another leg of their call (noted once each).
    private readonly HashSet<long> putBackAsCallMate = [];

    // Couples whose restore got no answer a fault did not meet: their state as found is kept, never read again as found,
    // and every clean-up tries them again until one is answered.
    private readonly HashSet<long> unrestored = [];

    // Couples the last clean-up put back: their details may show the state from before that for a moment.
    private readonly HashSet<long> putBack = [];

    // When a clean-up last dealt with each couple a scenario touched (a timestamp): until the settle time has passed,
    // details that lag may still show any state the scenario or the clean-up gave it, one after another.
    private readonly Dictionary<long, long> touchedAt = [];

    // Couples whose details showed another state than found while a clean-up waited for the kit's own earlier request to
    // show, and could not be read again to the end of that wait (a fault, an answer without a document): the kit cannot
    // tell its own request shown late from someone else's change, so it sent nothing and kept the state as found. The
    // audit names one that still reads otherwise for a look by hand, not as a rule broken; a read that settles it clears it.
    private readonly HashSet<long> unsettled = [];

    // How often each couple was found changed between two scenarios (someone else's doing): noted the first time, counted after.
    private readonly Dictionary<long, int> changedBetween = [];

    // The paused state of each couple the kit may pause as the last clean-up read it, in its own session, and when: the
    // next scenario takes them if it starts at once (CouplesNowAsync), rather than logging in to read them again. Nothing
    // is made of them until then (a run's last clean-up is followed by the final audit, which reads for itself).
    private (long At, IReadOnlyDictionary<long, bool?> Paused)? readByCleanUp;

    // Every call each couple was seen in since the last clean-up (as found, then as the next clean-up's list shows it): a
    // conference or a transfer joins calls whenever it happens, and under pauseScope=call a pause of the kit's reached the
    // couples of whichever call its couple was in at that moment, which no one can tell. Couples that shared a call in
    // that time are taken for legs of one.
    private readonly Dictionary<long, HashSet<long>> callsSeen;

    // The same over the whole run, for the final audit; each couple's call as last listed (a scenario starts from it); the
    // states the kit's pauses, resumes and put-backs, taken, asked of each couple in the whole run.
    private readonly Dictionary<long, HashSet<long>> callsEver;
    private readonly Dictionary<long, long> latestCall;
    private readonly Dictionary<long, HashSet<bool>> askedEver = [];

    // When a clean-up last listed the calls (a timestamp; null: none yet).
    private long? callsListedAt;

    /// <summary>
    /// How long a clean-up's list of the calls serves the next clean-ups: a run that judges a failure replays it dozens of
    /// times in a minute, each replay cleaned up, and a list after each cost a break-pse1 recorder's run the budget it
    /// needed to judge the break (seed 2: 73 lists against 9, exit 5 where it had been 1). The final audit always lists.
    /// </summary>
    public TimeSpan CallsListedFor { get; set; } = TimeSpan.FromSeconds(10);

    private RealWorld(ITarget target, TimeSpan pace, ModelUser? observer, ModelUser? pauser, IReadOnlyList<ModelCouple> couples, IReadOnlySet<long> pausable, WorldSpec world, IReadOnlySet<long> unreadable)
    {
        Unreadable = unreadable;
        this.target = target;
        this.pace = pace;
        this.observer = observer;
        this.pauser = pauser;
        Couples = couples;
        Pausable = pausable;
        World = world;
        found = couples.ToDictionary(c => c.Id, c => c.Paused);
        callsSeen = couples.ToDictionary(c => c.Id, c => new HashSet<long> { c.CallId });
        callsEver = couples.ToDictionary(c => c.Id, c => new HashSet<long> { c.CallId });
        latestCall = couples.ToDictionary(c => c.Id, c => c.CallId);
        atStart = new Dictionary<long, bool>(found);
    }

    public IReadOnlyList<ModelCouple> Couples { get; }

    /// <summary>The clock of the waits for details that lag: when a clean-up last dealt with a couple, and how long ago.</summary>
    private TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The couples on the allow-list that are in progress; empty when pausing is not allowed.</summary>
    public IReadOnlySet<long> Pausable { get; }

    public WorldSpec World { get; }

    /// <summary>Couples on the allow-list, in progress, whose details were read but show no paused state: never paused.</summary>
    public IReadOnlySet<long> Unreadable { get; }

    /// <summary>
    /// What the clean-ups noted of a couple someone else may have changed: one left as it was because someone else changed
    /// it (an agent on hold, say), one put back though the change may have been someone else's.
    /// </summary>
    public IReadOnlyList<string> Notes =>
        [.. notes, .. changedBetween.Where(c => c.Value > 1).Select(c => FormattableString.Invariant($"couple {c.Key} changed between scenarios {c.Value} times in all (someone else's doing, or details that lag; noted once above): each scenario started from the state it was in"))];

    /// <summary>
    /// SES-3: the gist of the observer's login answer at the start of the run, so a logout in the run's first scenario,
    /// before any scenario logged in, is compared with a login answer as later ones are (a Struts recorder redirects both).
    /// </summary>
    public string? LoginGist { get; private init; }

    /// <summary>
    /// Whether the observer (the account with the fewest phone masks) lists the couple now, in a session of its own that
    /// it logs out of again; null when there is no observer or its list could not be read.
    /// </summary>
    public async Task<bool?> ListedNowAsync(long coupleId, CancellationToken cancellationToken) =>
        await ObserversListAsync(cancellationToken) is { } items ? items.Any(item => item.Id == coupleId) : null;

    /// <summary>The call of each couple the observer lists now (see <see cref="ListedNowAsync"/>); null when its list could not be read.</summary>
    public async Task<IReadOnlyDictionary<long, long>?> CallsNowAsync(CancellationToken cancellationToken) =>
        await ObserversListAsync(cancellationToken) is { } items ? Wire.Documents.CallsOf(items) : null;

    /// <summary>The observer's unfiltered list now, in a session of its own that it logs out of again; null when it could not be read.</summary>
    private async Task<IReadOnlyList<Wire.Documents.Listed>?> ObserversListAsync(CancellationToken cancellationToken)
    {
        if (observer is null)
        {
            return null;
        }

        using var http = target.CreateClient();
        var wire = new Wire.Wire(http, pace, TimeProvider.System) { Attempts = Probe.Prober.RepeatableAttempts };
        try
        {
            await wire.LoginAsync(0, observer, cancellationToken);
            var list = await wire.SendAsync(0, HttpMethod.Get, "callrec/restful/couples.xml", cancellationToken: cancellationToken);
            return list.Status == 200 ? Wire.Documents.List(list.Body) : null;
        }
        catch (Wire.StepFaultException)
        {
            return null;
        }
        finally
        {
            await LogOutIfInAsync(wire);
        }
    }

    /// <summary>The login of the observer, the account with the fewest phone masks; null where no account may list.</summary>
    public string? ObserverLogin => observer?.Login;

    /// <summary>
    /// The couples as they are now: each couple the kit may pause is read again before a scenario, so the scenario starts
    /// from the state it is in, not the one it was in when the run began (on a real recorder agents pause and resume the
    /// calls too; that is what the API is for), and the clean-up puts it back to this state. A read a fault meets keeps the
    /// state last known. A couple a clean-up dealt with, or one of another leg of its call, that reads otherwise is read
    /// again until as long after that clean-up as a pause is waited for (fifteen times <paramref name="settle"/>): details
    /// may show a change late (PSE-1 says nothing of how soon), a pause may reach every leg of the call (pauseScope is
    /// inferred), and details that show the past show the scenario's own pause after its put-back, one read after another.
    /// Taking any of those for someone else's doing would make the next clean-up "restore" the kit's own pause: a run
    /// against a recorder whose details lagged 3 s left both legs of a call paused.
    /// </summary>
    /// <param name="settle">The run's --settle.</param>
    public async Task<IReadOnlyList<ModelCouple>> CouplesNowAsync(TimeSpan settle, CancellationToken cancellationToken)
    {
        if (Pausable.Count == 0 || pauser is null)
        {
            return Couples;
        }

        // A scenario that starts right after a clean-up read the couples (within a second and two requests' pace of that
        // read) starts from it: nobody's change in between could be told from one made a moment later, during the
        // scenario, which the kit meets at any rate. Where the clean-up read nothing (the scenario touched no couple, or a
        // couple was put back: details that lag show the state before it for a while), more time has passed, or a couple
        // read otherwise than found would be waited for (below), the couples are read again here. Between the replays
        // that judge a failure, that is a login, a read of each couple and a logout fewer out of about ten requests.
        if (readByCleanUp is { } read && Time.GetElapsedTime(read.At) < TimeSpan.FromSeconds(1) + (2 * pace)
            && read.Paused.All(r => r.Value is not { } shown || shown == found[r.Key] || SettlingLeft(r.Key, settle) <= TimeSpan.Zero))
        {
            readByCleanUp = null;
            await TakeAsFoundAsync(id => Task.FromResult(read.Paused.GetValueOrDefault(id)), null, settle, cancellationToken);
            return AsFound();
        }

        readByCleanUp = null;
        using var http = target.CreateClient();
        var wire = new Wire.Wire(http, pace, TimeProvider.System) { Attempts = Probe.Prober.RepeatableAttempts };
        try
        {
            await wire.LoginAsync(0, pauser, cancellationToken);
            await TakeAsFoundAsync(id => PausedNowAsync(wire, id, cancellationToken), wire, settle, cancellationToken);
        }
        catch (Wire.StepFaultException)
        {
        }
        finally
        {
            await LogOutIfInAsync(wire);
        }

        return AsFound();
    }

    /// <summary>The couples with the paused states the kit takes them to be in now, each in its call as last listed.</summary>
    private IReadOnlyList<ModelCouple> AsFound() =>
        [.. Couples.Select(c => c with { Paused = found.GetValueOrDefault(c.Id, c.Paused), CallId = latestCall.GetValueOrDefault(c.Id, c.CallId) })];

    /// <summary>How much longer a couple a clean-up dealt with (or one of its call) may show the kit's own requests late.</summary>
    private TimeSpan SettlingLeft(long id, TimeSpan settle) =>
        touchedAt.TryGetValue(id, out var at) ? Commands.DetailsLag.LongestWait(settle) - Time.GetElapsedTime(at) : TimeSpan.Zero;

    /// <summary>
    /// Takes the state each couple the kit may pause shows now (<paramref name="readNow"/>: null where unread) as found (see
    /// <see cref="CouplesNowAsync"/>); one that shows otherwise while it may still show the kit's own requests late is read
    /// again in <paramref name="wire"/>'s slot 0, logged in as the pauser. A fault stops the reading where it is.
    /// </summary>
    private async Task TakeAsFoundAsync(Func<long, Task<bool?>> readNow, Wire.Wire? wire, TimeSpan settle, CancellationToken cancellationToken)
    {
        foreach (var id in Pausable)
        {
            if (!unrestored.Contains(id) && await readNow(id) is { } paused)
            {
                var left = SettlingLeft(id, settle);
                var read = left > TimeSpan.Zero && paused != found[id] ? await SettledAsync(wire!, id, found[id], left, cancellationToken) : paused;
                if (read is not { } now)
                {
                    continue; // it ended (or its details went) while the kit waited for them to settle: nothing to judge
                }

                if (putBack.Contains(id) && now != found[id])
                {
                    // The put-back was answered as taken, yet the details show the other state: it did not take (PSE-1),
                    // or someone changed the couple since. The kit cannot tell which, so it says so and goes on from here.
                    doubtful.Add(FormattableString.Invariant($"couple {id} was put back {(found[id] ? "paused" : "recording")} after a scenario, yet its details still showed it {(now ? "paused" : "recording")} {Commands.DetailsLag.LongestWait(settle).TotalSeconds:0.#} s after that clean-up (a pause put back is sent in each place the recorder may read paused until its details show it): someone changed it since, the recorder did not take it, or its details lag longer than that; it may be left {(now ? "paused" : "recording")}: check it by hand"));
                }
                else if (now != found[id])
                {
                    // Between scenarios: someone else's doing (an agent's hold), or details that lag longer than the settle
                    // time. Either way the clean-ups put it back to this state from now on, so the report says so.
                    // Noted once a couple: an agent who holds a call now and then changes it between many scenarios.
                    TakenForChangedBySomeoneElse(id, settle);
                    if (changedBetween.TryGetValue(id, out var times))
                    {
                        changedBetween[id] = times + 1;
                    }
                    else
                    {
                        changedBetween[id] = 1;
                        notes.Add(FormattableString.Invariant($"couple {id} was {(found[id] ? "paused" : "recording")} after a scenario and {(now ? "paused" : "recording")} before the next one: someone else changed it (or its details lag more than {Commands.DetailsLag.LongestWait(settle).TotalSeconds:0.#} s); the kit sent it nothing for that, and each clean-up from then on leaves it in the state the scenario found it in"));
                    }
                }

                found[id] = now;
                unsettled.Remove(id);
            }
        }

        putBack.Clear();
    }

    /// <summary>Notes a couple taken for changed by someone else soon after a clean-up dealt with it or its call (see <see cref="changedNearCleanUp"/>).</summary>
    private void TakenForChangedBySomeoneElse(long id, TimeSpan settle)
    {
        if (touchedAt.TryGetValue(id, out var at) && Time.GetElapsedTime(at) is var since && (since < Commands.DetailsLag.LongestWait(settle) * 2 || since < TimeSpan.FromMinutes(1)))
        {
            changedNearCleanUp.Add(id);
        }
    }

    /// <summary>
    /// The allowed couples someone holds now: each that reads paused in <paramref name="now"/>, and each that shares a call
    /// with one that does (where a pause reaches the whole call, the kit's resume of one leg resumes the hold). The kit
    /// sends them no pause or resume: a resume of a hold might record what it was for (card details read out), and a
    /// put-back would pause the call again after its holder let go, leaving it unrecorded with nobody holding it.
    /// </summary>
    public IReadOnlySet<long> Held(IReadOnlyList<ModelCouple> now)
    {
        var heldCalls = now.Where(c => c.Paused && Pausable.Contains(c.Id)).Select(c => c.CallId).ToHashSet();
        return now.Where(c => Pausable.Contains(c.Id) && (c.Paused || heldCalls.Contains(c.CallId))).Select(c => c.Id).ToHashSet();
    }
}
