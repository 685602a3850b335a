using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Model;

namespace PauseResume.Conformance.Commands;

/// <summary>GET a couple's details, through the self link a list gave this slot or by the constructed path (DET-1..3).</summary>
internal sealed record DetailsCommand(int Slot, CoupleRef Couple, bool ViaLink) : Command
{
    public override async Task<StepResult> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        var model = context.Model;
        var id = Couple.Resolve(model);
        var link = ViaLink ? context.Memory.LinkOf(Slot, id) : null;
        var path = link is null ? $"callrec/restful/couples.xml/{id}"
            : Profiles.KitProfile.IsRelative(link) ? Profiles.KitProfile.Comparable(link, new Uri(context.Wire.Origin, "callrec/restful/couples.xml")) // linkOrigin=relative
            : Uri.TryCreate(link, UriKind.Absolute, out var uri) ? uri.PathAndQuery : $"callrec/restful/couples.xml/{id}";
        var answer = await context.Wire.SendAsync(Slot, HttpMethod.Get, path, cancellationToken: cancellationToken);
        await context.NoteRefusalAsync(Slot, answer.Status, listed: false, cancellationToken);
        var step = $"{ModelSlot.Name(Slot)}: details({id}{(link is null ? string.Empty : ", via its self link")}) → {answer.Status}";

        // Details served show a couple in progress, but where the recorder serves an ended couple's too (endedCoupleDetails).
        if (answer.Status == 200 && !model.Profile.ServesEndedDetails)
        {
            model = context.Model = CoupleAccess.ShownInProgress(model, id);
        }

        var details = answer.Status == 200 ? Wire.Documents.Of(answer.Body) : null;
        if (context.Observing && details is { CallId: { } callNow } && model.Couples.TryGetValue(id, out var listed) && listed.CallId != callNow)
        {
            // A real recorder's couple moved to another call (a transfer, a conference) since the kit last saw it: it is
            // judged in the call it is in now, as under maskScope=call who may see it depends on its call's other legs (an
            // independent recorder's moved couple, granted as its new call allowed, was called DET-3 differing).
            model = context.Model = model.Moved(id, callNow);
        }

        var user = model.UserOf(Slot);
        await CallLegs.EndedUnseenAsync(context, Slot, id, answer.Status, CoupleAccess.Refusal(context, Slot, id, pausing: false, "DET-3") is null, cancellationToken);
        model = CoupleAccess.InProgressByRefusal(context, Slot, id, pausing: false, "DET-3", answer.Status);
        var refusal = CoupleAccess.Refusal(context, Slot, id, pausing: false, "DET-3");
        var next = model.Touch(Slot);
        if (await CoupleAccess.EndedMeanwhileAsync(context, Slot, id, answer.Status, cancellationToken))
        {
            // A couple that ended on a real recorder since it was listed: a legal event.
            return new StepResult(step + " (the couple has ended)", [], next.WithCouple(CoupleAccess.TakenForEnded(context, Slot, model.Couples[id], answer.Status)));
        }

        // A couple the kit knows has ended is served only by the inference endedCoupleDetails=served (DET-3): its 404 is a
        // difference, not a broken DET-1, and where calls come and go a recorder may have forgotten it (unknownCoupleStatus).
        var expected = refusal ?? (model.Couples.TryGetValue(id, out var ended) && ended.Ended
            ? new StatusCheck(200, "DET-3", $"the details of couple {id}, which has ended, served as while in progress (endedCoupleDetails=served, inferred)", Inferred: true)
            {
                Also = context.CallsComeAndGo ? new HashSet<int> { model.Profile.UnknownCoupleStatus } : new HashSet<int>(),
            }
            : new StatusCheck(200, "DET-1", "the details document"));
        if (CoupleAccess.Disagreement(context, Slot, id, refusal, answer.Status, "self") is { } disagreement)
        {
            return new StepResult(step, [disagreement], next);
        }

        var unknownAccess = refusal is null && model.Couples.TryGetValue(id, out var c0) && !c0.Known && user!.Masks.Length > 0;
        // Refused as outside the masks: a 403, or outsideAccessStatus (404), or a 404 or 410 the lists showed was no end.
        if (unknownAccess && (answer.Status is 403 or 404 or 410 || answer.Status == model.Profile.OutsideAccessStatus))
        {
            return new StepResult(step + " (the couple's numbers are unknown, so access was not predicted)", [], next);
        }

        var checks = new List<Check> { context.SessionPolicy(Slot, expected.Against(answer.Status)) };
        if (!checks[0].Passed || expected.Status != 200 || answer.Status != 200)
        {
            return new StepResult(step, checks, next);
        }

        var couple = model.Couples[id];
        checks.Add(Check.That("DET-1", details is not null, "the answer is an XML document", "XML", answer.Body.Length <= 200 ? answer.Body : answer.Body[..200]));
        if (details is null)
        {
            return new StepResult(step, checks, next);
        }

        // The details' shape is inferred: the root repeats the list item's name and attributes.
        checks.Add(Check.Equal("DET-1", "the details' root element (inferred)", "couples", details.Root).Inferred());
        checks.Add(Check.Equal("DET-1", "the details' couple id (inferred)", (long?)id, details.Id).Inferred());
        // On a real recorder the couple was moved above to the call its details show: there this checks only that they show one.
        checks.Add(Check.Equal("DET-1", "the details' call id (inferred)", (long?)couple.CallId, details.CallId).Inferred());
        checks.AddRange(DocumentChecks.OfDetails(answer, new Uri(context.Wire.Origin, path.TrimStart('/')), details, couple, $"{context.Model.Profile.LinkOriginFor(context.Wire.Origin)}/callrec/restful/couples.xml/{id}", context.Model.Profile[Profiles.ProfileSettings.DocumentMediaType]));

