using System.Collections.Immutable;
using PauseResume.Conformance.Model;
using PauseResume.Conformance.Scenarios;

namespace PauseResume.Conformance.Targets;

/// <summary>
/// A real recorder as the kit found it: the couples in progress (numbers read from the details where the accounts
/// can see them), their paused states, and the couples the kit may pause. Every couple the kit touches is put back
/// as it was found, and a final audit proves it.
/// </summary>
internal sealed class RealWorld
{
    private readonly ITarget target;
    private readonly TimeSpan pace;
    private readonly ModelUser? observer;
    private readonly ModelUser? pauser;
    private readonly Dictionary<long, bool> found;
    private readonly List<string> leftAlone = [];
    private readonly List<string> doubtful = [];

    // Couples whose restore got no answer a fault did not meet: their state as found is kept, never read again as found,
    // and every clean-up tries them again until one is answered.
    private readonly HashSet<long> unrestored = [];

    // Couples the last clean-up put back: their details may show the state from before that for a moment.
    private readonly HashSet<long> putBack = [];

    // When a clean-up last dealt with each couple a scenario touched (a timestamp): until the settle time has passed,
    // details that lag may still show any state the scenario or the clean-up gave it, one after another.
    private readonly Dictionary<long, long> touchedAt = [];

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
    }

    public IReadOnlyList<ModelCouple> Couples { get; }

    /// <summary>The couples on the allow-list that are in progress; empty when pausing is not allowed.</summary>
    public IReadOnlySet<long> Pausable { get; }

    public WorldSpec World { get; }

    /// <summary>Couples on the allow-list, in progress, whose details were read but show no paused state: never paused.</summary>
    public IReadOnlySet<long> Unreadable { get; }

    /// <summary>What the clean-up left as it was because someone else changed it during a scenario (an agent on hold, say).</summary>
    public IReadOnlyList<string> LeftAlone => leftAlone;

    /// <summary>
    /// SES-3: the gist of the observer's login answer at the start of the run, so a logout in the run's first scenario,
    /// before any scenario logged in, is compared with a login answer as later ones are (a Struts recorder redirects both).
    /// </summary>
    public string? LoginGist { get; private init; }

    /// <summary>
    /// Whether the observer (the account with the fewest phone masks) lists the couple now, in a session of its own that
    /// it logs out of again; null when there is no observer or its list could not be read.
    /// </summary>
    public async Task<bool?> ListedNowAsync(long coupleId, CancellationToken cancellationToken)
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
            return list.Status == 200 && Wire.Documents.List(list.Body) is { } items ? items.Any(item => item.Id == coupleId) : null;
        }
        catch (Wire.StepFaultException)
        {
            return null;
        }
        finally
        {
            await DespiteFaultsAsync(() => wire.LogoutAsync(0, CancellationToken.None), attempts: 1);
        }
    }

    /// <summary>The login of the observer, the account with the fewest phone masks; null where no account may list.</summary>
    public string? ObserverLogin => observer?.Login;

    /// <summary>
    /// The couples as they are now: each couple the kit may pause is read again before a scenario, so the scenario starts
    /// from the state it is in, not the one it was in when the run began (on a real recorder agents pause and resume the
    /// calls too; that is what the API is for), and the clean-up puts it back to this state. A read a fault meets keeps the
    /// state last known. A couple the last clean-up put back that reads otherwise is read again for up to
    /// <paramref name="settle"/> first: details may show a change late (PSE-1 says nothing of how soon), and taking the
    /// state from before the put-back as found would make the next clean-up "restore" it. So is any couple a scenario
    /// touched less than <paramref name="settle"/> ago: details that show the past show the scenario's own pause after
    /// its put-back, one read after another, and a read that fell on it would be taken for someone else's pause.
    /// </summary>
    public async Task<IReadOnlyList<ModelCouple>> CouplesNowAsync(TimeSpan settle, CancellationToken cancellationToken)
    {
        if (Pausable.Count == 0 || pauser is null)
        {
            return Couples;
        }

        using var http = target.CreateClient();
        var wire = new Wire.Wire(http, pace, TimeProvider.System) { Attempts = Probe.Prober.RepeatableAttempts };
        try
        {
            await wire.LoginAsync(0, pauser, cancellationToken);
            foreach (var id in Pausable)
            {
                if (!unrestored.Contains(id) && await PausedNowAsync(wire, id, cancellationToken) is { } paused)
                {
                    var recent = touchedAt.TryGetValue(id, out var at) && System.Diagnostics.Stopwatch.GetElapsedTime(at) < settle;
                    var read = (putBack.Contains(id) || recent) && paused != found[id] && settle > TimeSpan.Zero ? await SettledAsync(wire, id, found[id], settle, cancellationToken) : paused;
                    if (read is not { } now)
                    {
                        continue; // it ended (or its details went) while the kit waited for them to settle: nothing to judge
                    }

                    if (putBack.Contains(id) && now != found[id])
                    {
                        // The put-back was answered as taken, yet the details show the other state: it did not take (PSE-1),
                        // or someone changed the couple since. The kit cannot tell which, so it says so and goes on from here.
                        doubtful.Add(FormattableString.Invariant($"couple {id} was put back {(found[id] ? "paused" : "recording")} after a scenario, yet its details still showed it {(now ? "paused" : "recording")} {settle.TotalSeconds:0.#} s later (a pause put back is sent in each place the recorder may read paused until its details show it): someone changed it since, the recorder did not take it, or its details lag longer than that; it may be left {(now ? "paused" : "recording")}: check it by hand"));
                    }
                    else if (now != found[id])
                    {
                        // Between scenarios: someone else's doing (an agent's hold), or details that lag longer than the settle
                        // time. Either way the clean-ups put it back to this state from now on, so the report says so.
                        leftAlone.Add(FormattableString.Invariant($"couple {id} was {(found[id] ? "paused" : "recording")} after a scenario and {(now ? "paused" : "recording")} before the next one: someone else changed it (or its details lag more than {settle.TotalSeconds:0.#} s), and the kit puts it back to {(now ? "paused" : "recording")} from now on"));
                    }

                    found[id] = now;
                }
            }

            putBack.Clear();

            await wire.LogoutAsync(0, cancellationToken);
        }
        catch (Wire.StepFaultException)
        {
        }

        return [.. Couples.Select(c => found.TryGetValue(c.Id, out var paused) && paused != c.Paused ? c with { Paused = paused } : c)];
    }

    public static async Task<RealWorld> ObserveAsync(ITarget target, IReadOnlyList<ModelUser> accounts, IReadOnlyCollection<long> allowList, bool allowPause, TimeSpan pace, CancellationToken cancellationToken)
    {
        var observer = accounts.Where(a => a.CallList).OrderBy(a => a.Masks.Length).FirstOrDefault();
        var pauser = accounts.Where(a => a.CallList && a.PauseAndResume).OrderBy(a => a.Masks.Length).FirstOrDefault();
        var couples = new List<ModelCouple>();
        string? loginGist = null;
        var stateKnown = new HashSet<long>();
        var stateUnread = new HashSet<long>();
        if (observer is not null)
        {
            using var http = target.CreateClient();
            // Observing only reads (and logs in and out): a request a fault met is sent again before the run gives up.
            var wire = new Wire.Wire(http, pace, TimeProvider.System) { Attempts = Probe.Prober.RepeatableAttempts };
            var login = await wire.LoginAsync(0, observer, cancellationToken);
            loginGist = login.Gist;
            var list = await wire.SendAsync(0, HttpMethod.Get, "callrec/restful/couples.xml", cancellationToken: cancellationToken);
            if (list.Status != 200 && Wire.Wire.SetCookieSession(login) is null && wire.SessionOf(0) is null)
            {
                // SES-4 (inferred): the kit follows a servlet session, JSESSIONID; a recorder that names it otherwise cannot be followed.
                var cookies = login.Header("Set-Cookie") is { } set ? string.Join(", ", set.Split('\n').Select(c => c.Split('=', 2)[0].Trim())) : "none";
                throw new TargetException($"{observer.Login} could not list the couples ({list.Status}), and the login set no JSESSIONID cookie (cookies set: {cookies}): the kit follows a servlet session (SES-4, inferred), so it cannot check this recorder");
            }

            if (list.Status != 200)
            {
                throw new TargetException($"{observer.Login} could not list the couples ({list.Status}): check the account and its rights");
            }


            foreach (var item in Wire.Documents.List(list.Body) ?? [])
            {
                var path = item.SelfHref is not null && Uri.TryCreate(wire.Origin, item.SelfHref, out var self) ? self.PathAndQuery : null;
                var details = path is null ? null : await wire.SendAsync(0, HttpMethod.Get, path, cancellationToken: cancellationToken);
                var couple = details?.Status == 200 ? FromDetails(item, details.Body) : null;
                couples.Add(couple ?? new ModelCouple(item.Id, item.CallId, string.Empty, string.Empty, null, null, false, false));
                if (couple is not null && Wire.Documents.Of(details!.Body)?.Paused is "true" or "false")
                {
                    stateKnown.Add(item.Id);
                }
                else if (details?.Status == 200)
                {
                    stateUnread.Add(item.Id);
                }
            }

            await wire.LogoutAsync(0, cancellationToken);

            // Every account with Call List must log in now (SES-1): one that cannot would make each scenario that uses it
            // look like a broken login, where the cause is most likely the account (a person using it on a recorder that
            // keeps one session per user, a wrong password).
            if (await RefusedAsync(wire, accounts.Where(a => a.CallList && a.Login != observer.Login), cancellationToken) is [var refused, ..])
            {
                throw new TargetException($"{refused} could not list the couples after logging in (403): check its password and rights, and that no one else is logged in as {refused} during the run (a recorder may keep one session per user and ignore another login of that user)");
            }
        }

        // Only a couple whose paused state could be read can be put back as it was found, so only such a one is paused.
        var pausable = allowPause && pauser is not null ? allowList.Where(stateKnown.Contains).ToHashSet() : [];
        var unreadable = allowPause && pauser is not null ? allowList.Where(stateUnread.Contains).ToHashSet() : [];
        return new RealWorld(target, pace, observer, pauser, couples, pausable, new WorldSpec(0, [.. accounts], []), unreadable) { LoginGist = loginGist };
    }

    /// <summary>
    /// The accounts with Call List whose login does not let them list now (SES-1), each tried in a fresh session that is
    /// logged out again. All of them could at the start of the run: one refused now was most likely taken by someone else
    /// meanwhile (a recorder may keep a user's first session and ignore another login, sessionsPerUser=first-wins;
    /// nothing documents either way), or locked by a policy. The kit cannot tell that from a login that stopped working.
    /// </summary>
    public async Task<IReadOnlyList<string>> RefusedNowAsync(CancellationToken cancellationToken)
    {
        using var http = target.CreateClient();
        var wire = new Wire.Wire(http, pace, TimeProvider.System) { Attempts = Probe.Prober.RepeatableAttempts };
        try
        {
            return await RefusedAsync(wire, World.Users.Where(u => u.CallList), cancellationToken);
        }
        catch (Wire.StepFaultException)
        {
            return [];
        }
    }

    private static async Task<List<string>> RefusedAsync(Wire.Wire wire, IEnumerable<ModelUser> accounts, CancellationToken cancellationToken)
    {
        var refused = new List<string>();
        foreach (var account in accounts.DistinctBy(a => a.Login))
        {
            await wire.LoginAsync(0, account, cancellationToken);
            var list = await wire.SendAsync(0, HttpMethod.Get, "callrec/restful/couples.xml", cancellationToken: cancellationToken);
            await wire.LogoutAsync(0, cancellationToken);
            if (list.Status == 403)
            {
                refused.Add(account.Login);
            }
        }

        return refused;
    }

    /// <summary>
    /// After each run: every slot logs out, and every couple the run touched goes back to the state it was found in, unless
    /// it is now in a state the run never asked for: then someone else changed it (an agent put the call on hold), and
    /// putting it back would undo their pause or resume, so it is left as they set it and said so. A request that meets a
    /// fault (a 503, a cut answer) does not stop the clean-up: the rest still goes out, a restore is tried again, and the
    /// final audit says whether each couple is as it was found.
    /// </summary>
    /// <param name="settle">How long a put-back pause may take to show in the details (--settle) before it is sent in another place.</param>
    public async Task CleanUpAsync(Wire.Wire wire, IReadOnlySet<long> touched, TimeSpan settle, CancellationToken cancellationToken, Profiles.KitProfile? profile = null)
    {
        // Sessions a slot left behind (it logged in again, or was made to send another id) are logged out too: a recorder
        // that keeps the first of a user's sessions and refuses the next would otherwise hold them against later
        // scenarios, and each would hold a session on a production server until it expired.
        var current = Enumerable.Range(0, ModelState.SlotCount).Select(wire.SessionOf).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var leftBehind = wire.NotLoggedOut.Where(id => !current.Contains(id)).ToList();
        for (var slot = 0; slot < ModelState.SlotCount; slot++)
        {
            if (wire.SessionOf(slot) is not null)
            {
                await DespiteFaultsAsync(() => wire.LogoutAsync(slot, cancellationToken), attempts: 1);
            }
        }

        foreach (var id in leftBehind)
        {
            wire.UseSession(0, id);
            await DespiteFaultsAsync(() => wire.LogoutAsync(0, cancellationToken), attempts: 1);
        }

        if ((touched.Count == 0 && unrestored.Count == 0) || pauser is null)
        {
            return;
        }

        var asked = AskedStates(wire.Sent, profile);
        await DespiteFaultsAsync(() => wire.LoginAsync(0, pauser, cancellationToken), attempts: 3);
        foreach (var id in touched.Union(unrestored).Where(found.ContainsKey).ToList())
        {
            bool? now;
            try
            {
                now = await PausedNowAsync(wire, id, cancellationToken);
            }
            catch (Wire.StepFaultException)
            {
                now = null; // unread: put back, as a couple the run changed most likely is
            }

            // Details may show a change late: a couple that reads as found is still put back if the run asked for the other
            // state (a no-op when it is there, PSE-3), and only one that reads as neither is someone else's doing.
            var states = asked.GetValueOrDefault(id);
            if (now == found[id] && states is not null && !states.Contains(!found[id]))
            {
                continue;
            }

            if (now is { } state && state != found[id] && states is not null && !states.Contains(state))
            {
                leftAlone.Add($"couple {id} was {(found[id] ? "paused" : "recording")} before a scenario and is now {(state ? "paused" : "recording")}, which the kit never asked for: someone else changed it, so it is left as they set it");
                found[id] = state;
                continue;
            }

            // A put-back refused (a 400 under a guessed profile, a 403) restored nothing: the couple is sent it again after
            // the next scenario, and its state as found is never taken from a read meanwhile. One that ended needs none.
            var answer = 0;
            var restored = await DespiteFaultsAsync(async () => answer = (await PutBackAsync(wire, 0, id, found[id], settle, cancellationToken, profile)).Status, attempts: 3)
                && (answer is >= 200 and < 300 or 404 or 410 || answer == profile?.UnchangedPauseStatus || answer == profile?.EndedCoupleStatus);
            if (restored)
            {
                unrestored.Remove(id);
                putBack.Add(id);
            }
            else
            {
                unrestored.Add(id);
            }
        }

        foreach (var id in touched.Where(found.ContainsKey))
        {
            touchedAt[id] = System.Diagnostics.Stopwatch.GetTimestamp();
        }

        await DespiteFaultsAsync(() => wire.LogoutAsync(0, cancellationToken), attempts: 1);
    }

    /// <summary>The state <paramref name="want"/> once the details show it within <paramref name="settle"/>; else the last read (null: unread).</summary>
    private static async Task<bool?> SettledAsync(Wire.Wire wire, long id, bool want, TimeSpan settle, CancellationToken cancellationToken)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        bool? now = null;
        while (waited.Elapsed < settle)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
            now = await PausedNowAsync(wire, id, cancellationToken);
            if (now is null || now == want)
            {
                break;
            }
        }

        return now;
    }

    /// <summary>The couple's paused state as its details show it now; null when they do not show it (or it has ended).</summary>
    private static async Task<bool?> PausedNowAsync(Wire.Wire wire, long id, CancellationToken cancellationToken)
    {
        var details = await wire.SendAsync(0, HttpMethod.Get, $"callrec/restful/couples.xml/{id}", cancellationToken: cancellationToken);
        return details.Status == 200 ? Wire.Documents.Of(details.Body)?.Paused switch { "true" => true, "false" => false, _ => null } : null;
    }

    /// <summary>
    /// The states the run asked each couple to take, from its pausedState requests: each value sent, and the state the
    /// profile says the server read it as (on a lenient server a value where it does not look reads as false, so a
    /// pause it took may have resumed the couple, whatever the profile says). A value other than true or false, or a
    /// request the profile would have refused though the server took it, counts as both. A couple with no request here may
    /// still have been changed.
    /// </summary>
    private static Dictionary<long, HashSet<bool>> AskedStates(IEnumerable<(string Method, string PathAndQuery, string? Form, int? Status)> sent, Profiles.KitProfile? profile)
    {
        var asked = new Dictionary<long, HashSet<bool>>();
        foreach (var exchange in sent)
        {
            var path = exchange.PathAndQuery.Split('?', 2);
            var segments = path[0].Split('/');
            if (exchange.Method is not ("POST" or "PUT") || segments is not [.., var coupleId, "pausedState"] || !long.TryParse(coupleId, out var id))
            {
                continue;
            }

            // A request refused (answered, not 2xx) changed nothing: the couple asked nothing of it, and a state it asked
            // for is someone else's doing (an agent put the call on hold while the kit's pause was refused).
            if (exchange.Status is { } status && status is not (>= 200 and < 300))
            {
                asked.TryAdd(id, []);
                continue;
            }

            static List<string> Values(string? part) => (part ?? string.Empty).Split('&')
                .Where(p => p.StartsWith("paused=", StringComparison.Ordinal)).Select(p => Uri.UnescapeDataString(p["paused=".Length..])).ToList();
            var inBody = Values(exchange.Form);
            var inQuery = Values(path.Length > 1 ? path[1] : null);
            var states = asked.TryGetValue(id, out var known) ? known : asked[id] = [];
            foreach (var value in inBody.Count + inQuery.Count == 0 ? [string.Empty] : inBody.Concat(inQuery))
            {
                states.UnionWith(Either(value));
            }

            if (profile is not null)
            {
                states.UnionWith(ReadAs(profile, exchange.Method == "PUT", inBody, inQuery));
            }

            // Where a recorder reads paused is inferred (PSE-3), and the profile may be a guess: a lenient recorder that does not
            // look where a "true" was sent (only the body, or only the query) took the pause as a resume. One sent in both
            // places is read as a pause wherever the recorder looks, and an agent who then resumes the call is someone else.
            if (states.Contains(true) && !(inBody.Contains("true") && inQuery.Contains("true")))
            {
                states.Add(false);
            }
        }

        return asked;
    }

    private static IEnumerable<bool> Either(string? value) =>
        string.Equals(value, "true", StringComparison.OrdinalIgnoreCase) ? [true]
        : string.Equals(value, "false", StringComparison.OrdinalIgnoreCase) ? [false]
        : [true, false];

    /// <summary>PSE-2, PSE-3: the state the profile says the server read a taken request as (where it looks, which value, how).</summary>
    private static IEnumerable<bool> ReadAs(Profiles.KitProfile profile, bool put, List<string> inBody, List<string> inQuery)
    {
        var (_, refused, one) = profile.ReadPaused(put, inBody, inQuery);
        return refused ? [true, false] // the profile would have refused what the server took: it does not describe the server
            : !profile.StrictPaused ? [string.Equals(one, "true", StringComparison.OrdinalIgnoreCase)]
            : Either(one);
    }

    /// <summary>
    /// Puts a couple back wherever the server reads <c>paused</c> (PSE-3 is inferred): a value in one place only could
    /// resume, on a lenient server that does not look there, a couple an agent had paused. A pause put back is read back:
    /// it must show in the details, or it is sent in the next place (the profile the kit holds may be a guess it is
    /// trying, and a 204 to a place the server does not read is a resume that changed nothing). It is waited for as long
    /// as a scenario's pause is (up to fifteen times <paramref name="settle"/>): the next place may be read as a resume,
    /// so moving on from a pause that took and shows late would undo the hold. A read that shows no state stops the
    /// put-back where it is (the audit then says the couple could not be checked).
    /// </summary>
    public static Task<Wire.Exchange> PutBackAsync(
        Wire.Wire wire, int slot, long id, bool paused, TimeSpan settle, CancellationToken cancellationToken, Profiles.KitProfile? profile = null) =>
        Wire.PausedEverywhere.SendAsync(
            $"callrec/restful/couples.xml/{id}/pausedState",
            paused,
            (pathAndQuery, form) => wire.SendAsync(slot, HttpMethod.Post, pathAndQuery, form, cancellationToken: cancellationToken),
            profile,
            async () => await PausedNowAsync(wire, id, cancellationToken) is not false and var now ? now
                : await SettledAsync(wire, id, want: true, Commands.DetailsLag.LongestWait(settle), cancellationToken));

    /// <summary>Sends until an answer is not met by a fault, at most <paramref name="attempts"/> times; a login and a restore may be sent again.</summary>
    private static async Task<bool> DespiteFaultsAsync(Func<Task> send, int attempts)
    {
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            try
            {
                await send();
                return true;
            }
            catch (Wire.StepFaultException)
            {
            }
        }

        return false;
    }

    /// <summary>
    /// The final audit: each couple the kit may have paused is as it was found (or has ended); one whose details met a
    /// fault is a problem, since nobody can then say it was put back. Details may show a pause or resume late (how soon
    /// is not documented, PSE-1): one that reads otherwise is read again for up to <paramref name="settle"/> first, as the
    /// clean-up's last put-back may have gone out a moment ago.
    /// </summary>
    public async Task<Audit> AuditAsync(TimeSpan settle, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var unread = new List<string>();
        var reader = pauser ?? observer;
        if (Pausable.Count == 0 || reader is null)
        {
            return new Audit(problems, unread);
        }

        using var http = target.CreateClient();
        // A read changes nothing: one a fault met is sent again before the couple counts as unread.
        var wire = new Wire.Wire(http, pace, TimeProvider.System) { Attempts = Probe.Prober.RepeatableAttempts };
        await DespiteFaultsAsync(() => wire.LoginAsync(0, reader, cancellationToken), attempts: 3);
        foreach (var id in Pausable)
        {
            var want = found[id] ? "true" : "false";
            Wire.Exchange details;
            string? paused;
            try
            {
                details = await wire.SendAsync(0, HttpMethod.Get, $"callrec/restful/couples.xml/{id}", cancellationToken: cancellationToken);
                paused = details.Status == 200 ? Wire.Documents.Of(details.Body)?.Paused : null;
                for (var waited = System.Diagnostics.Stopwatch.StartNew(); details.Status == 200 && paused != want && waited.Elapsed < settle;)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
                    details = await wire.SendAsync(0, HttpMethod.Get, $"callrec/restful/couples.xml/{id}", cancellationToken: cancellationToken);
                    paused = details.Status == 200 ? Wire.Documents.Of(details.Body)?.Paused : null;
                }
            }
            catch (Wire.StepFaultException e)
            {
                unread.Add($"couple {id} could not be read to check it is as it was found ({e.Fault}): check it by hand");
                continue;
            }

            // A 404 or a 410: the couple has ended meanwhile, which a call does on its own (DET-3). Any other refusal leaves
            // its state unknown (a 403: the account that reads may have been locked out, or its login did not take).
            if (details.Status is not (200 or 404 or 410))
            {
                unread.Add($"couple {id} could not be read to check it is as it was found (its details answered {details.Status} to {reader.Login}): check it by hand");
            }
            else if (details.Status == 200 && paused != want)
            {
                problems.Add($"couple {id} was found {(found[id] ? "paused" : "recording")} but is now paused={paused ?? "unknown"}");
            }
        }

        await DespiteFaultsAsync(() => wire.LogoutAsync(0, cancellationToken), attempts: 1);
        return new Audit(problems, [.. doubtful, .. unread]);
    }

    /// <summary>
    /// The final audit: couples shown in another state than they were found in (<paramref name="Changed"/>: left changed,
    /// a run that is not conformant), and couples whose state could not be read (<paramref name="Unchecked"/>: nothing
    /// proven either way; a person must look).
    /// </summary>
    public sealed record Audit(IReadOnlyList<string> Changed, IReadOnlyList<string> Unchecked);

    private static ModelCouple? FromDetails(Wire.Documents.Listed item, string xml)
    {
        System.Xml.Linq.XElement root;
        try
        {
            root = System.Xml.Linq.XDocument.Parse(xml).Root!;
        }
        catch (System.Xml.XmlException)
        {
            return null; // DET-1 is checked by the scenarios; here the couple just stays one whose numbers are unknown
        }

        string? Text(string name) => root.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;
        return new ModelCouple(item.Id, item.CallId, Text("callingNumber") ?? string.Empty, Text("calledNumber") ?? string.Empty, Text("callingIp"), Text("calledIp"), Text("paused") == "true", false);
    }
}
