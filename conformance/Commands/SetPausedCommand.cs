using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Model;
using PauseResume.Conformance.Profiles;

namespace PauseResume.Conformance.Commands;

/// <summary>POST or PUT pausedState with a good or bad <c>paused</c>, in the body or the query (PSE-1..4).</summary>
internal sealed record SetPausedCommand(int Slot, CoupleRef Couple, bool Put, PausedValue Value, bool InQuery) : Command
{
    public string Parameter => Value switch
    {
        PausedValue.True or PausedValue.TrueEverywhere => "paused=true",
        PausedValue.False => "paused=false",
        PausedValue.TypoTrue => "pause=true",
        PausedValue.Missing => string.Empty,
        PausedValue.Conflicting => "paused=true&paused=false",
        _ => "paused=yes",
    };

    /// <summary>The values of <c>paused</c> sent in each place, in order.</summary>
    private string[] Sent => Value switch
    {
        PausedValue.True or PausedValue.TrueEverywhere => ["true"],
        PausedValue.False => ["false"],
        PausedValue.Conflicting => ["true", "false"],
        PausedValue.Garbage => ["yes"],
        _ => [],
    };

    private bool Everywhere => Value == PausedValue.TrueEverywhere;

    private bool InBody => !InQuery || Everywhere;

    private bool InTheQuery => InQuery || Everywhere;

    /// <summary>
    /// A POST with <c>paused</c> in the query sends no body and no <c>Content-Type</c> (<c>Content-Length: 0</c>, as
    /// HttpClient sends it); a PUT with it in the query sends an empty form. Nothing a client sends may be answered 5xx
    /// (GEN-3), so a server that parses a form that is not there fails here.
    /// </summary>
    private bool WithoutBody => InQuery && !Put;

    // A POST without a body has a place of its own: refused, it says nothing of whether the query string is read.
    private string Where => Everywhere ? $"the form body of a {(Put ? "PUT" : "POST")} and the query string"
        : WithoutBody ? "the query string of a POST without a body"
        : InQuery ? "the query string" : $"the form body of a {(Put ? "PUT" : "POST")}";

    public override async Task<StepResult> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        var model = context.Model;
        var id = Couple.Resolve(model, context.Pausable);
        var path = $"callrec/restful/couples.xml/{id}/pausedState" + (InTheQuery && Parameter.Length > 0 ? "?" + Parameter : string.Empty);
        var answer = await context.Wire.SendAsync(Slot, Put ? HttpMethod.Put : HttpMethod.Post, path, InBody ? Parameter : WithoutBody ? null : string.Empty, cancellationToken: cancellationToken);
        await context.NoteRefusalAsync(Slot, answer.Status, listed: false, cancellationToken);
        context.Memory.Touched.Add(id);
        // A pause taken, or refused as changing nothing (unchangedPauseStatus as a 4xx no other refusal shares): only a
        // couple in progress is answered so, which takes back an end the kit only guessed.
        var unchangedRefusal = model.Profile.UnchangedPauseStatus >= 400
            && model.Profile.UnchangedPauseStatus is not (400 or 403) && model.Profile.UnchangedPauseStatus != model.Profile.EndedCoupleStatus
            && model.Profile.UnchangedPauseStatus != model.Profile.UnknownCoupleStatus && model.Profile.UnchangedPauseStatus != model.Profile.OutsideAccessStatus;
        if (answer.Status is >= 200 and < 300 || (unchangedRefusal && answer.Status == model.Profile.UnchangedPauseStatus))
        {
            model = context.Model = CoupleAccess.ShownInProgress(model, id);
        }

