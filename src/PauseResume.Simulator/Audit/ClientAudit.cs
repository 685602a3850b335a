using PauseResume.Simulator.Domain;

namespace PauseResume.Simulator.Audit;

/// <summary>
/// Tells which habits of the clients a recorder has served a real recorder would punish, even when every request
/// happened to succeed here: it is fed every request of the legacy API with its outcome, follows each client
/// along its session ids, and reports findings that name their rule and the requests behind them.
/// </summary>
public sealed class ClientAudit(Recorder recorder)
{
    /// <summary>Past this many requests the audit keeps no more, so a long standalone run costs bounded memory.</summary>
    public const int MaxRequests = 100_000;

    /// <summary>
    /// GEN-3: past about this much memory (estimated from the texts, links and trails kept) the audit keeps no more
    /// requests, however few it has: a client sending long names, long values and a new session id each time reaches it
    /// long before <see cref="MaxRequests"/>; ordinary requests (a few hundred bytes each) do not.
    /// </summary>
    public const long MaxKeptBytes = 64L * 1024 * 1024;

    /// <summary>
    /// The couples one client's trail remembers having been linked to (LST-5, DET-2); a client shown more is taken to
    /// have been shown every couple, so a world larger than this costs the audit no more per client.
    /// </summary>
    internal const int MaxLinkedPerTrail = 65_536;

    private readonly Lock gate = new();
    private readonly List<AuditTrail> trails = [];
    private readonly Dictionary<string, AuditTrail> bySession = new(StringComparer.Ordinal);
    private AuditTrail? sessionless;
    private int clients; // the trails that are clients (not the sessionless one), for their labels
    private int seen;
    private int notKept;
    private long keptBytes;
    private bool full; // MaxRequests or MaxKeptBytes reached: nothing more is kept until a clear
    private long version;

    public void Observe(AuditedRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (gate)
        {
            // The links at most this request could add, counted before it is kept: one request cannot overshoot the bound.
            var links = Math.Min(request.Links.Count, MaxLinkedPerTrail);
            var cost = AuditCost.Of(request) + (StartsTrail(request) ? AuditCost.Trail : 0) + AuditCost.PerLink * links;
            version++;
            if (full || seen == MaxRequests || keptBytes + cost > MaxKeptBytes)
            {
                full = true; // a later, smaller request is not kept either: the audit covers the first requests, whole
                notKept++;
                return;
            }

            seen++;
            var trail = TrailOf(request);
            var runsBefore = trail.SelfLinked.Runs + trail.PausedStateLinked.Runs;
            var kept = Linked(trail, request);
            var runsAdded = Math.Max(0, trail.SelfLinked.Runs + trail.PausedStateLinked.Runs - runsBefore);

            // Only the links new to the client are kept: each in the request's list, and the runs they added to the trail's.
            keptBytes += cost - AuditCost.PerLink * links + AuditCost.Link * kept.Links.Count + LinkedIds.BytesPerRun * runsAdded;
            trail.Requests.Add(kept);
            if (request.IssuedSessionId is { } issued && trail.SessionIds.Add(issued))
            {
                bySession[issued] = trail;
                keptBytes += AuditCost.Text(issued);
            }
        }
    }

    /// <summary>The memory the kept requests take, as the audit estimates it against <see cref="MaxKeptBytes"/>.</summary>
    internal long KeptBytes
    {
        get
        {
            lock (gate)
            {
                return keptBytes;
            }
        }
    }

    /// <summary>
    /// The request as the trail keeps it: with only the couples its answer linked that the trail had not been shown before
    /// (a list of a large world polled again and again costs the audit nothing more), and <see cref="AuditedRequest.LinksCut"/>
    /// once the trail has been shown more than <see cref="MaxLinkedPerTrail"/> couples.
    /// </summary>
    private static AuditedRequest Linked(AuditTrail trail, AuditedRequest request)
    {
        if (request.Links.Count == 0)
        {
            return request;
        }

        if (trail.ShownEvery || request.Status != 200 || request.Kind is not (RequestKind.List or RequestKind.Details))
        {
            return request with { Links = [] }; // no finding reads them
        }

        var shown = request.Kind == RequestKind.List ? trail.SelfLinked : trail.PausedStateLinked;
        var fresh = new List<long>();
        foreach (var id in request.Links)
        {
            if (trail.SelfLinked.Count + trail.PausedStateLinked.Count == MaxLinkedPerTrail)
            {
                trail.ShownEvery = true;
                break;
            }

            if (shown.Add(id))
            {
                fresh.Add(id);
            }
        }

        // The answer's own list where every link was new (a first list, exactly sized); else only the new ones, exactly sized.
        return request with { Links = fresh.Count == request.Links.Count ? request.Links : [.. fresh], LinksCut = request.LinksCut || trail.ShownEvery };
    }

