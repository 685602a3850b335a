namespace PauseResume.Simulator.Domain;

// The Pause/Resume API (LST, DET, PSE): the list, the details and pausedState, and the access checks they run in
// the profile's order.
public sealed partial class Recorder
{
    /// <summary>LST-1..7; a null <paramref name="filter"/> is one the server could not convert (LST-6), refused where the profile says.</summary>
    public ListResult List(string? sessionId, CoupleFilter? filter) => List(sessionId, filter, Profile);

    /// <summary>A list under <paramref name="asOf"/>, the profile its filter was read under.</summary>
    internal ListResult List(string? sessionId, CoupleFilter? filter, RecorderProfile asOf)
    {
        while (true)
        {
            var (access, user, _, table) = FirstRefusal(CheckOrder.ForList(asOf.BadDirectionOrder), asOf, sessionId, null, badParameter: filter is null);
            if (access != Access.Granted)
            {
                return new ListResult(access, user?.Login, [], 0);
            }

            var matching = new List<Couple>();
            HashSet<long>? seenCalls = null;
            var examined = 0;
            lock (gate)
            {
                if (!ReferenceEquals(table, couples))
                {
                    continue; // judged in the world before a reset that has happened since: judged again, in this one
                }

                // The index finds exact values only (of either filter where they are joined by "or"): a match of a start or
                // a part reads every couple.
                var candidates = (asOf.FilterMatch == FilterMatch.Exact ? index.Candidates(filter!, asOf.FilterJoin) : null) ?? InProgressLocked().Select(CoupleOf);
                foreach (var couple in candidates)
                {
                    examined++;
                    if (filter!.Matches(couple, asOf.FilterMatch, asOf.FilterJoin))
                    {
                        matching.Add(couple);
                    }
                }

                if (asOf.FilterScope == FilterScope.Call && matching.Count > 0 && (filter!.PhoneNumber is not null || filter.IpAddress is not null))
                {
                    // LST-4 (inferred: filterScope=call): the other couples in progress of the calls found, read from the
                    // whole world as an unfiltered list is.
                    var calls = matching.Select(c => c.CallId).ToHashSet();
                    var found = matching.Select(c => c.Id).ToHashSet();
                    foreach (var couple in InProgressLocked().Select(CoupleOf))
                    {
                        examined++;
                        if (calls.Contains(couple.CallId) && found.Add(couple.Id))
                        {
                            matching.Add(couple);
                        }
                    }
                }

                seenCalls = CallsSeen(table!, user!, asOf); // the calls in progress as the list found them
            }

            return Listed(user!, matching, seenCalls, examined, asOf);
        }
    }

    /// <summary>
    /// The list of <paramref name="matching"/> as <paramref name="user"/> may see it. Couples and users are immutable, so
    /// the phone masks are matched outside the lock: one user's masks can never make every other request wait (LST-5's
    /// links are still those of the state read, <paramref name="seenCalls"/> among them).
    /// </summary>
    private static ListResult Listed(User user, List<Couple> matching, HashSet<long>? seenCalls, int examined, RecorderProfile asOf)
    {
        // LST-5 (inferred): a couple the user may not see is listed without a link, or left out (unseenCouples=omitted).
        var listed = new List<ListedCouple>(matching.Count);
        foreach (var couple in matching)
        {
            var maySee = seenCalls?.Contains(couple.CallId) ?? user.MaySeeDetails(couple, asOf.MaskSide);
            if (maySee || asOf.UnseenCouples == UnseenCouples.Listed)
            {
                listed.Add(new ListedCouple(couple, maySee));
            }
        }

        listed.Sort((a, b) => a.Couple.Id.CompareTo(b.Couple.Id));
        return new ListResult(Access.Granted, user.Login, listed, examined);
    }

    /// <summary>DET-1..3; a null <paramref name="coupleId"/> is a path the server could not convert, so unknown.</summary>
    public DetailsResult Details(string? sessionId, long? coupleId) => Details(sessionId, coupleId, Profile);