        var step = $"{ModelSlot.Name(Slot)}: {(Put ? "PUT" : "POST")} pausedState of {id} with '{Parameter}'{(Everywhere ? " in the body and the query" : WithoutBody ? " in the query, without a body" : InQuery ? " in the query" : string.Empty)} → {answer.Status}";
        // PSE-2, PSE-3 (all inferred): what the server reads under the profile: where it looks (pausedLocation), which of
        // several values counts (repeatedPaused), and how it reads one (pausedParameter).
        var profile = model.Profile;
        var readInBody = InBody && profile.ReadsPaused(Put, inQuery: false);
        var readInQuery = InTheQuery && profile.ReadsPaused(Put, inQuery: true);
        var read = Everywhere ? readInBody || readInQuery : profile.ReadsPaused(Put, InQuery);
        var (seen, refusedTwice, one) = profile.ReadPaused(Put, InBody ? Sent : [], InTheQuery ? Sent : []);
        bool? paused = refusedTwice ? null : profile.PausedAs(one);
        var badParameter = paused is not null ? null
            : refusedTwice ? new StatusCheck(400, "PSE-2", $"'{Parameter}'{(Everywhere ? " in the body and the query" : string.Empty)} gives paused twice (repeatedPaused={profile.RepeatedPaused})", Inferred: true)
            : !read && Sent.Length > 0 ? new StatusCheck(400, "PSE-3", $"paused in {Where} is not read (pausedLocation={profile[ProfileSettings.PausedLocation]}), so it is missing (pausedParameter={profile[ProfileSettings.PausedParameter]})", Inferred: true)
            : new StatusCheck(400, "PSE-2", $"'{Parameter}'{(seen.Length > 1 ? $" read as '{one}' (repeatedPaused={profile.RepeatedPaused})" : string.Empty)} is not a value of paused the server reads (pausedParameter={profile[ProfileSettings.PausedParameter]})", Inferred: true);
        // paused=true is what a good value, or the same value in the body and the query, reads as under every location
        // and reading, except where the two are joined into one value (repeatedPaused=joined).
        var readAsSent = Value is PausedValue.True or PausedValue.False && read || (Everywhere && !(profile.RepeatedPaused == "joined" && seen.Length > 1));
        model = await CallLegs.EndedUnseenAsync(context, Slot, id, answer.Status, CoupleAccess.Refusal(context, Slot, id, pausing: true, "PSE-4", badParameter) is null, cancellationToken);
        // Not by a POST without a body where the profile refuses one: its 400 may come before the couple is looked for.
        model = WithoutBody && model.Profile.RefusesFormlessPost ? model : CoupleAccess.InProgressByRefusal(context, Slot, id, pausing: true, "PSE-4", answer.Status, badParameter);
        var refusal = CoupleAccess.Refusal(context, Slot, id, pausing: true, "PSE-4", badParameter);
        // Under unchangedPauseStatus=400 a 400 to a resume of a recording couple (or a pause of a paused one) is that refusal,
        // not one of the POST without a form: the value as the server reads it, where it reads it, or, under the Java
        // reading, the resume a value it does not read makes (paused=true in the query of a recorder that reads the form).
        var refusedAsUnchanged = answer.Status == 400 && profile.UnchangedPauseStatus == 400 && refusal is null && paused is { } asked0
            && model.Couples.TryGetValue(id, out var now0) && !now0.Ended && now0.Paused == asked0;
        if (WithoutBody && !refusedAsUnchanged && (profile.RefusesFormlessPost || answer.Status is 400 or 411 or 415 or >= 500 && answer.Status != refusal?.Status))
        {
            // PSE-3 (inferred): a recorder may want a form on every POST (formlessPost): a JAX-RS method that consumes only
            // forms answers 415, a filter or a framework 400 or 411, before the session is looked at. Whether it does is
            // our inference, so an answer the profile did not expect is a difference, never a broken rule, and a refusal
            // changed nothing. Whether it counted as the session's use is not known: the model keeps the last use it had
            // (a wait is always followed by a list of each session, which shows a session that expired sooner).
            var status = answer.Status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            // Refused as a form is wanted, or as the rules refuse the request anyway (a recorder that looks at the session first).
            var refused = answer.Status is 400 or 411 or 415 || answer.Status == refusal?.Status;
            var verdict = answer.Status >= 500
                ? Check.That("GEN-3", false, "a POST without a body, paused in its query string, is answered without a server error (inferred)", "a status below 500", status).Inferred()
                : profile.RefusesFormlessPost
                    ? Check.That("PSE-3", refused, "a POST without a form body is refused (formlessPost=refused, inferred)", refusal is null ? "400, 411 or 415" : $"400, 411, 415 or {refusal.Status}", status).Inferred() with { Neutral = refused }
                    : Check.That("PSE-3", false, "paused in the query string of a POST without a body is read as with an empty form (formlessPost=read, inferred)", refusal?.Status.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "an answer to the pause", status).Inferred() with { Neutral = true };
            if (answer.Status is not (>= 200 and < 300) || refusal is not null || paused is not { } value || !model.Couples.TryGetValue(id, out var couple))
            {
                return new StepResult(step, [verdict], model) { Pause = new PauseEffect(id, false) };
            }

            // Taken though the profile said refused: the model follows the server, the difference stands.
            return new StepResult(step, [verdict], model.Touch(Slot).WithPaused(couple.Id, value)) { Pause = new PauseEffect(id, true) };
        }