    /// <summary>
    /// As <see cref="Observe(AuditedRequest)"/>, but <paramref name="request"/> builds the request only when the audit
    /// still keeps requests: past <see cref="MaxRequests"/> a busy standalone run only counts them, without building each.
    /// </summary>
    internal void Observe<TState>(TState state, Func<TState, AuditedRequest> request)
    {
        if (Volatile.Read(ref full) || Volatile.Read(ref seen) == MaxRequests)
        {
            lock (gate)
            {
                if (full || seen == MaxRequests)
                {
                    version++;
                    notKept++;
                    return;
                }
            }
        }

        Observe(request(state)); // room left (or made by a clear since): kept as before
    }

    /// <summary>Every request kept, in the order each client sent them (a copy): what the audit holds in memory.</summary>
    internal IReadOnlyList<AuditedRequest> Kept()
    {
        lock (gate)
        {
            return [.. trails.SelectMany(t => t.Requests)];
        }
    }

    /// <summary>Forgets every request, as a reset of the simulator ends every session.</summary>
    public void Clear()
    {
        lock (gate)
        {
            trails.Clear();
            bySession.Clear();
            sessionless = null;
            clients = 0;
            seen = 0;
            notKept = 0;
            keptBytes = 0;
            full = false;
            version++;
        }
    }

    /// <summary>Grows with every request observed and every clear: a report read at the same version (and the recorder's) is the same.</summary>
    internal long Version
    {
        get
        {
            lock (gate)
            {
                return version;
            }
        }
    }

    public AuditReport Report()
    {
        // Copies under the lock, findings computed on the copies: a report never sees a request half added.
        List<AuditTrail> copies;
        Dictionary<string, AuditTrail> sessions;
        int requests, dropped;
        lock (gate)
        {
            var copyOf = trails.ToDictionary(t => t, Copy);
            copies = trails.Select(t => copyOf[t]).ToList();
            sessions = bySession.ToDictionary(s => s.Key, s => copyOf[s.Value], StringComparer.Ordinal);
            (requests, dropped) = (seen, notKept);
        }

        var findings = copies.SelectMany(TrailFindings.Find)
            .Concat(PauseFindings.LeftPaused(recorder.Couples(includeEnded: true), id => sessions.GetValueOrDefault(id)))
            .ToList();
        return new AuditReport(findings, requests, dropped);
    }

    /// <summary>Throws a <see cref="ClientAuditException"/> whose message is the audit's text, unless every finding is allowed.</summary>
    /// <param name="allowedFindings">Finding names (<c>never-logged-out</c>) or rule ids (<c>SES-5</c>) a test accepts.</param>
    public void ShouldBeClean(params string[] allowedFindings)
    {
        var report = Report().Without(allowedFindings);
        if (!report.IsClean)
        {
            throw new ClientAuditException(report.ToString());
        }
    }

    /// <summary>Whether <paramref name="request"/> would open a trail of its own (<see cref="TrailOf"/>).</summary>
    private bool StartsTrail(AuditedRequest request) => request.SessionId is { } id
        ? !bySession.ContainsKey(id)
        : request.IssuedSessionId is not null || sessionless is null;

    private AuditTrail TrailOf(AuditedRequest request)
    {
        if (request.SessionId is { } id)
        {
            if (!bySession.TryGetValue(id, out var known))
            {
                known = NewTrail();
                known.SessionIds.Add(id);
                bySession[id] = known;
            }

            return known;
        }

        // A request that names no session but gets one (a login) starts a client; any other is one of the sessionless.
        return request.IssuedSessionId is null
            ? sessionless ??= NewTrail("requests without a session")
            : NewTrail();
    }

    private AuditTrail NewTrail(string? label = null)
    {
        var trail = new AuditTrail(label ?? $"session {++clients}");
        trails.Add(trail);
        return trail;
    }

    private static AuditTrail Copy(AuditTrail trail)
    {
        var copy = new AuditTrail(trail.Label);
        copy.Requests.AddRange(trail.Requests);
        copy.SessionIds.UnionWith(trail.SessionIds);
        return copy; // the findings read the links from the requests, not from the trail's sets
    }
}
