using PauseResume.Conformance.Model;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Targets;

namespace PauseResume.Conformance.Commands;

/// <summary>What a step works with: the wire to the target, the model so far and what earlier steps saw.</summary>
internal sealed class StepContext(Wire.Wire wire, ITarget target, RunMemory memory, IReadOnlySet<long>? pausable)
{
    public Wire.Wire Wire => wire;

    public ITarget Target => target;

    public RunMemory Memory => memory;

    public required ModelState Model { get; set; }

    /// <summary>How long the details may take to show a pause or resume where the kit does not move the clock (see <see cref="Settling"/>).</summary>
    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a state the details do not show yet is waited for, at least <see cref="Settle"/> (--settle 0 still waits as the default does).</summary>
    public TimeSpan Waiting { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>What the run learned of how late the details show a change (see <see cref="Settling"/>); one for the whole run.</summary>
    public DetailsLag Lag { get; init; } = new();

    /// <summary>On a real recorder, calls come and go on their own: a couple that ends meanwhile is a legal event.</summary>
    public bool Observing => target.Control is null;

    /// <summary>Couples the kit did not start may begin and end on their own (see <see cref="ITarget.CallsComeAndGo"/>).</summary>
    public bool CallsComeAndGo => target.CallsComeAndGo;

    /// <summary>The couples the kit may pause (null: any); on a real recorder only those allowed with --couple.</summary>
    public IReadOnlySet<long>? Pausable => pausable;

    /// <summary>
    /// The refusal of a request of <paramref name="slot"/> while it is not logged in: a pass or an unexpected success
    /// counts for the rule that logged it out (SES-2, SES-5, SES-6…), any other answer for the request's own rule. That a
    /// logout ends the session it named is SES-5's inferred part (only "log out with a POST" is the vendor's; the path is
    /// ours): a session still served after it differs, it breaks no documented rule.
    /// </summary>
    public StatusCheck NotLoggedIn(int slot, string resourceRule, string why) =>
        Model.Slot(slot).Because is var because && because != "LST-2"
            ? new(403, because, why, Inferred: because == "SES-5") { OtherFailureRule = resourceRule, PastLogin = PastLoginStatuses(resourceRule), PastLoginSetting = OrderSettingOf(resourceRule) ?? string.Empty }
            : new(403, resourceRule, why);

    /// <summary>The statuses of the request's own bad parameters: a list's direction (LST-6), a pause's value (PSE-2).</summary>
    private HashSet<int> PastLoginStatuses(string resourceRule) =>
        OrderSettingOf(resourceRule) is not { } setting || Model.Profile[setting] == "before-login" ? []
        : resourceRule == "LST-2" ? [Model.Profile.InvalidDirectionStatus]
        : [400];

    /// <summary>The setting that places the request's own bad parameter among its access checks, if it has one.</summary>
    private static string? OrderSettingOf(string resourceRule) => resourceRule switch
    {
        "LST-2" => ProfileSettings.BadDirectionOrder,
        "PSE-4" => ProfileSettings.BadPausedOrder,
        _ => null,
    };

    /// <summary>Wrong passwords went to a real recorder's accounts in earlier scenarios, so a lockout may still hold.</summary>
    public bool LockoutCarriesOver { get; init; }

    /// <summary>SES-3: a login answer's gist an earlier scenario saw (see <see cref="Scenarios.ScenarioRunner.LoginGistSeen"/>).</summary>
    public string? LoginGistSeen { get; init; }

    /// <summary>
    /// On a real recorder: the run's observer, the account with the fewest phone masks, and whether it lists a couple now,
    /// read in a session of its own (null: could not be read). Null where there is no observer.
    /// </summary>
    public (string Login, Func<long, CancellationToken, Task<bool?>> ListsAsync)? Observer { get; init; }

    /// <summary>
    /// On a real recorder: the call of each couple the observer lists now, read in a session of its own (null: could not
    /// be read); null where there is no observer. A conference or a transfer may move a couple to another call.
    /// </summary>
    public Func<CancellationToken, Task<IReadOnlyDictionary<long, long>?>>? CallsNowAsync { get; init; }

    /// <summary>
    /// Whether the observer may log in on a session of its own now without ending one of the scenario's (SES-4;
    /// sessionsPerUser is inferred): where no slot of the scenario is the observer's. Under sessionsPerUser=one its login
    /// ended such a slot's session, and the slot's next request, refused, was called a broken rule; the observer logs out
    /// again after its read, whatever the recorder's session policy.
    /// </summary>
    public bool ObserverMayLogIn =>
        Observer is var (login, _) && !Enumerable.Range(0, ModelState.SlotCount).Any(s => Model.Slot(s).User == login);

    /// <summary>
    /// On a real recorder: the call of each couple listed now, by the observer where it may log in (see
    /// <see cref="ObserverMayLogIn"/>), else in the session of the scenario's that is the observer's, else in
    /// <paramref name="slot"/>'s where its user has Call List (a read outside the transcript); null where none can read a
    /// list, or a fault met the read.
    /// </summary>
    public async Task<IReadOnlyDictionary<long, long>?> CallsListedNowAsync(int slot, CancellationToken cancellationToken)
    {
        if (ObserverMayLogIn && CallsNowAsync is { } read && await read(cancellationToken) is { } calls)
        {
            return calls;
        }

        var reader = Observer is var (login, _) && Enumerable.Range(0, ModelState.SlotCount).FirstOrDefault(s => Model.Slot(s).User == login, -1) is var held and >= 0 ? held : slot;
        if (Model.UserOf(reader) is not { CallList: true })
        {
            return null;
        }

        if (wire.Replaying is not null)
        {
            throw new Wire.RecordingDivergedException(); // a read a replay cannot answer from the steps
        }

        try
        {
            var list = await wire.SendAsync(reader, HttpMethod.Get, "callrec/restful/couples.xml", record: false, cancellationToken: cancellationToken);
            return list.Status == 200 && PauseResume.Conformance.Wire.Documents.List(list.Body) is { } items ? PauseResume.Conformance.Wire.Documents.CallsOf(items) : null;
        }
        catch (Wire.StepFaultException)
        {
            return null; // the failure it was to explain stands
        }
    }

    /// <summary>Accounts of a real recorder that could log in at the start of the run and cannot now: someone else may hold them.</summary>
    public IReadOnlySet<string> RefusedNow { get; init; } = new HashSet<string>();

    /// <summary>
    /// A 403 where a session the model holds logged in expected another answer (a success, a 400, a 404). Nothing
    /// documents a lockout after wrong passwords or one session per user, yet a recorder may have either: where one
    /// could have ended the session (its user's login was sent more than once, or wrong passwords went to the accounts
    /// in earlier scenarios), that the session is still logged in is the inferred part of SES-1, a difference, not
    /// SES-1 or the request's rule broken. Where the clock moved since the server last answered the session as logged in
    /// (its login, or a 2xx to a request that needs one), that it has not expired is
    /// SES-6's inferred timeout (sessionIdleTimeout): a server whose timeout is shorter differs, it breaks nothing. (A
    /// request the server refused for its own reasons still counts as the session's last, so the idle time alone is not enough.)
    /// </summary>
    public Kit.Check SessionPolicy(int slot, Kit.Check check) =>
        check.Passed || check.Actual != "403" || check.Expected == "403" ? check
        : PolicyMayHaveEnded(slot) && !RefusedNow.Contains(Model.UserOf(slot)!.Login) && IdledOnItsOwn(slot) is { } idled ? check with
        {
            // Either may have ended it, and a replay meets the same idle or not as the recorder's timing has it: no setting
            // value is tried (a recorder whose sessions expired after 1.2 s had such a refusal replayed under value after
            // value until the budget ran out). A probed profile names the session policy, so only the idle is left then.
            Rule = "SES-6",
            RequestRule = check.RequestRule ?? check.Rule,
            InferredPart = true,
            Timing = true,
            What = $"{check.What}, in the session {Model.UserOf(slot)!.Login} logged in to, after it went without a request for 0.8 s or more by the kit's clock (inferred: neither an idle timeout shorter than that, under sessionIdleTimeout={Model.Profile.SessionIdleTimeout}, nor a lockout or one-session-per-user policy ended it; the kit cannot tell which did)",
            Actual = FormattableString.Invariant($"{check.Actual} after an idle of up to {idled.TotalSeconds:0.0} s"),
        }
        : PolicyMayHaveEnded(slot) ? check with
        {
            Rule = "SES-1",
            RequestRule = check.RequestRule ?? check.Rule,
            InferredPart = true,
            What = RefusedNow.Contains(Model.UserOf(slot)!.Login)
                ? $"{check.What}, in the session {Model.UserOf(slot)!.Login} logged in to (inferred: no one-session-per-user policy or lockout ended it; {Model.UserOf(slot)!.Login} could log in at the start of the run and cannot now, in a fresh session either: someone else may be logged in as {Model.UserOf(slot)!.Login}; if no one is, its login stopped working, which breaks SES-1)"
                : $"{check.What}, in the session {Model.UserOf(slot)!.Login} logged in to (inferred: no lockout or one-session-per-user policy ended it)",
        }
        : ClockMovedSinceAnswered(slot) && Model.Slot(slot) is var live && Model.Now - live.LoggedInAt is var held ? check with
        {
            Rule = "SES-6",
            RequestRule = check.RequestRule ?? check.Rule,
            InferredPart = true,
            What = FormattableString.Invariant($"{check.What}, in the session {Model.UserOf(slot)!.Login} logged in to {held} before, idle {Model.Now - live.LastSeen} (inferred: under sessionIdleTimeout={Model.Profile.SessionIdleTimeout} it has not expired)"),
        }
        : IdledOnItsOwn(slot) is { } idle ? check with
        {
            Rule = "SES-6",
            RequestRule = check.RequestRule ?? check.Rule,
            InferredPart = true,
            Timing = true,
            What = $"{check.What}, in the session {Model.UserOf(slot)!.Login} logged in to, after it went without a request for 0.8 s or more by the kit's clock (inferred: under sessionIdleTimeout={Model.Profile.SessionIdleTimeout} it has not expired; a server whose sessions expire after a shorter idle ended it)",
            Actual = FormattableString.Invariant($"{check.Actual} after an idle of up to {idle.TotalSeconds:0.0} s"),
        }
        : check;

    /// <summary>
    /// A 403 to this slot's session may come from a policy nothing documents (a lockout, one session per user) rather than
    /// from the request: its user logged in more than once in the scenario, the last time after the server last showed
    /// this session alive (a login the session outlived ended nothing); or wrong passwords went to a real recorder, and
    /// the server has not shown the session alive since its last 403 to it (a lockout may follow a wrong password to any
    /// account, or hold a client, not only a user, so only the session's own answer after the refusal tells: see
    /// <see cref="NoteRefusalAsync"/>); or its account could log in at the start of the run and cannot now. Such a 403
    /// says nothing of the links or rights (LST-5, DET-2), only of the session. (A recorder matching phone masks against
    /// the called number alone had every such refusal, in a session its list showed alive right after, put down to SES-1
    /// where wrong passwords had been sent.)
    /// </summary>
    public bool PolicyMayHaveEnded(int slot) =>
        Model.UserOf(slot) is { } user
        && (RefusedNow.Contains(user.Login)
            || (LockoutCarriesOver && LastRefusedAt(slot) is var refused && (refused < 0 || refused > LastShownAlive(slot)))
            || (memory.LoginsNamed(user.Login) > 1 && memory.LastLoginAt(user.Login) > LastShownAlive(slot)));

    /// <summary>Where in the transcript this slot's last request was refused with a 403; -1 if nowhere.</summary>
    private int LastRefusedAt(int slot)
    {
        for (var i = wire.Transcript.Count - 1; i >= 0; i--)
        {
            if (wire.Transcript[i] is { Script: null, Status: 403 } e && e.Slot == slot)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Where in the transcript the server last showed this slot's session alive, by a 2xx to a request that needs one
    /// (<see cref="Wire.Exchange.ShowsSessionAlive"/>); -1 if nowhere. (A login's answer shows nothing: a recorder may keep
    /// a user's first session and ignore the second login, sessionsPerUser=first-wins.)
    /// </summary>
    private int LastShownAlive(int slot)
    {
        var id = wire.SessionOf(slot);
        for (var i = wire.Transcript.Count - 1; id is not null && i >= 0; i--)
        {
            var e = wire.Transcript[i];
            if (e.Slot == slot && e.ShowsSessionAlive && e.Cookie?.Split(';').Any(c => c.Trim() == "JSESSIONID=" + id) == true)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// The clock moved since the server last answered this slot's session as logged in, so a server whose idle timeout is
    /// shorter than the profile's may have expired it (SES-6, inferred): a 403 to it says nothing of the links or rights
    /// either. One answered since the last wait was alive after it: its 403 is judged as the request's own.
    /// </summary>
    public bool ClockMovedSinceAnswered(int slot) =>
        Model.Slot(slot) is { User: not null } live && Model.Now > live.AnsweredAt;

    /// <summary>
    /// The shortest idle timeout a session may have (sessionIdleTimeout's least value). A servlet container's timeout is
    /// whole minutes in its configuration, but an application may set one in seconds.
    /// </summary>
    public static readonly TimeSpan ShortestIdleTimeout = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The idle, by the kit's clock, after which a 403 may be a session's expiry: a fifth less than
    /// <see cref="ShortestIdleTimeout"/>. The kit measures from its own sending, and a server from when it took or
    /// finished a request: the answers' and the network's own times may put the server's measure past a timeout the
    /// kit's stays just short of (a recorder whose sessions expired after 1.0 s expired one the kit saw idle 0.99 s, and
    /// the probe went on in the dead session).
    /// </summary>
    public static readonly TimeSpan IdleWorthAsking = ShortestIdleTimeout * 0.8;

    /// <summary>
    /// Whether the kit may send a request of its own to tell what an answer meant: whether a session lives after a 403
    /// after an idle or a second login of its user (<see cref="NoteRefusalAsync"/>), whether the details show the link of a pause refused against the
    /// access rules (<see cref="CoupleAccess.LinkShownAfterRefusalAsync"/>). Not where two servers' transcripts are
    /// compared request by request (--compare), which judges no check.
    /// </summary>
    public bool AsksToTell { get; init; } = true;

    /// <summary>Per slot: the session a refusal may have found expired on its own, and how long it had gone without a request (see <see cref="NoteRefusalAsync"/>).</summary>
    private readonly (string? Session, TimeSpan Idle)?[] endedOnItsOwn = new (string?, TimeSpan)?[ModelState.SlotCount];

    /// <summary>
    /// On a recorder whose clock the kit cannot move (a real one), how long this slot's session went without a request
    /// before a 403 to it, where it may have expired on its own (<see cref="NoteRefusalAsync"/>); else null. The profile's
    /// timeout is not applied here: the model's clock does not follow a real recorder's, and whether a replay meets the
    /// same idle is the server's timing, not the steps' (<see cref="Kit.Check.Timing"/>).
    /// </summary>
    public TimeSpan? IdledOnItsOwn(int slot) =>
        endedOnItsOwn[slot] is var (session, idle) && session == wire.SessionOf(slot) && Model.Slot(slot).User is not null ? idle : null;

    /// <summary>
    /// After a 403 to this slot's session on a recorder whose clock the kit cannot move: where the session went
    /// <see cref="IdleWorthAsking"/> or more without a request since the server last showed it alive, a server whose
    /// sessions expire after so short an idle (SES-6 is inferred) may have ended it. A request the user may make tells:
    /// the list (<paramref name="listed"/> false; a user with Call List) or the details of a couple it may see (after a
    /// list's own 403); served, the session is alive and the 403 is the request's own; refused, or where the user may make
    /// no such request, the session may have expired. Before, a recorder whose sessions expired after two seconds of
    /// idle had a refused pause judged as the access rules' for twelve minutes, and a refused list would have been LST-1
    /// broken. So too where a second login of the user came after the server last showed the session alive
    /// (<see cref="PolicyMayHaveEnded"/>): served, the session outlived that login, and the 403 is not the session policy's
    /// (a recorder that refused a user's resumes of one couple had a refusal after a second login judged as a policy's
    /// for three minutes).
    /// </summary>
    public async Task NoteRefusalAsync(int slot, int status, bool listed, CancellationToken cancellationToken)
    {
        endedOnItsOwn[slot] = null;
        var idle = wire.IdleBefore(slot);
        var idled = idle >= IdleWorthAsking;
        if (!AsksToTell || target.Clock != ClockKind.None || status != 403 || Model.UserOf(slot) is not { } user || !(idled || PolicyMayHaveEnded(slot)))
        {
            return;
        }

        var seen = user.CallList ? Model.InProgress.FirstOrDefault(c => c.Known && Model.MaySee(user, c)) : null;
        var confirm = !user.CallList ? null : !listed ? "callrec/restful/couples.xml" : seen is null ? null : $"callrec/restful/couples.xml/{seen.Id}";
        if ((confirm is null || !(await wire.SendAsync(slot, HttpMethod.Get, confirm, cancellationToken: cancellationToken)).ShowsSessionAlive) && idled)
        {
            endedOnItsOwn[slot] = (wire.SessionOf(slot), idle); // as the slot holds it now: a server may set a fresh one with its refusal
        }
    }

    /// <summary>Whether something other than the request may have ended this slot's session (<see cref="PolicyMayHaveEnded"/>, <see cref="ClockMovedSinceAnswered"/>, <see cref="IdledOnItsOwn"/>).</summary>
    public bool SessionMayHaveEnded(int slot) => PolicyMayHaveEnded(slot) || ClockMovedSinceAnswered(slot) || IdledOnItsOwn(slot) is not null;
}
