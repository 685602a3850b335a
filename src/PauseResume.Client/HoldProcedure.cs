namespace PauseResume.Client;

/// <summary>
/// Hold and unhold: find the couples of a call by phone number or IP (LST-3), and under <see cref="HoldReach.WholeCall"/>
/// the other couples of their calls in the unfiltered list (LST-1), check that every one may be paused (LST-5, DET-2)
/// before touching any, then pause or resume those not yet in that state (PSE-3 makes a repeat safe). A couple that
/// ends meanwhile needs no hold: it is set aside, not an error (calls end while an agent works).
/// </summary>
internal sealed class HoldProcedure(RecorderClient client)
{
    public async Task<HoldResult> RunAsync(CoupleQuery call, bool paused, HoldReach reach, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (call.PhoneNumber is null && call.IpAddress is null)
        {
            throw new ArgumentException("name the call by a phone number or an IP address", nameof(call));
        }

        if (!Enum.IsDefined(reach))
        {
            throw new ArgumentOutOfRangeException(nameof(reach), reach, "a hold reaches the couples listed or their whole calls");
        }

        var couples = await client.ListCouplesAsync(call, cancellationToken).ConfigureAwait(false);
        if (couples.Count == 0)
        {
            // LST-7: a recorder may give a user without Call List an empty list instead of a 403 (listWithoutCallList=empty);
            // its login then works, and every list of that user is empty: the message names that cause too.
            throw new RecorderException(
                RecorderError.NoMatchingCall,
                $"no call in progress matches {Describe(call)} (or {client.User} lacks Call List on a recorder that gives such a user an empty list)",
                "LST-7");
        }

        var calls = couples.Select(c => c.CallId).Distinct().ToList();
        if (reach == HoldReach.WholeCall)
        {
            // PSE-1: a call is one or more couples, and a leg without the query's number or IP (a transfer's) is not listed
            // by it: the unfiltered list holds every couple in progress (LST-1), those of the same calls among them.
            var everyCouple = await client.ListCouplesAsync(CoupleQuery.All, cancellationToken).ConfigureAwait(false);
            couples = [.. couples, .. everyCouple.Where(c => calls.Contains(c.CallId) && couples.All(listed => listed.Id != c.Id))];
        }

        var details = new List<CoupleDetails>();
        var ended = new List<long>();
        foreach (var couple in couples)
        {
            var leg = reach == HoldReach.WholeCall ? $"couple {couple.Id} of call {couple.CallId}, which {Describe(call)} is in," : $"couple {couple.Id} of {Describe(call)}";
            if (couple.DetailsLink is null)
            {
                throw new RecorderException(RecorderError.NoPermission, $"{leg} is listed without a details link: this user may not see it, nor pause it; nothing was changed", "LST-5");
            }

            try
            {
                var found = await client.GetDetailsAsync(couple, cancellationToken).ConfigureAwait(false);
                details.Add(found.MayPause ? found : throw new RecorderException(
                    RecorderError.NoPermission, $"{leg} may not be paused by this user; nothing was changed", "DET-2"));
            }
            catch (RecorderException e) when (e.Error is RecorderError.CoupleNotFound or RecorderError.NoPermission)
            {
                if (!await EndedAsync(couple.Id, call, reach, cancellationToken).ConfigureAwait(false))
                {
                    throw;
                }

                ended.Add(couple.Id); // a couple that ended needs no hold
            }
        }

        var changed = new List<long>();
        var already = new List<long>();
        var callsChanged = new HashSet<long>();
        foreach (var listed in details)
        {
            try
            {
                // PSE-1: a recorder may pause the whole call (pauseScope=call): once a leg of this call changed, the others
                // may have changed with it, and a pause that changes nothing may be refused (unchangedPauseStatus), so they
                // are read again first.
                var couple = callsChanged.Contains(listed.CallId) ? await client.GetDetailsAsync(listed, cancellationToken).ConfigureAwait(false) : listed;
                if (couple.Paused == paused)
                {
                    already.Add(couple.Id);
                    continue;
                }

                await client.SetPausedAsync(couple, paused, cancellationToken).ConfigureAwait(false);
                changed.Add(couple.Id);
                callsChanged.Add(couple.CallId);
            }
            catch (RecorderException e) when (e.Error is RecorderError.CoupleNotFound or RecorderError.NoPermission)
            {
                if (!await EndedAsync(listed.Id, call, reach, cancellationToken).ConfigureAwait(false))
                {
                    throw;
                }

                ended.Add(listed.Id); // a couple that ended needs no hold
            }
        }

        return new HoldResult(changed, already) { Calls = calls, Ended = ended };
    }

    /// <summary>
    /// Whether a couple refused as unknown (404, or 410) or as out of reach (403: a recorder that checks the phone masks
    /// before the lookup refuses an ended couple so) has ended: the list that found it no longer holds it (LST-1). A
    /// refusal of a couple still listed is the recorder's answer to give (a link a proxy rewrote wrongly, a missing right).
    /// </summary>
    private async Task<bool> EndedAsync(long coupleId, CoupleQuery call, HoldReach reach, CancellationToken cancellationToken)
    {
        var ended = (await client.ListCouplesAsync(reach == HoldReach.WholeCall ? CoupleQuery.All : call, cancellationToken).ConfigureAwait(false)).All(c => c.Id != coupleId);
        if (ended)
        {
            ClientLog.CoupleEndedMeanwhile(client.Logger, coupleId);
        }

        return ended;
    }

    private static string Describe(CoupleQuery call) =>
        string.Join(" and ", new[] { call.PhoneNumber is null ? null : $"phone {call.PhoneNumber}", call.IpAddress is null ? null : $"IP {call.IpAddress}" }.OfType<string>());
}
