using System.Collections.Immutable;
using PauseResume.Conformance.Profiles;

namespace PauseResume.Conformance.Model;

/// <summary>The executable form of the rules: what a conforming recorder knows after the steps so far. Immutable.</summary>
internal sealed record ModelState(
    ImmutableDictionary<string, ModelUser> Users,
    ImmutableSortedDictionary<long, ModelCouple> Couples,
    ImmutableArray<ModelSlot> Slots,
    TimeSpan Now,
    KitProfile Profile)
{
    public const int SlotCount = 3;

    public static ModelState Start(IEnumerable<ModelUser> users, IEnumerable<ModelCouple> couples, KitProfile profile) => new(
        users.ToImmutableDictionary(u => u.Login, StringComparer.Ordinal),
        couples.ToImmutableSortedDictionary(c => c.Id, c => c),
        Enumerable.Repeat(ModelSlot.Fresh, SlotCount).ToImmutableArray(),
        TimeSpan.Zero,
        profile);

    public IEnumerable<ModelCouple> InProgress => Couples.Values.Where(c => !c.Ended);

    /// <summary>
    /// LST-5 (inferred): whether <paramref name="user"/> may see <paramref name="couple"/>'s details: its own numbers within
    /// the phone masks, or under maskScope=call those of any couple in progress of its call whose numbers the model knows.
    /// </summary>
    public bool MaySee(ModelUser user, ModelCouple couple) => MaySee(user, couple, Profile.MaskSide, Profile.MasksByCall);

    /// <summary><see cref="MaySee(ModelUser, ModelCouple)"/> as a recorder would judge it with <paramref name="maskSide"/> and <paramref name="byCall"/> (maskScope=call).</summary>
    public bool MaySee(ModelUser user, ModelCouple couple, string maskSide, bool byCall) =>
        user.MaySee(couple, maskSide)
        || (byCall && user.CallList && couple.CallId != 0 && InProgress.Any(o => o.Id != couple.Id && o.Known && o.CallId == couple.CallId && user.MaySee(o, maskSide)));

    /// <summary>The other couples the model holds of <paramref name="couple"/>'s call, ended or not; none where its call is unknown (0).</summary>
    public IEnumerable<ModelCouple> OtherLegs(ModelCouple couple) =>
        couple.CallId == 0 ? [] : Couples.Values.Where(o => o.Id != couple.Id && o.CallId == couple.CallId);

    private static readonly (string Side, bool ByCall)[] MaskMatchings =
        [("either", false), ("calling", false), ("called", false), ("either", true), ("calling", true), ("called", true)];

    /// <summary>The ways of matching masks a recorder may have (maskSide, and maskScope=call or not) other than the profile's.</summary>
    public IEnumerable<(string Side, bool ByCall)> OtherMaskMatchings() =>
        MaskMatchings.Where(m => m.Side != Profile.MaskSide || m.ByCall != Profile.MasksByCall);

    /// <summary>The slot as the server should see it now: SES-6 ends a session idle for the profile's timeout.</summary>
    public ModelSlot Slot(int slot)
    {
        var s = Slots[slot];
        return s.User is not null && Now - s.LastSeen >= Profile.SessionIdleTimeout ? new ModelSlot(null, "SES-6", s.LastSeen) : s;
    }

    public ModelUser? UserOf(int slot) => Slot(slot).User is { } login ? Users.GetValueOrDefault(login) : null;

    /// <summary>
    /// Logged-in sessions no slot sends any more (a login that worked, whose new id the slot ignored): the server keeps
    /// them until they expire (SES-6) or are logged out, and a recorder that keeps a user's first session holds them
    /// against that user's next login (sessionsPerUser=first-wins).
    /// </summary>
    public ImmutableList<ModelSlot> LeftBehind { get; init; } = [];

    /// <summary>Whether <paramref name="login"/> is logged in in a session other than <paramref name="slot"/>'s, as far as the model knows.</summary>
    public bool LoggedInElsewhere(string login, int slot) =>
        Enumerable.Range(0, SlotCount).Any(s => s != slot && Slot(s).User == login)
        || LeftBehind.Any(s => s.User == login && Now - s.LastSeen < Profile.SessionIdleTimeout);

    public ModelState WithSlot(int slot, ModelSlot value) => this with { Slots = Slots.SetItem(slot, value) };

    /// <summary>Any request in a live session keeps it alive (SES-6); an expired one is forgotten.</summary>
    public ModelState Touch(int slot)
    {
        var s = Slot(slot);
        return WithSlot(slot, s.User is null ? s : s with { LastSeen = Now });
    }

    /// <summary>
    /// The sessions the server answered as logged in: a 2xx to a request that needs a session (a list, details, a pause)
    /// sent with the slot's session as it is now shows that session alive now, whatever the model expected.
    /// </summary>
    public ModelState Answered(IEnumerable<Wire.Exchange> exchanges, Func<int, string?> sessionOf)
    {
        var state = this;
        foreach (var slot in exchanges.Where(e => e.Slot >= 0 && e.ShowsSessionAlive
            && sessionOf(e.Slot) is { } id && e.Cookie?.Split(';').Any(c => c.Trim() == "JSESSIONID=" + id) == true).Select(e => e.Slot).Distinct())
        {
            if (state.Slot(slot) is { User: not null } live)
            {
                state = state.WithSlot(slot, live with { AnsweredAt = Now });
            }
        }

        return state;
    }

    public ModelState WithCouple(ModelCouple couple) => this with { Couples = Couples.SetItem(couple.Id, couple) };

    /// <summary>The couples a pause or resume of this scenario's, taken, named (see <see cref="WithPaused"/>).</summary>
    public ImmutableHashSet<long> PausedHere { get; init; } = [];

    /// <summary>Whether a pause may reach other couples of its call: under pauseScope=call, or where the probe did not measure it.</summary>
    public bool MayReachCall => Profile.PausesWholeCall || !Profile.Measured.Contains(ProfileSettings.PauseScope);

    /// <summary>
    /// A pause or resume of couple <paramref name="id"/> that was taken (PSE-1): under pauseScope=call it reaches every
    /// other couple in progress of the call too. Under either scope each couple keeps what the other would show.
    /// </summary>
    public ModelState WithPaused(long id, bool paused)
    {
        var named = Couples[id];
        var state = WithCouple(named with { Paused = paused, OtherScopePaused = null, StateUnsure = false }) with { PausedHere = PausedHere.Add(id) };
        foreach (var other in InProgress.Where(c => c.Id != id && c.CallId == named.CallId))
        {
            var otherScope = Profile.PausesWholeCall ? other.OtherScopePaused ?? other.Paused : paused;
            var now = Profile.PausesWholeCall ? paused : other.Paused;
            // Under pauseScope=call the pause sets every leg of the call as the model has it now: a leg unsure since a join is sure again.
            state = state.WithCouple(other with { Paused = now, OtherScopePaused = otherScope == now ? null : otherScope, StateUnsure = other.StateUnsure && !Profile.PausesWholeCall });
        }

        return state;
    }

    /// <summary>Couple <paramref name="id"/> seen <paramref name="paused"/> (its details): so it is, under either pauseScope.</summary>
    public ModelState Seen(long id, bool paused) => WithCouple(Couples[id] with { Paused = paused, OtherScopePaused = null, StateUnsure = false });

    /// <summary>
    /// Couple <paramref name="id"/> seen in call <paramref name="call"/> on a real recorder, where a conference or a transfer
    /// may join calls at any moment: the model follows it (a legal event no rule forbids and no profile could describe).
    /// Where a pause may reach a whole call (<see cref="MayReachCall"/>), which of this scenario's pauses and resumes came
    /// before the move no one can tell (<see cref="ModelCouple.StateUnsure"/>): the moved couple becomes unsure where the
    /// scenario paused or resumed another couple of its old or its new call, and each other couple of those calls where
    /// the scenario paused or resumed the moved one. A request to a couple that did not move reaches the others of its
    /// call whether or not the move came first.
    /// </summary>
    public ModelState Moved(long id, long call)
    {
        var couple = Couples[id];
        if (couple.CallId == call)
        {
            return this;
        }

        var state = WithCouple(couple with { CallId = call, OtherScopePaused = null });
        var affected = InProgress.Where(c => c.Id == id || c.CallId == couple.CallId || c.CallId == call).Select(c => c.Id).ToList();
        foreach (var mate in MayReachCall ? affected : [])
        {
            if (mate == id ? affected.Any(other => other != id && PausedHere.Contains(other)) : PausedHere.Contains(id))
            {
                state = state.WithCouple(state.Couples[mate] with { OtherScopePaused = null, StateUnsure = true });
            }
        }

        return state;
    }

    /// <summary>Every couple in progress whose call <paramref name="calls"/> (a list of the recorder's, read now) gives otherwise, moved (see <see cref="Moved(long, long)"/>).</summary>
    public ModelState Moved(IReadOnlyDictionary<long, long> calls) =>
        InProgress.Where(c => calls.TryGetValue(c.Id, out var call) && call != c.CallId).Select(c => c.Id).ToList()
            .Aggregate(this, (state, id) => state.Moved(id, calls[id]));
}
