using System.Globalization;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Targets;

namespace PauseResume.Conformance.Probe;

/// <summary>The probe of how paused is read (PSE-2): the misspelt 'pause=true' on a recording couple the kit may pause, and what stops the probe's pauses early.</summary>
internal sealed partial class Prober
{
    /// <summary>pausedParameter (PSE-2): 'pause=true' on a couple the kit may pause, which is then put back as found.</summary>
    private async Task ProbePausedReadingAsync(Wire.Wire wire, IReadOnlyList<long> couples, CancellationToken cancellationToken)
    {
        var couple = target.Control is not null ? (couples.Count > 0 ? couples[0] : 0) : pausable.FirstOrDefault(couples.Contains);
        if (couple == 0)
        {
            Kept(ProfileSettings.PausedParameter, "needs --allow-pause and a --couple in progress");
            KeptWhereAndWhich("needs --allow-pause and a --couple in progress");
            return;
        }

        var before = Wire.Documents.Of((await wire.SendAsync(0, HttpMethod.Get, $"callrec/restful/couples.xml/{couple}", cancellationToken: cancellationToken)).Body)?.Paused;
        if (target.Control is null && before != "false")
        {
            KeptWhereAndWhich("the couple was not recording when probed");
            // A lenient server reads 'pause=true' as paused=false: on a paused couple (an agent's hold) it would record
            // for a moment before being put back, and one whose state cannot be read could not be put back at all.
            Kept(ProfileSettings.PausedParameter, before == "true"
                ? $"couple {couple} is paused now, and 'pause=true' could resume it for a moment on a lenient server; probe again while it records"
                : $"couple {couple}'s details show no paused state, so it could not be put back as found");
            return;
        }

        ownPause = false;
        try
        {
            var ownShown = await OwnPauseLagAsync(wire, couple, cancellationToken);
            ownPause = target.Control is null; // until seen otherwise, the misspelt pause may have paused it
            var typo = await wire.SendAsync(0, HttpMethod.Post, $"callrec/restful/couples.xml/{couple}/pausedState", "pause=true", cancellationToken: cancellationToken);
            // The Java reading resumes a recording couple (nothing shows); a recorder that takes 'pause' for 'paused' pauses it.
            var aliased = typo.Status is >= 200 and < 300
                && await ShownAsync(wire, couple, "true", cancellationToken, afterChange: false, patience: Commands.DetailsLag.LongestWait(Settle)) == true;
            var shownAfter = ShownAfter ?? TimeSpan.Zero;
            if (aliased && target.Control is null && shownAfter > OwnPauseShowsWithin(ownShown))
            {
                // Shown later than the probe's own pause showed (twice that, as a run allows a lag seen, and at least
                // --settle): the recorder's own reading of 'pause', later still, or someone else's hold put on while the probe
                // waited (an agent's, every few seconds on a busy call). A put-back would end such a hold, and no value may be
                // taken from it (the lag it suggests, the reading): the probe sends the couple nothing more.
                ownPause = false;
                var why = string.Create(CultureInfo.InvariantCulture, $"couple {couple} showed paused {shownAfter.TotalSeconds:0.#} s after 'pause=true' was answered {typo.Status}, later than --settle ({Settle.TotalSeconds:0.###} s){(ownShown is { } own ? $" and than twice the {own.TotalSeconds:0.#} s the probe's own pause took to show" : string.Empty)}: the recorder's own reading of 'pause' as 'paused' shown late, or someone else's hold (an agent's?); the probe cannot tell, so it left the couple as it is and sent it nothing more: if no one holds it now, resume it by hand; probe again while no one else uses the couple, or with a larger --settle");
                ByHand(why);
                throw new HeldMeanwhileException(why);
            }

            if (aliased && target.Control is null)
            {
                lag = TimeSpan.FromTicks(Math.Max(lag?.Ticks ?? 0, shownAfter.Ticks)); // the misspelt pause, shown
            }
            if (target.Control is not null && before is "true" or "false" && typo.Status is >= 200 and < 300)
            {
                await RealWorld.PutBackAsync(wire, 0, couple, before == "true", Settle, cancellationToken);
            }
            else if (aliased)
            {
                // A real recorder's couple: only a pause shown is put back (a refusal or a resume of a recording couple
                // changed nothing, and a put-back sent anyway would end a hold an agent put on meanwhile).
                await PutBackOwnPauseAsync(wire, couple, cancellationToken);
            }

            ownPause = false;

            if (aliased)
            {
                Kept(ProfileSettings.PausedParameter, $"'pause=true' is answered {typo.Status} and paused the couple: the recorder reads 'pause' as 'paused', which neither reading describes (PSE-2)");
                await ProbePausedLocationAsync(wire, couple, strict: true, cancellationToken);
                return;
            }

            // A refusal that can only be of a request that changes nothing (a 409, say: unchangedPauseStatus) is the Java
            // reading too: 'pause=true' read as paused=false, a resume of the recording couple.
            var reading = typo.Status == 400 ? "strict" : typo.Status is >= 200 and < 300 || MayRefuseNoChange(typo.Status) ? "jaxrs-lenient" : null;
            if (typo.Status == 400)
            {
                Observe(ProfileSettings.ErrorBody, typo.Body.Trim().Length > 0 ? "message" : typo.Body.Length == 0 ? "empty" : null, $"'pause=true' is refused {WithBody(typo)}");
            }
            else
            {
                Kept(ProfileSettings.ErrorBody, $"'pause=true' is answered {typo.Status}, not refused: a refused paused value, whose body this is about, is not met");
            }

            if (reading == "jaxrs-lenient")
            {
                noChangeAnswers.Add(typo.Status);
            }

            Observe(ProfileSettings.PausedParameter, reading, $"'pause=true' is answered {typo.Status}"
                + (MayRefuseNoChange(typo.Status) ? " and the couple still records: read as paused=false, a resume that changes nothing, refused as such" : string.Empty));
            if (reading is null)
            {
                KeptWhereAndWhich("how paused is read could not be told");
                return;
            }

            await ProbePausedLocationAsync(wire, couple, reading == "strict", cancellationToken);
        }
        catch (HeldMeanwhileException held)
        {
            // Someone else (an agent's hold) paused the couple while the probe worked: the hold is theirs to end.
            var why = held.Why ?? $"couple {couple} no longer showed recording before the probe's next request (the probe had left it recording): it has ended, or someone else paused it (an agent's hold?), which was left alone; probe again while a couple records";
            foreach (var setting in PausingSettings)
            {
                if (observations[setting] is null)
                {
                    Kept(setting, why);
                }
            }
        }
        catch (OwnPauseStuckException stuck)
        {
            ownPause &= stuck.EndedStatus is null;
            var said = stuck.EndedStatus is { } ended
                ? $"couple {couple} ended while the probe had it paused (its details are answered {ended}): the probe stopped there, with no couple to put back; if its call goes on as another couple (a transfer, say), check that the call records; probe again with a --couple that records for longer"
                : $"couple {couple} was paused by the probe and its put-back did not take: it may not be recording: check it and resume it by hand";
            if (stuck.EndedStatus is null)
            {
                ByHand(said);
            }
            else
            {
                summary.Add(said);
            }

            foreach (var setting in PausingSettings)
            {
                if (observations[setting] is null)
                {
                    Kept(setting, $"the probe's pause of couple {couple} could not be put back, so the probe stopped");
                }
            }
        }
        finally
        {
            // Whatever ended the probe (a fault that persisted, an interruption), the couple goes back as it was found. On a
            // real recorder every step leaves it recording, so a put-back is sent only while one of the probe's own
            // pauses may be in effect: one sent otherwise would end a hold an agent put on meanwhile.
            if (before is "true" or "false" && (target.Control is not null || ownPause))
            {
                try
                {
                    await RealWorld.PutBackAsync(wire, 0, couple, before == "true", Settle, CancellationToken.None);
                }
                catch (Exception e) when (e is Wire.StepFaultException or HttpRequestException or TaskCanceledException)
                {
                    ByHand($"couple {couple} could not be put back {(before == "true" ? "paused" : "recording")} ({e.Message}): check it");
                }
            }
        }
    }

    /// <summary>
    /// On a real recorder, how long the details took to show the probe's own pause of the couple (paused=true wherever a
    /// recorder may read it), put back as soon as shown; null where it did not show (nothing is put back unless the pause
    /// was answered as taken) or on the simulator. The misspelt pause that follows, shown within twice that, is taken for
    /// the probe's own (PSE-1 does not say how soon details show a pause; a recorder whose details lag past --settle would
    /// otherwise leave the probe unable to tell its own pause from someone else's hold).
    /// </summary>
    private async Task<TimeSpan?> OwnPauseLagAsync(Wire.Wire wire, long couple, CancellationToken cancellationToken)
    {
        if (target.Control is not null)
        {
            return null;
        }

        ownPause = true;
        var path = $"callrec/restful/couples.xml/{couple}/pausedState";
        var answer = await Wire.PausedEverywhere.SendAsync(path, true, (pathAndQuery, form) => wire.SendAsync(0, HttpMethod.Post, pathAndQuery, form, cancellationToken: cancellationToken));
        // Counted from the answer to the first read that shows it, as the misspelt pause's is (not the answers' own time).
        var shown = answer.Status is >= 200 and < 300 && await ShownAsync(wire, couple, "true", cancellationToken) == true ? ShownAfter : null;
        if (answer.Status is >= 200 and < 300)
        {
            await PutBackOwnPauseAsync(wire, couple, cancellationToken);
        }

        ownPause = false;
        return shown;
    }

    /// <summary>How soon the misspelt pause must show to be taken for the probe's own: --settle, or twice the probe's own pause's lag, and half a second.</summary>
    private TimeSpan OwnPauseShowsWithin(TimeSpan? ownShown) =>
        TimeSpan.FromTicks(Math.Max(Settle.Ticks, (ownShown ?? TimeSpan.Zero).Ticks * 2)) + TimeSpan.FromMilliseconds(500);

    // The answers to the probe's requests that change nothing, resumes of the recording couple (PSE-3): a resume answered
    // otherwise may have changed it, ending a hold put on too recently for the details to show.
    private readonly List<int> noChangeAnswers = [];

    /// <summary>The settings only the probe's own pauses measure, kept at their defaults when those pauses stop early.</summary>
    private static readonly string[] PausingSettings =
        [ProfileSettings.PausedParameter, ProfileSettings.PausedLocation, ProfileSettings.RepeatedPaused, ProfileSettings.UnchangedPauseStatus, ProfileSettings.PauseStatus];
}