    /// <summary>Details under <paramref name="asOf"/>, the profile the rest of the request is answered under.</summary>
    internal DetailsResult Details(string? sessionId, long? coupleId, RecorderProfile asOf)
    {
        // DET-3 (inferred): under endedCoupleDetails=served a couple that has ended is served as while it was in progress.
        var endedServed = asOf.EndedCoupleDetails == EndedCoupleDetails.Served;
        while (true)
        {
            var (access, user, record, table) = FirstRefusal(CheckOrder.ForDetails(asOf.RefusalOrder), asOf, sessionId, coupleId, badParameter: false, endedServed);
            if (access != Access.Granted)
            {
                return new DetailsResult(access, user?.Login, null, false);
            }

            // A couple that ended since it was found is judged again, as it would be now.
            if (record!.Snapshot() is var state && (state.InProgress || endedServed))
            {
                return new DetailsResult(access, user!.Login, state, user.Permissions.HasFlag(Permissions.PauseAndResumeCalls) && MaySeeDetails(table!, user, record.Couple, asOf));
            }
        }
    }

    /// <summary>PSE-1/3/4: pauses or resumes both recordings; <paramref name="paused"/> null is a bad parameter (PSE-2).</summary>
    public PauseResult SetPaused(string? sessionId, long? coupleId, bool? paused) => SetPaused(sessionId, coupleId, paused, Profile);

    /// <summary>A pause or resume under <paramref name="asOf"/>, the profile its <c>paused</c> parameter was read under.</summary>
    internal PauseResult SetPaused(string? sessionId, long? coupleId, bool? paused, RecorderProfile asOf)
    {
        var checks = CheckOrder.ForPausedState(asOf.RefusalOrder, asOf.BadPausedOrder);
        while (true)
        {
            var (access, user, record, table) = FirstRefusal(checks, asOf, sessionId, coupleId, badParameter: paused is null);
            if (access != Access.Granted)
            {
                return new PauseResult(access, user?.Login, false);
            }

            if (asOf.PauseScope == PauseScope.Call)
            {
                if (SetCallPaused(table!, record!, paused!.Value, user!.Login, sessionId!, asOf) is { } call)
                {
                    return Trimmed(new PauseResult(access, user.Login, call.Named), call.Others, table!);
                }

                continue;
            }

            // Under the couple's own lock; a couple that ended since it was found is judged again, as it would be now.
            if (record!.SetPaused(paused!.Value, user!.Login, sessionId!, time, table!) is { } changed)
            {
                return Trimmed(new PauseResult(access, user.Login, changed), false, table!);
            }
        }
    }

    /// <summary>
    /// <paramref name="result"/>, once the pause history of <paramref name="table"/> is trimmed to its cap and watchers
    /// are told where the pause or resume changed a couple (<paramref name="others"/>: another leg of its call).
    /// </summary>
    private PauseResult Trimmed(PauseResult result, bool others, CoupleTable table)
    {
        if (result.Changed || others)
        {
            table.History.Trim(PauseIntervalsKeptCap); // no couple's lock held: it takes those of the couples it trims
            Notify();
        }

        return result;
    }

    /// <summary>
    /// PSE-1 under pauseScope=call: the pause or resume of <paramref name="named"/>, and the same for every other couple in
    /// progress of its call, as one change: every couple's lock is held, taken in the order of their ids (so two pauses of
    /// one call never wait for each other in a circle), while each changes. The answer is the named couple's (PSE-3); one
    /// that changes nothing on it reaches the others as unchangedPauseReach says (by default only where it is answered as a
    /// success: refused, unchangedPauseStatus 4xx, it changes none of the call's couples either). A scan
    /// of every couple, as an unfiltered list is: the setting is for worlds of test size. Null when the named couple ended
    /// meanwhile (the request is then judged again).
    /// </summary>
    private (bool Named, bool Others)? SetCallPaused(CoupleTable table, CoupleRecord named, bool paused, string login, string sessionId, RecorderProfile asOf)
    {
        var legs = new List<CoupleRecord> { named };
        foreach (var (id, entry) in table)
        {
            if (id != named.Couple.Id && CoupleOf(entry).CallId == named.Couple.CallId && InProgress(entry) && Record(table, id) is { } leg)
            {
                legs.Add(leg);
            }
        }

        legs.Sort((a, b) => a.Couple.Id.CompareTo(b.Couple.Id));
        var held = 0;
        try
        {
            foreach (var leg in legs)
            {
                Monitor.Enter(leg);
                held++;
            }

            if (named.SetPaused(paused, login, sessionId, time, table) is not { } changed)
            {
                return null;
            }

            var others = false;
            if (changed || asOf.UnchangedPauseReach switch { UnchangedPauseReach.Success => asOf.UnchangedPauseStatus < 400, UnchangedPauseReach.Call => true, _ => false })
            {
                foreach (var leg in legs.Where(l => l != named))
                {
                    others |= leg.SetPaused(paused, login, sessionId, time, table) == true;
                }
            }

            return (changed, others);
        }
        finally
        {
            for (var i = held - 1; i >= 0; i--)
            {
                Monitor.Exit(legs[i]);
            }
        }
    }