        var goodValue = Value is PausedValue.True or PausedValue.False;
        var next = model.Touch(Slot);
        if (await CoupleAccess.EndedMeanwhileAsync(context, Slot, id, answer.Status, cancellationToken))
        {
            return new StepResult(step + " (the couple has ended)", [], next.WithCouple(CoupleAccess.TakenForEnded(context, Slot, model.Couples[id], answer.Status)));
        }

        if (Value is PausedValue.True or PausedValue.False && CoupleAccess.Disagreement(context, Slot, id, refusal, answer.Status, "pausedState", Value == PausedValue.True, InBody) is { } disagreement)
        {
            // A pause the server took though the rules predicted a refusal: the model follows the server.
            var took = answer.Status is >= 200 and < 300 && disagreement.InferredPart; // a refusal is a 403, or a 404 (outsideAccessStatus)
            if (disagreement.InferredPart && InBody && await CoupleAccess.LinkShownAfterRefusalAsync(context, Slot, id, refusal, Value == PausedValue.True, answer.Status, cancellationToken) is { } linkShown)
            {
                (disagreement, step) = (linkShown, step + " (the details read right after show its pausedState link, the couple recording)");
            }

            return new StepResult(step, [disagreement], took ? next.WithPaused(id, paused ?? Value == PausedValue.True) : next) { Pause = new PauseEffect(id, took) };
        }

        // The couple's numbers are unknown, so whether the user's phone masks reach it was not predicted: a refusal as
        // outside them (a 403, outsideAccessStatus, or a 404 or 410 the lists showed was no end) is no surprise where
        // nothing, or only a bad paused checked after access (badPausedOrder=after-access), would refuse.
        if ((refusal is null || (refusal == badParameter && profile.BadPausedOrder == "after-access")) && model.Couples.TryGetValue(id, out var c0) && !c0.Known && model.UserOf(Slot)!.Masks.Length > 0
            && (answer.Status is 403 or 404 or 410 || answer.Status == profile.OutsideAccessStatus))
        {
            return new StepResult(step + " (the couple's numbers are unknown, so access was not predicted)", [], next);
        }

        // A pause of a paused couple, or a resume of a recording one, asks for what already holds: PSE-1 is kept whatever
        // the answer, and that it succeeds (not, say, 409 Conflict or a 400) is PSE-3's inference.
        var asksNoChange = goodValue && model.Couples.TryGetValue(id, out var asked) && !asked.Ended && asked.Paused == (Value == PausedValue.True);

        // PSE-3 under unchangedPauseStatus=400 (which only the probe measures): a 400 to a good value where it is read is
        // that refusal when the couple already holds what was asked (on a real recorder the model may be stale: an agent
        // put the call on hold meanwhile, so the details tell), and is judged as such below, not as a place not read.
        if (goodValue && read && answer.Status == 400 && refusal is null && profile.UnchangedPauseStatus == 400 && !asksNoChange
            && context.Target.Control is null && model.Couples.TryGetValue(id, out var stale)
            && await context.Wire.SendAsync(Slot, HttpMethod.Get, $"callrec/restful/couples.xml/{id}", cancellationToken: cancellationToken) is { Status: 200 } holds
            && Wire.Documents.Of(holds.Body)?.Paused == (Value == PausedValue.True ? "true" : "false"))
        {
            asksNoChange = true;
            next = next.Seen(stale.Id, Value == PausedValue.True);
        }

        // Under the Java reading a good value where the server does not look is a missing one, false: a resume, which on a
        // recording couple changes nothing, so under unchangedPauseStatus=400 its 400 is that refusal, no sign of a place.
        var resumesAsRead = refusal is null && !read && !profile.StrictPaused && paused == false
            && model.Couples.TryGetValue(id, out var resumed) && resumed is { Ended: false, Paused: false };
        var refusedNoChange = answer.Status == 400 && refusal is null && profile.UnchangedPauseStatus == 400 && ((asksNoChange && read) || resumesAsRead);

