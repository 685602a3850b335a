using System.Globalization;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Targets;

namespace PauseResume.Conformance.Probe;

/// <summary>The probes of where a pause is read (PSE-3), of two values at once (PSE-2) and of the answers to a change and to a no-op, on a couple the kit may pause; a hold the probe's resume ended put back.</summary>
internal sealed partial class Prober
{
    /// <summary>
    /// pausedLocation (PSE-3), then repeatedPaused (PSE-2), on the recording couple the kit may pause. Under strict a
    /// resume in each place tells by its status alone (400: not read there) and changes nothing; under jaxrs-lenient a
    /// value where the server does not look reads as false, so only a pause shows it: each is put back at once.
    /// </summary>
    private async Task ProbePausedLocationAsync(Wire.Wire wire, long couple, bool strict, CancellationToken cancellationToken)
    {
        var path = $"callrec/restful/couples.xml/{couple}/pausedState";
        int? changed = null; // PSE-3: the status of the first of the probe's requests seen to pause the recording couple
        async Task<(int Status, bool? Read)> SendAsync(HttpMethod method, bool inQuery, string parameter)
        {
            await StillRecordingAsync(wire, couple, cancellationToken);
            ownPause = target.Control is null && parameter.Contains("paused=true", StringComparison.Ordinal);
            var answer = await wire.SendAsync(0, method, path + (inQuery ? "?" + parameter : string.Empty), inQuery ? string.Empty : parameter, cancellationToken: cancellationToken);
            if (answer.Status is not (>= 200 and < 300))
            {
                // Refused: nothing changed. Under the Java reading a pause where the value is not read is a resume of the
                // recording couple, which a recorder may refuse as a request that changes nothing (unchangedPauseStatus).
                ownPause = false;
                if (method == HttpMethod.Post && (strict ? parameter == "paused=false" && answer.Status != 400 : MayRefuseNoChange(answer.Status)))
                {
                    noChangeAnswers.Add(answer.Status);
                }

                return (answer.Status, answer.Status == 400 || (!strict && MayRefuseNoChange(answer.Status)) ? false : null);
            }

            if (strict && parameter == "paused=false")
            {
                if (method == HttpMethod.Post)
                {
                    noChangeAnswers.Add(answer.Status);
                }

                return (answer.Status, true);
            }

            var shown = await ShownAsync(wire, couple, "true", cancellationToken);
            if (!strict && shown == false && method == HttpMethod.Post)
            {
                noChangeAnswers.Add(answer.Status); // read as a resume of the recording couple
            }

            changed ??= shown == true ? answer.Status : null;
            if (target.Control is not null)
            {
                await RealWorld.PutBackAsync(wire, 0, couple, false, Settle, cancellationToken);
                await ShownAsync(wire, couple, "false", cancellationToken);
            }
            else if (shown != false)
            {
                // Shown paused (or unread): the probe's pause, put back and seen back, as details that lag must not show it
                // at the next place. Shown recording: nothing changed, and no put-back goes out to end someone's hold.
                await PutBackOwnPauseAsync(wire, couple, cancellationToken);
            }

            ownPause = false;
            return (answer.Status, shown);
        }

        var probe = strict ? "paused=false" : "paused=true";
        var post = (await SendAsync(HttpMethod.Post, false, probe)).Read;
        var put = (await SendAsync(HttpMethod.Put, false, probe)).Read;
        var query = (await SendAsync(HttpMethod.Post, true, probe)).Read;
        if (strict && post is not true && put is not true && query is not true)
        {
            // A refusal in every place of a resume of a recording couple may refuse the no-op itself (that it succeeds is
            // PSE-3's inference, unchangedPauseStatus), not the place: a pause, put back at once, tells where the value is read.
            probe = "paused=true";
            post = (await SendAsync(HttpMethod.Post, false, probe)).Read;
            put = (await SendAsync(HttpMethod.Put, false, probe)).Read;
            query = (await SendAsync(HttpMethod.Post, true, probe)).Read;
        }
        var location = (post, put, query) switch
        {
            (true, true, true) => "form-and-query",
            (true, true, false) => "form",
            (false, false, true) => "query",
            (true, false, true) => "post-form-and-query",
            _ => null,
        };
        static string Seen(bool? read) => read switch { true => "is read", false => "is not read", _ => "could not be told" };
        Observe(ProfileSettings.PausedLocation, location, $"'{probe}' in a POST's form body {Seen(post)}, in a PUT's {Seen(put)}, in the query string {Seen(query)}");

        if (post is not true && query is not true)
        {
            Kept(ProfileSettings.RepeatedPaused, "no place was seen where paused is read");
            Kept(ProfileSettings.UnchangedPauseStatus, "no place was seen where paused is read");
            Kept(ProfileSettings.PauseStatus, "no place was seen where paused is read");
            return;
        }

        // PSE-3: a resume of the recording couple, where the value is read, changes nothing.
        async Task<Wire.Exchange> ResumeAsync()
        {
            await StillRecordingAsync(wire, couple, cancellationToken);
            return await wire.SendAsync(0, HttpMethod.Post, path + (post is true ? string.Empty : "?paused=false"), post is true ? "paused=false" : string.Empty, cancellationToken: cancellationToken);
        }

        var noChange = await ResumeAsync();
        if (noChangeAnswers.Any(status => status != noChange.Status))
        {
            // Answered otherwise than the probe's earlier requests that changed nothing. A resume taken (2xx) where those were
            // all answered alike may have changed the couple: details that lag hide a pause put on a moment before (an
            // agent's hold), and this resume ended it. Any other odd answer (a one-off 500, a 403) changed nothing. The same
            // resume once more tells.
            var earlier = string.Join(" and ", noChangeAnswers.Distinct());
            var mayHaveEnded = noChange.Status is >= 200 and < 300 && noChangeAnswers.Distinct().Count() == 1;
            Wire.Exchange again;
            try
            {
                again = await ResumeAsync();
            }
            catch (HeldMeanwhileException) when (mayHaveEnded)
            {
                // The details now show the hold that resume ended, late.
                throw new HeldMeanwhileException(await PutHoldBackAsync(wire, couple, $"a resume of couple {couple}, which read recording, was answered {noChange.Status} where the probe's requests that change nothing were answered {earlier}, and its details then showed it paused: it changed the couple, which someone else (an agent's hold?) had paused too recently for its details to show", cancellationToken));
            }

            if (noChangeAnswers.Any(status => status != again.Status))
            {
                Kept(ProfileSettings.UnchangedPauseStatus, $"the probe's requests that change nothing (resumes of the recording couple) were answered {earlier}, then {noChange.Status} and {again.Status}: the answers disagree, so none is taken for the setting (someone else may have paused and resumed the couple meanwhile); probe again while no one else uses it");
            }
            else
            {
                Observe(ProfileSettings.UnchangedPauseStatus, ProfileSettings.Find(ProfileSettings.UnchangedPauseStatus)!.Normalize(again.Status.ToString(CultureInfo.InvariantCulture)),
                    $"a resume of a recording couple is answered {again.Status}, before and after one answered {noChange.Status}");
                ObserveErrorBodyOfNoChange(again);
                if (mayHaveEnded)
                {
                    throw new HeldMeanwhileException(await PutHoldBackAsync(wire, couple, $"a resume of couple {couple}, which read recording, was answered {noChange.Status}, where the probe's requests that change nothing were answered {again.Status} before and just after: it changed the couple, which someone else (an agent's hold?) had paused too recently for its details to show", cancellationToken));
                }
            }
        }
        else
        {
            Observe(ProfileSettings.UnchangedPauseStatus, ProfileSettings.Find(ProfileSettings.UnchangedPauseStatus)!.Normalize(noChange.Status.ToString(CultureInfo.InvariantCulture)),
                $"a resume of a recording couple is answered {noChange.Status}");
            ObserveErrorBodyOfNoChange(noChange);
        }

        // PSE-2: a recorder that refuses 'pause=true' may read Spring's words for a boolean too: 'paused=no', a resume of the
        // recording couple where the value is read, changes nothing; strict refuses it 400, Spring answers it as 'paused=false'.
        if (strict && noChange.Status != 400 && ObservedValue(ProfileSettings.PausedParameter) == "strict")
        {
            await StillRecordingAsync(wire, couple, cancellationToken);
            var word = await wire.SendAsync(0, HttpMethod.Post, path + (post is true ? string.Empty : "?paused=no"), post is true ? "paused=no" : string.Empty, cancellationToken: cancellationToken);
            var told = $"'pause=true' is answered 400, and 'paused=no' (a resume of the recording couple) {word.Status}, as 'paused=false' is answered {noChange.Status}";
            if (word.Status == 400 || word.Status == noChange.Status)
            {
                Observe(ProfileSettings.PausedParameter, word.Status == 400 ? "strict" : "spring", told);
            }
            else
            {
                summary.Add($"{told}: neither strict's 400 nor Spring's answer, so pausedParameter stays as 'pause=true' showed");
            }
        }

        // PSE-3: where the query string is read, a resume there in a POST without a body at all (formlessPost): answered as
        // the same request with an empty form, or refused for want of a form. Neither changes the recording couple.
        if (query is true)
        {
            await StillRecordingAsync(wire, couple, cancellationToken);
            var withForm = await wire.SendAsync(0, HttpMethod.Post, path + "?paused=false", string.Empty, cancellationToken: cancellationToken);
            await StillRecordingAsync(wire, couple, cancellationToken);
            var formless = await wire.SendAsync(0, HttpMethod.Post, path + "?paused=false", null, cancellationToken: cancellationToken);
            Observe(ProfileSettings.FormlessPost, formless.Status == withForm.Status ? "read" : formless.Status is 400 or 411 or 415 ? "refused" : null,
                $"a resume in the query string of a POST without a body is answered {formless.Status}, with an empty form {withForm.Status}");
        }

        // Of two values the second is the pause, so a server that reads the first changes nothing.
        var (status, paused) = await SendAsync(HttpMethod.Post, post is not true, "paused=false&paused=true");
        var repeated = status == 400 ? "refused"
            : status is >= 200 and < 300 ? paused switch { true => "last", false => "first", _ => null }
            // The first value read: a resume of the recording couple, refused as the request that changed nothing was.
            : status == noChange.Status && status != 400 && ObservedValue(ProfileSettings.UnchangedPauseStatus) == status.ToString(CultureInfo.InvariantCulture) ? "first"
            : null;
        static string Answered(string sent, int status, bool? paused) => $"'{sent}' is answered {status}"
            + (status is >= 200 and < 300 ? $" and the couple {paused switch { true => "is paused", false => "still records", _ => "shows no state" }} afterwards" : string.Empty);
        var how = Answered("paused=false&paused=true", status, paused);
        if (repeated == "refused" && noChange.Status == 400)
        {
            // A recorder that refuses a no-op with 400 answers so a reader of the first value too (a resume of the
            // recording couple): the values the other way round pause it where the first is read, and two values that
            // agree on a pause, a change, tell a refusal of differing values from one of any repetition.
            var (reversed, pausedByFirst) = await SendAsync(HttpMethod.Post, post is not true, "paused=true&paused=false");
            how += "; " + Answered("paused=true&paused=false", reversed, pausedByFirst);
            if (reversed is >= 200 and < 300)
            {
                repeated = pausedByFirst == true ? "first" : null;
            }
            else if (reversed == 400)
            {
                var (agreeing, shown) = await SendAsync(HttpMethod.Post, post is not true, "paused=true&paused=true");
                how += "; " + Answered("paused=true&paused=true", agreeing, shown);
                repeated = agreeing == 400 ? "refused-any" : agreeing is >= 200 and < 300 && shown == true ? "refused" : null;
            }
            else
            {
                repeated = null;
            }
        }
        else if (repeated == "refused")
        {
            // Two values that agree: a resume of a recording couple, which changes nothing wherever it is taken.
            await StillRecordingAsync(wire, couple, cancellationToken);
            var agreeing = await wire.SendAsync(0, HttpMethod.Post, path + (post is true ? string.Empty : "?paused=false&paused=false"), post is true ? "paused=false&paused=false" : string.Empty, cancellationToken: cancellationToken);
            // Two agreeing values taken as one resume, which changes nothing: a recorder that refuses a no-op answers as to one.
            // (A 400 to the single no-op too leaves refused-any untold.)
            repeated = agreeing.Status == noChange.Status && noChange.Status is not (>= 200 and < 300) ? (noChange.Status == 400 ? null : "refused")
                : agreeing.Status == 400 ? "refused-any" : agreeing.Status is >= 200 and < 300 ? "refused" : null;
            how += $"; 'paused=false&paused=false' is answered {agreeing.Status}";
        }

        if (repeated == "first" && !strict)
        {
            // Under the Java reading, values joined into one ("false,true", repeatedPaused=joined) read as false too: two
            // values that agree on a pause tell the first from the joined.
            var (agreeing, shown) = await SendAsync(HttpMethod.Post, post is not true, "paused=true&paused=true");
            repeated = agreeing is >= 200 and < 300 ? shown switch { true => "first", false => "joined", _ => null } : null;
            how += "; " + Answered("paused=true&paused=true", agreeing, shown);
        }

        Observe(ProfileSettings.RepeatedPaused, repeated, how);

        if (strict && ((lag is null && target.Control is null) || changed is null))
        {
            // PSE-1: a strict recorder may have been told by statuses alone, with no pause of the probe's shown yet: one
            // pause where paused is read, put back at once, tells how soon its details show one (for the kit's --settle),
            // and with what status a change is answered (pauseStatus).
            await SendAsync(HttpMethod.Post, post is not true, "paused=true");
        }

        if (changed is { } changeStatus)
        {
            Observe(ProfileSettings.PauseStatus, changeStatus is 200 or 202 or 204 ? changeStatus.ToString(CultureInfo.InvariantCulture) : null, $"a pause of the recording couple is answered {changeStatus}");
        }
        else
        {
            Kept(ProfileSettings.PauseStatus, "no pause of the probe's was seen to take");
        }
    }

