namespace PauseResume.Client;

/// <summary>
/// Hold and unhold: find the couples of a call by phone number or IP (LST-3), check that every one may be paused
/// (LST-5, DET-2) before touching any, then pause or resume those not yet in that state (PSE-3 makes a repeat safe).
/// </summary>
internal sealed class HoldProcedure(RecorderClient client)
{
    public async Task<HoldResult> RunAsync(CoupleQuery call, bool paused, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (call.PhoneNumber is null && call.IpAddress is null)
        {
            throw new ArgumentException("name the call by a phone number or an IP address", nameof(call));
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

        var details = new List<CoupleDetails>();
        foreach (var couple in couples)
        {
            var found = await client.GetDetailsAsync(couple, cancellationToken).ConfigureAwait(false);
            details.Add(found.MayPause ? found : throw new RecorderException(
                RecorderError.NoPermission, $"couple {couple.Id} of {Describe(call)} may not be paused by this user; nothing was changed", "DET-2"));
        }

        var changed = new List<long>();
        var already = new List<long>();
        foreach (var couple in details)
        {
            if (couple.Paused == paused)
            {
                already.Add(couple.Id);
                continue;
            }

            try
            {
                await client.SetPausedAsync(couple, paused, cancellationToken).ConfigureAwait(false);
                changed.Add(couple.Id);
            }
            catch (RecorderException e) when (e.Error == RecorderError.CoupleNotFound)
            {
                ClientLog.CoupleEndedMeanwhile(client.Logger, couple.Id); // a couple that ended needs no hold
            }
        }

        return new HoldResult(changed, already);
    }

    private static string Describe(CoupleQuery call) =>
        string.Join(" and ", new[] { call.PhoneNumber is null ? null : $"phone {call.PhoneNumber}", call.IpAddress is null ? null : $"IP {call.IpAddress}" }.OfType<string>());
}