        // A good request must be taken (PSE-1, documented); that it is answered 204 is inferred (PSE-3).
        // A 400 to a good value says it was not read there, whatever the session (a faithful server that reads it refuses
        // for want of a session with 403). Every recorder reads the query or a POST's body (pausedLocation): when both
        // refused a good value, no setting explains it, and PSE-1 is broken whatever PSE-3 leaves open. Where every one of
        // those refusals asked for what already held, the recorder may refuse only those (PSE-3's inference): a change,
        // sent where a recorder reads it (and undone), tells.
        if (!refusedNoChange && goodValue && answer.Status == 400 && refusal is null or { Status: 400 })
        {
            context.Memory.GoodValueRefusedIn.Add(Where);
            context.Memory.RefusedAChange |= !asksNoChange;
            if (context.Memory.GoodValueRefusedIn.IsSupersetOf(["the form body of a POST", "the query string"])
                && !context.Memory.RefusedAChange && await TakesAChangeAsync(context, id, cancellationToken))
            {
                return new StepResult(step, [Check.That("PSE-3", false, "a pause of a paused couple or a resume of a recording one succeeds and changes nothing (inferred; this recorder takes a change in a POST's body and refuses what changes nothing)", profile.PauseStatus.ToString(System.Globalization.CultureInfo.InvariantCulture), "400").Inferred()], next)
                {
                    Pause = new PauseEffect(id, false),
                };
            }

            if (context.Memory.GoodValueRefusedIn.IsSupersetOf(["the form body of a POST", "the query string"]))
            {
                return new StepResult(step, [Check.That("PSE-1", false, $"paused=true|false is taken where it is sent: {string.Join(", ", context.Memory.GoodValueRefusedIn.Order(StringComparer.Ordinal))} all refused it", "204 in one of them", "400 in each")], next)
                {
                    Pause = new PauseEffect(id, false),
                };
            }
        }

        if (!refusedNoChange && refusal is null && goodValue && answer.Status == 400)
        {

            // PSE-3 (inferred): where `paused` is read. The vendor names no place: a form-only server misses it in the
            // query, a query-only one in any body, and a servlet container parses the form body of a POST only. A 400
            // there is a difference (pausedLocation), not a broken PSE-1, and nothing changed, so the model stays.
            return new StepResult(step, [Check.That("PSE-3", false, read ? $"paused=true|false is read from {Where} (pausedLocation={profile[ProfileSettings.PausedLocation]})" : $"paused in {Where} is not read (pausedLocation={profile[ProfileSettings.PausedLocation]}), and a missing value is false (pausedParameter=jaxrs-lenient)", profile.PauseStatus.ToString(System.Globalization.CultureInfo.InvariantCulture), "400").Inferred() with { Neutral = true }], next)
            {
                Pause = new PauseEffect(id, false),
            };
        }

        var taken = answer.Status is >= 200 and < 300;
        var unchanged = refusal is null && paused is { } wanted && model.Couples.TryGetValue(id, out var held) && !held.Ended && held.Paused == wanted;
        if (context.Observing && unchanged && profile.UnchangedPauseStatus != profile.PauseStatus && answer.Status == profile.PauseStatus && model.Couples.TryGetValue(id, out var asked1))
        {
            // Taken as a change where the model said it held already: its call changed behind the kit's back (seen before, or
            // in the calls as listed now), so it may have held the other state (ModelCouple.StateUnsure), and the answer says
            // which (PSE-3, inferred): a 204 to a pause of a couple a join had resumed unseen, where a paused one gets 409,
            // was called a difference. (The other way round, a refusal as changing nothing, the details tell, below.)
            var calls = asked1.StateUnsure || !model.MayReachCall ? null : await context.CallsListedNowAsync(Slot, cancellationToken);
            next = calls is null ? next : next.Moved(calls);
            if (next.Couples[id].StateUnsure)
            {
                unchanged = asksNoChange = false;
            }
        }

        if (context.Target.Control is null && goodValue && refusal is null && !taken && !asksNoChange && model.Couples.ContainsKey(id))
        {
            // On a real recorder the model's state may be stale (an agent put the call on hold meanwhile): the details tell
            // whether the refused request asked for what already held.
            var now = await context.Wire.SendAsync(Slot, HttpMethod.Get, $"callrec/restful/couples.xml/{id}", cancellationToken: cancellationToken);
            var details = now.Status == 200 ? Wire.Documents.Of(now.Body) : null;
            if (details?.Paused == (Value == PausedValue.True ? "true" : "false"))
            {
                asksNoChange = true;
                next = next.Seen(id, Value == PausedValue.True);
            }
            else if (details is not null && answer.Status == 403)
            {
                // Served in the same session: it lives, whatever a second login of its user might have done, and the
                // 403 is the server's refusal of this user. Its link says what the user may do (DET-2), as for a refusal
                // the access rules did not predict (a faithful recorder that refused a pause after the user's second
                // login, and gave no link, was called PSE-1 broken).
                if (CoupleAccess.JudgedByLink(context, Slot, id, refusal, answer.Status, Value == PausedValue.True, InBody, details) is { } refused)
                {
                    var shown = details.PausedStateHref is null ? "no pausedState link" : "its pausedState link";
                    return new StepResult($"{step} (the details read right after, served, show {shown})", [refused], next) { Pause = new PauseEffect(id, false) };
                }
            }
        }