        // DET-2: the link is there only if the user may pause. The Pause and Resume Calls permission is the vendor's: a link for a user without it breaks DET-2. Who else may
        // pause (the phone masks) is inferred, and a pause answered against the link shown is checked by SetPausedCommand.
        context.Memory.SawLinkOrNot(Slot, id, "pausedState", user!.Login, details.PausedStateHref is not null);
        var mayPause = user.PauseAndResume && (!couple.Known || model.MaySee(user, couple));
        // An ended couple's details served (endedCoupleDetails=served) may leave the link out: it can no longer be paused.
        var linkCheck = Check.That("DET-2", mayPause == (details.PausedStateHref is not null) || (mayPause && couple.Ended), "a pausedState link as the access rules predict (inferred)",
            mayPause ? "a pausedState link" : "no pausedState link", details.PausedStateHref ?? "no pausedState link");
        checks.Add(!user.PauseAndResume && details.PausedStateHref is not null
            ? linkCheck with { What = $"a pausedState link only if the user has Pause and Resume Calls ({user.Login} has not)" }
            : linkCheck.Inferred() with { Neutral = true });
        if (details.PausedStateHref is { } pausedState)
        {
            // A relative link is relative to the document it is in (the details' URL), not to the server's root.
            var document = new Uri(context.Wire.Origin, path);
            var resolved = Profiles.KitProfile.PlainIds(Uri.TryCreate(document, pausedState, out var absolute) ? absolute.AbsolutePath : pausedState);
            // Behind a gateway that mounts the recorder under a path (--target https://gw/recorder/), the recorder writes the
            // path as it sees itself, from its own root: the documented path, from either root, is the documented path.
            var documented = new Uri(context.Wire.Origin, $"callrec/restful/couples.xml/{id}/pausedState").AbsolutePath;
            var ownRoot = $"/callrec/restful/couples.xml/{id}/pausedState";
            checks.Add(Check.Equal("DET-2", "the pausedState link has the documented path", resolved == ownRoot ? ownRoot : documented, resolved));
        }

        // Under detailsPaused=with-link the state shows only with the pausedState link the details gave (DET-2 judges the link).
        var showsPaused = !model.Profile.PausedOnlyWithLink || details.PausedStateHref is not null;
        checks.Add(Check.That("DET-3", (details.Paused is "true" or "false") == showsPaused,
            showsPaused ? "the details show the paused state (element names are inferred)" : "the details show no paused state without the pausedState link (detailsPaused=with-link, inferred)",
            showsPaused ? "<paused>true|false</paused>" : "no <paused>", details.Paused ?? "no <paused>"));
        if (details.Paused is "true" or "false" && (!context.Observing || context.Pausable?.Contains(id) == true))
        {
            // Waited for as any modelled state (details may lag) before an unsure one is taken as shown.
            var shown = await Settling.PausedAsync(context, Slot, id, $"couple {id} is paused as its pauses and resumes left it", couple.Paused, details.Paused, cancellationToken, modelled: true);
            // One that showed, later than --settle, is a timing difference as any (Settling), not an unsure state.
            var moved = !shown.Passed && !shown.Timing && couple.StateUnsure;
            if (!shown.Passed && !shown.Timing && !moved && context.Observing && model.MayReachCall && await context.CallsListedNowAsync(Slot, cancellationToken) is { } calls)
            {
                // Its calls as the recorder has them now: a join the kit had not seen (the couple's, or another couple's into
                // or out of its call) makes its state unsure, as one it had seen does.
                next = next.Moved(calls);
                moved = next.Couples[id].StateUnsure;
            }

            if (moved)
            {
                // PSE-1 under pauseScope=call: a couple moved into a call a pause reached, unseen, was called broken.
                return new StepResult($"{step} (its call changed since the kit knew its state: a conference or a transfer joined calls, and which of the kit's pauses came first cannot be told; paused={details.Paused} is taken as shown)", checks, next.Seen(id, details.Paused == "true"));
            }

            checks.Add(PauseReach.Explained(shown, couple, details.Paused == "true", model.Profile));
        }

        // On a real recorder agents pause and resume too: only the couples the kit alone may touch are predicted. A state
        // unsure since a join (see ModelCouple.StateUnsure) stays unsure when shown as predicted, until the kit pauses or
        // resumes it (or, under pauseScope=call, a leg of its call): a read may show the state from before a pause that
        // reached it through the join, however long after it is sent (details that lag past --settle are a timing
        // difference), and taking such a read as sure made a faithful recorder's later read of the true state PSE-1 broken.
        return new StepResult(step, checks, context.Observing && context.Pausable?.Contains(id) != true && details.Paused is { } p ? next.Seen(id, p == "true") : next);
    }

    public override IEnumerable<Command> Shrink()
    {
        if (ViaLink)
        {
            yield return this with { ViaLink = false };
        }

        if (Slot != 0)
        {
            yield return this with { Slot = 0 };
        }

        if (Couple.Index > 0)
        {
            yield return this with { Couple = new CoupleRef(0) };
        }
    }

    public override string ToString() => $"{ModelSlot.Name(Slot)}: details({Couple}{(ViaLink ? ", via link" : string.Empty)})";
}