    /// <summary>Runs <paramref name="checks"/> in order: the first that fails is the refusal; none failing grants the request.</summary>
    /// <param name="endedServed">Whether a couple that has ended, while the recorder still knows it, passes as one in progress (the details under endedCoupleDetails=served).</param>
    private (Access, User?, CoupleRecord?, CoupleTable?) FirstRefusal(
        IReadOnlyList<AccessCheck> checks, RecorderProfile asOf, string? sessionId, long? coupleId, bool badParameter, bool endedServed = false)
    {
        CoupleTable? table = null; // the couples of the session's world, read with the session
        User? user = null;
        CoupleRecord? record = null;
        foreach (var check in checks)
        {
            var access = Access.Granted;
            switch (check)
            {
                case AccessCheck.Login:
                    (access, user, table) = Authenticate(sessionId, asOf.SessionIdleTimeout);
                    break;
                case AccessCheck.Parameter when badParameter:
                    access = Access.BadParameter;
                    break;
                case AccessCheck.CallList when !user!.MayList:
                    access = Access.NoCallList;
                    break;
                case AccessCheck.CoupleInProgress:
                    record = coupleId is { } id && table!.TryGetValue(id, out var found) && (endedServed || InProgress(found)) ? Record(table, id) : null;
                    access = record is null ? Access.UnknownCouple : Access.Granted;
                    break;
                case AccessCheck.PhoneMasks when record is not null ? !MaySeeDetails(table!, user!, record.Couple, asOf) : !MaySee(table!, user!, coupleId, asOf, endedServed):
                    access = Access.OutsideMasks;
                    break;
                case AccessCheck.PauseRight when !user!.Permissions.HasFlag(Permissions.PauseAndResumeCalls):
                    access = Access.NoPauseRight;
                    break;
            }

            if (access != Access.Granted)
            {
                return (access, user, record, table);
            }
        }

        return (Access.Granted, user, record, table);
    }

    // Masks checked before "is it in progress" (refusalOrder=masks-first, rights-and-masks-first) are matched against the couples in progress, so
    // a couple that is not (unknown, or ended) has no number within a user's masks; but one that ended has its numbers
    // where the recorder serves it (endedServed).
    private static bool MaySee(CoupleTable table, User user, long? coupleId, RecorderProfile asOf, bool endedServed) =>
        coupleId is { } id && table.TryGetValue(id, out var entry) && (endedServed || InProgress(entry))
            ? MaySeeDetails(table, user, CoupleOf(entry), asOf)
            : user.PhoneMasks.Count == 0;

    /// <summary>
    /// LST-5 (inferred): whether <paramref name="user"/> may see <paramref name="couple"/>'s details: its own numbers within
    /// the phone masks, or under maskScope=call those of any couple in progress of its call (a scan of every couple, as an
    /// unfiltered list is: the setting is for worlds of test size).
    /// </summary>
    private static bool MaySeeDetails(CoupleTable table, User user, Couple couple, RecorderProfile asOf) =>
        user.MaySeeDetails(couple, asOf.MaskSide)
        || (asOf.MaskScope == MaskScope.Call && user.MayList
            && table.Any(pair => pair.Key != couple.Id && InProgress(pair.Value) && CoupleOf(pair.Value) is var other && other.CallId == couple.CallId && user.MaySeeDetails(other, asOf.MaskSide)));

    /// <summary>Under maskScope=call, the calls of which a couple in progress is within <paramref name="user"/>'s masks; otherwise null (each couple is judged alone).</summary>
    private static HashSet<long>? CallsSeen(CoupleTable table, User user, RecorderProfile asOf) =>
        asOf.MaskScope == MaskScope.Call && user.PhoneMasks.Count > 0
            ? [.. table.Values.Where(InProgress).Select(CoupleOf).Where(c => user.MaySeeDetails(c, asOf.MaskSide)).Select(c => c.CallId)]
            : null;
}