        // PSE-3 (inferred): a request that changes nothing (the value as read is the couple's state) succeeds, unless the
        // profile says such a request is refused (unchangedPauseStatus).
        unchanged |= refusal is null && asksNoChange && read && paused == (Value == PausedValue.True);
        var expected = refusal
            ?? (unchanged && profile.UnchangedPauseStatus != profile.PauseStatus ? new StatusCheck(profile.UnchangedPauseStatus, "PSE-3", $"{(paused == true ? "a pause of a paused couple" : "a resume of a recording one")} (unchangedPauseStatus={profile.UnchangedPauseStatus})", Inferred: true)
            : goodValue && read ? new StatusCheck(profile.PauseStatus, "PSE-3", paused!.Value ? "a pause" : "a resume", Inferred: true)
            : goodValue ? new StatusCheck(profile.PauseStatus, "PSE-3", $"a resume: paused in {Where} is not read (pausedLocation={profile[ProfileSettings.PausedLocation]}), and a missing value is false (pausedParameter=jaxrs-lenient)", Inferred: true)
            : new StatusCheck(profile.PauseStatus, "PSE-2", $"'{Parameter}'{(Everywhere ? " in the body and the query" : string.Empty)} read as paused={(paused == true ? "true" : "false")} ({((profile.StrictPaused || Everywhere) && Value != PausedValue.Garbage ? $"repeatedPaused={profile.RepeatedPaused}" : $"pausedParameter={profile[ProfileSettings.PausedParameter]}")})", Inferred: true));
        // Another success than the one expected (a 200 with a page, say) is PSE-3's inferred status (pauseStatus,
        // unchangedPauseStatus), whatever the value sent: PSE-2's reading of it is about what was taken, which the details
        // and the invariants check.
        var check = refusal is null && taken && expected.Status is >= 200 and < 300 && answer.Status != expected.Status ? Check.That("PSE-3", false, $"a pause or resume that is taken is answered {expected.Status} (inferred: {(unchanged ? "unchangedPauseStatus" : "pauseStatus")})", expected.Status.ToString(System.Globalization.CultureInfo.InvariantCulture), answer.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)).Inferred() with { Neutral = true }
            : refusal is null && !taken && asksNoChange ? expected.Against(answer.Status, "PSE-3", actualRuleInferred: true)
            : refusal is null && !taken ? expected.Against(answer.Status, goodValue ? "PSE-1" : "PSE-2", actualRuleInferred: !goodValue)
            : refusal is { Status: 400 } && taken ? expected.Against(answer.Status, "PSE-2", actualRuleInferred: true)
            : expected.Against(answer.Status);
        var checks = new List<Check> { context.SessionPolicy(Slot, check) };
        if (refusal is { Status: 400 } && answer.Status == 400)
        {
            // PSE-2's inferred part: the 400 comes with a message naming the mistake, or with no body (errorBody=empty).
            checks.Add(profile.RefusalsHaveMessages
                ? Check.That("PSE-2", answer.Body.Trim().Length > 0, "a refused paused value is answered with a message (inferred: errorBody)", "a message", "an empty body").Inferred()
                : Check.That("PSE-2", answer.Body.Length == 0, "a refused paused value is answered with no body (inferred: errorBody=empty)", "no body", answer.Body.Length <= 200 ? answer.Body : answer.Body[..200]).Inferred());
        }
        else if (refusal is null && unchanged && expected.Status >= 400 && answer.Status == expected.Status)
        {
            // PSE-3's inferred part: a request refused as changing nothing (unchangedPauseStatus, a 4xx) is a refusal as any
            // other, with a message or with no body as errorBody says.
            checks.Add(profile.RefusalsHaveMessages
                ? Check.That("PSE-3", answer.Body.Trim().Length > 0, "a request that changes nothing, refused, is answered with a message (inferred: unchangedPauseStatus, errorBody)", "a message", "an empty body").Inferred()
                : Check.That("PSE-3", answer.Body.Length == 0, "a request that changes nothing, refused, is answered with no body (inferred: unchangedPauseStatus, errorBody=empty)", "no body", answer.Body.Length <= 200 ? answer.Body : answer.Body[..200]).Inferred());
        }
        if (refusal is null && taken)
        {
            next = next.WithPaused(id, paused!.Value);
            if (context.Target.Control is null)
            {
                // A real recorder has no control API: its details tell whether the pause or resume took effect.
                var details = await context.Wire.SendAsync(Slot, HttpMethod.Get, $"callrec/restful/couples.xml/{id}", cancellationToken: cancellationToken);
                if ((details.Status == 200 ? Wire.Documents.Of(details.Body)?.Paused : null) is { } shown)
                {
                    var afterwards = await Settling.PausedAsync(context, Slot, id, $"couple {id} shows paused={(paused!.Value ? "true" : "false")} afterwards", paused.Value, shown, cancellationToken, modelled: !readAsSent);
                    // A good value, or paused=true wherever a recorder may read it, taken (2xx) and not shown breaks PSE-1
                    // under every reading; where an inferred reading decided the value, PSE-2's inferred part.
                    checks.Add(readAsSent ? afterwards : afterwards with { Rule = "PSE-2", InferredPart = true });
                }
            }
        }

        if (refusal is null && unchanged && (taken || answer.Status == expected.Status) && model.Couples.TryGetValue(id, out var named))
        {
            (next, var note, var reach) = await OtherLegsAsShownAsync(context, model, next, named, paused!.Value, answer.Status, taken, cancellationToken);
            step += note;
            checks.AddRange(reach is null ? [] : [reach]);
        }

        return new StepResult(step, checks, next) { Pause = new PauseEffect(id, refusal is null) { ReadInferred = !readAsSent } };
    }

    /// <summary>
    /// PSE-1, PSE-3 (inferred): a pause or resume that changes nothing on <paramref name="named"/> (which holds
    /// <paramref name="asked"/>), answered <paramref name="status"/> (<paramref name="taken"/>, or refused as changing
    /// nothing: unchangedPauseStatus), and the other legs of its call in the other state (a leg that joined since). Under
    /// pauseScope=call whether it reaches them no rule says: a recorder that answers for the couple named first changes none
    /// of them, one that goes through the call's legs changes them all, even where it refuses the couple named; the profile
    /// names it (unchangedPauseReach). Where the kit starts calls (a control API) the legs are read there: all as the setting
    /// says, or a difference on it (some reached and some not fits no value). On a recorder without one (where legs
    /// differ after a move the kit saw, or an agent's hold it read) such legs become unsure: their state is the setting's
    /// guess, and the setting is never judged there. Under pauseScope=couple it reaches none, as any pause; refused, the legs
    /// keep what a whole call's pause would show, so one that reaches them differs on pauseScope (<see cref="PauseReach"/>),
    /// as a pause taken does. <paramref name="before"/> is the model before the step, <paramref name="next"/> the model
    /// after it; returns the model, a note for the step's line and the check of a reach the profile does not expect.
    /// </summary>
    private static async Task<(ModelState Model, string Note, Check? Reach)> OtherLegsAsShownAsync(StepContext context, ModelState before, ModelState next, ModelCouple named, bool asked, int status, bool taken, CancellationToken cancellationToken)
    {
        var legs = before.OtherLegs(named).Where(o => !o.Ended && o.Paused != asked).Select(o => o.Id).Order().ToList();
        if (legs.Count == 0 || (!before.Profile.PausesWholeCall && taken))
        {
            return (next, string.Empty, null);
        }

        if (!before.Profile.PausesWholeCall)
        {
            return (legs.Aggregate(next, (m, leg) => m.WithCouple(m.Couples[leg] with { OtherScopePaused = asked })), string.Empty, null);
        }

        var reached = before.Profile.UnchangedPauseReaches(status);
        // Reached, each leg holds what was asked, and keeps what a pause of the named couple alone would have left (as
        // WithPaused); not reached, it keeps its pause state from before the step. Only the pause state: a leg the step saw
        // move to another call (the calls read again for the answer) is left as the step left it. Without a control API
        // no one sees the legs' states, so each is unsure (StateUnsure): a read that contradicts the setting's guess is
        // taken as read, never judged.
        var unseen = context.Target.Control is null;
        var expected = legs.Where(leg => next.Couples[leg].CallId == next.Couples[named.Id].CallId).Aggregate(next, (m, leg) =>
        {
            var was = before.Couples[leg];
            var scope = was.OtherScopePaused ?? was.Paused;
            return m.WithCouple(reached
                ? m.Couples[leg] with { Paused = asked, OtherScopePaused = scope == asked ? null : scope, StateUnsure = unseen }
                : m.Couples[leg] with { Paused = was.Paused, OtherScopePaused = was.OtherScopePaused, StateUnsure = was.StateUnsure || unseen });
        });
        if (context.Target.Control is not { } control
            || (await control.PausedStatesAsync(cancellationToken)).Where(s => legs.Contains(s.Id)).ToList() is not { Count: > 0 } shown)
        {
            return (expected, string.Empty, null);
        }

        var states = string.Join(", ", shown.Select(s => $"{s.Id} {(s.Paused ? "paused" : "recording")}"));
        var setting = $"unchangedPauseReach={before.Profile[ProfileSettings.UnchangedPauseReach]}";
        return shown.All(s => s.Paused == (reached ? asked : !asked))
            ? (shown.Aggregate(expected, (m, leg) => m.Seen(leg.Id, leg.Paused)), $" ({states} of its call, in the other state before it: {(reached ? "reached" : "not reached")}, {setting})", null)
            : (expected, string.Empty, Check.That("PSE-1", false, $"a {(asked ? "pause" : "resume")} that changes nothing on couple {named.Id}, answered {status}, {(reached ? "reaches" : "does not reach")} the other legs of its call in the other state (inferred: {setting})", reached ? $"{(asked ? "paused" : "recording")}" : $"{(asked ? "recording" : "paused")}", states).Inferred());
    }

    /// <summary>
    /// Whether the recorder takes a change of the couple (the other state than this request asked for, which already
    /// held) in a POST's form body or, failing that, its query string (every recorder reads one of them); the change is
    /// undone at once. Sent outside the transcript: the scenario ends at this step.
    /// </summary>
    private async Task<bool> TakesAChangeAsync(StepContext context, long id, CancellationToken cancellationToken)
    {
        var path = $"callrec/restful/couples.xml/{id}/pausedState";
        var other = Value == PausedValue.True ? "paused=false" : "paused=true";
        foreach (var inQuery in new[] { false, true })
        {
            var change = await context.Wire.SendAsync(Slot, HttpMethod.Post, inQuery ? $"{path}?{other}" : path, inQuery ? string.Empty : other, record: false, cancellationToken: cancellationToken);
            if (change.Status is >= 200 and < 300)
            {
                await context.Wire.SendAsync(Slot, HttpMethod.Post, inQuery ? $"{path}?{Parameter}" : path, inQuery ? string.Empty : Parameter, record: false, cancellationToken: cancellationToken);
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A pause or resume that is not taken looks, in one place, like a value the server does not read there and reads as
    /// false (pausedLocation with the Java reading): paused=true in the body and the query alike is read under every
    /// location, so a server that takes it (2xx) and never shows the pause breaks PSE-1 whatever the setting says. (A server
    /// that joins the two into "true,true", repeatedPaused=joined, reads both places: a single place it misses is no
    /// candidate beside that value, so joining hides no break.)
    /// </summary>
    public override IEnumerable<Command> Witnesses() =>
        Value is PausedValue.True or PausedValue.False ? [this with { Value = PausedValue.TrueEverywhere, InQuery = false }] : [];

    public override IEnumerable<Command> Shrink()
    {
        if (InQuery)
        {
            yield return this with { InQuery = false };
        }

        if (Put)
        {
            yield return this with { Put = false };
        }

        if (Value is not PausedValue.True and not PausedValue.False)
        {
            yield return this with { Value = PausedValue.True };
        }

        if (Slot != 0)
        {
            yield return this with { Slot = 0 };
        }

        if (Couple.Index > 0)
        {
            yield return this with { Couple = Couple with { Index = 0 } };
        }
    }

    public override string ToString() => $"{ModelSlot.Name(Slot)}: {(Put ? "put" : "post")}-paused({Couple}, {Value}{(InQuery && !Everywhere ? ", query" : string.Empty)})";
}