    /// <summary>
    /// Puts back on a hold the probe's resume ended (someone else paused the couple too recently for its details to show):
    /// said first, so a fault that meets the pause cannot lose it, and the probe then leaves the couple alone. Returns why,
    /// for the settings the probe could not measure after it.
    /// </summary>
    private async Task<string> PutHoldBackAsync(Wire.Wire wire, long couple, string what, CancellationToken cancellationToken)
    {
        var why = $"{what}; the probe paused it again at once and left it alone: if no one holds it now, resume it by hand";
        ByHand(why);
        try
        {
            await RealWorld.PutBackAsync(wire, 0, couple, true, Settle, cancellationToken);
        }
        catch (Wire.StepFaultException e)
        {
            ByHand($"couple {couple} could not be paused again ({e.Fault}): if someone held it, pause it by hand");
        }

        return why;
    }

    /// <summary>
    /// A refusal only a request that changes nothing gets: 409 Conflict. Other statuses unchangedPauseStatus allows (a 422,
    /// say) are as often a strict recorder's refusal of a bad value, so they tell nothing of how paused is read.
    /// </summary>
    private static bool MayRefuseNoChange(int status) => status == 409;

    /// <summary>
    /// PSE-3 (inferred): a refused request that changes nothing is answered with a message or with no body as errorBody
    /// says, which the probe measures first from a refused paused value (PSE-2). A recorder that refuses none (it reads a
    /// bad value as a resume) told nothing there, and the default kept was then a difference of the probed profile's own
    /// (an independent recorder answering its 409s with no body: "it matches errorBody=empty").
    /// </summary>
    private void ObserveErrorBodyOfNoChange(Wire.Exchange noChange)
    {
        // Only a status that is an unchangedPauseStatus's: a 403 or 404 (the right or the couple gone) is no such refusal.
        if (ObservedValue(ProfileSettings.ErrorBody) is null && noChange.Status is >= 400 and < 500
            && ProfileSettings.Find(ProfileSettings.UnchangedPauseStatus)!.Normalize(noChange.Status.ToString(CultureInfo.InvariantCulture)) is not null)
        {
            var said = noChange.Body.Trim().Length > 0 ? "message" : noChange.Body.Length == 0 ? "empty" : null;
            if (said is not null)
            {
                Observe(ProfileSettings.ErrorBody, said, $"a resume of a recording couple is refused {noChange.Status} {WithBody(noChange)}");
            }
        }
    }

    /// <summary>A refusal's body as the probe's lines quote it: <c>with no body</c>, or <c>with '…'</c> (its first 80 characters).</summary>
    private static string WithBody(Wire.Exchange refused) =>
        refused.Body.Length == 0 ? "with no body" : $"with '{(refused.Body.Length <= 80 ? refused.Body.Trim() : refused.Body[..80] + "…")}'";
}
