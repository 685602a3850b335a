using PauseResume.Conformance.Model;
using PauseResume.Conformance.Scenarios;

namespace PauseResume.Conformance.Targets;

/// <summary>How the kit finds a real recorder at the start of a run: the couples in progress, their states, the accounts that work.</summary>
internal sealed partial class RealWorld
{
    /// <summary>Couples in progress past which reading their details is said first (at --rate 5, twenty take four seconds).</summary>
    private const int ManyCouples = 20;

    /// <summary>How often the reading of many couples' details says how far it has come.</summary>
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(20);

    /// <summary>Logs the wire's slot 0 out where it is logged in, whatever the run's token says and past a fault: a session left on a recorder that keeps a user's first one locks the account out for later reads.</summary>
    private static Task LogOutIfInAsync(Wire.Wire wire) =>
        wire.SessionOf(0) is null ? Task.CompletedTask : DespiteFaultsAsync(() => wire.LogoutAsync(0, CancellationToken.None), attempts: 1);

    /// <param name="progress">Where to say how far the reading of the couples' details has come, when there are many.</param>
    public static async Task<RealWorld> ObserveAsync(ITarget target, IReadOnlyList<ModelUser> accounts, IReadOnlyCollection<long> allowList, bool allowPause, TimeSpan pace, CancellationToken cancellationToken, TimeProvider? time = null, TextWriter? progress = null)
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
            if (Wire.Wire.SetCookieSession(login) is null && wire.SessionOf(0) is null)
            {
                // SES-4 (inferred): the kit follows a servlet session, JSESSIONID; a recorder that names it otherwise cannot be
                // followed, even where the list works because the wire sends back every other cookie (a balancer's): each
                // of the kit's sessions would be that one cookie, shared.
                var cookies = login.Header("Set-Cookie") is { } set ? string.Join(", ", set.Split('\n').Select(c => c.Split('=', 2)[0].Trim())) : "none";
                throw new TargetException($"{observer.Login} {(list.Status == 200 ? "listed the couples" : $"could not list the couples ({list.Status})")}, and the login set no JSESSIONID cookie (cookies set: {cookies}): the kit follows a servlet session (SES-4, inferred), so it cannot check this recorder");
            }

            if (list.Status != 200)
            {
                throw new TargetException($"{observer.Login} could not list the couples ({list.Status}): check the account and its rights, and, on a recorder that keeps a user's first session (sessionsPerUser=first-wins), that no session of it is still logged in elsewhere (log it out, or wait until it expires)");
            }

            var items = Wire.Documents.List(list.Body) ?? [];
            var numbersChecked = false;
            var told = System.Diagnostics.Stopwatch.StartNew();
            if (items.Count > ManyCouples && progress is not null)
            {
                await progress.WriteLineAsync($"  reading the details of the {items.Count} couples in progress, one request each");
            }

            foreach (var item in items)
            {
                if (progress is not null && told.Elapsed >= ProgressEvery)
                {
                    told.Restart();
                    await progress.WriteLineAsync($"  {couples.Count} of {items.Count} couples' details read");
                }

                // A relative link is relative to the list that holds it (couples.xml/24197 under linkOrigin=relative).
                var path = item.SelfHref is not null && Uri.TryCreate(new Uri(wire.Origin, "callrec/restful/couples.xml"), item.SelfHref, out var self) ? self.PathAndQuery : null;
                var details = path is null ? null : await wire.SendAsync(0, HttpMethod.Get, path, cancellationToken: cancellationToken);
                var couple = details?.Status == 200 ? FromDetails(item, details.Body) : null;
                if (couple is not null && !numbersChecked && Profiles.KitProfile.PlainIds(path!) != path)
                {
                    numbersChecked = await NumbersNameCouplesAsync(wire, item.Id, path!, cancellationToken);
                }
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

            // DET-3 (inferred, detailsPaused=with-link): details may show the paused state only to a user who may pause, so
            // the couples the kit may pause whose state the observer could not read are read again by the account that pauses.
            if (allowPause && pauser is not null && pauser.Login != observer.Login && allowList.Any(stateUnread.Contains))
            {
                await wire.LoginAsync(1, pauser, cancellationToken);
                foreach (var id in allowList.Where(stateUnread.Contains).ToList())
                {
                    var details = await wire.SendAsync(1, HttpMethod.Get, $"callrec/restful/couples.xml/{id}", cancellationToken: cancellationToken);
                    if (details.Status == 200 && Wire.Documents.Of(details.Body)?.Paused is "true" or "false" && couples.FindIndex(c => c.Id == id) is var at and >= 0)
                    {
                        couples[at] = couples[at] with { Paused = Wire.Documents.Of(details.Body)!.Paused == "true" };
                        stateUnread.Remove(id);
                        stateKnown.Add(id);
                    }
                }

                await wire.LogoutAsync(1, cancellationToken);
            }

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
        return new RealWorld(target, pace, observer, pauser, couples, pausable, new WorldSpec(0, [.. accounts], []), unreadable) { LoginGist = loginGist, Time = time ?? TimeProvider.System };
    }

    /// <summary>
    /// A couple's id is a number (the API reference's couple has a numeric id): a recorder that writes it with leading
    /// zeros (<c>0000041000</c>) in its self link names the same couple by 41000, as the kit writes it in every request
    /// it sends. One whose details answer only to the id as written reads ids as text: every request of the kit for a
    /// couple would be refused as for one not in progress, and a run would say nothing of why (its probe called such a
    /// couple "not recording"). The kit cannot check such a recorder, and says so before it starts.
    /// </summary>
    /// <returns>Whether it was checked: a couple that ended between the two reads (its self link no longer answers) tells nothing.</returns>
    private static async Task<bool> NumbersNameCouplesAsync(Wire.Wire wire, long id, string written, CancellationToken cancellationToken)
    {
        var plain = Profiles.KitProfile.PlainIds(written);
        var answer = await wire.SendAsync(0, HttpMethod.Get, plain, cancellationToken: cancellationToken);
        if (answer.Status != 200 && (await wire.SendAsync(0, HttpMethod.Get, written, cancellationToken: cancellationToken)).Status == 200)
        {
            throw new TargetException($"couple {id}'s self link names it as {written}, and its details answer there, but {plain} (the same id as a number, as the kit writes ids in its requests) answers {answer.Status}: this recorder reads couple ids as text, not as the numbers the API reference gives them, so the kit cannot check it");
        }

        return answer.Status == 200;
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
            Wire.Exchange list;
            try
            {
                await wire.LoginAsync(0, account, cancellationToken);
                list = await wire.SendAsync(0, HttpMethod.Get, "callrec/restful/couples.xml", cancellationToken: cancellationToken);
            }
            finally
            {
                await LogOutIfInAsync(wire); // even when the run stops meanwhile: a session left on a recorder that keeps a user's first one locks the account out
            }

            if (list.Status == 403)
            {
                refused.Add(account.Login);
            }
        }

        return refused;
    }

    internal static ModelCouple? FromDetails(Wire.Documents.Listed item, string xml)
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
