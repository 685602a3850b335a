using PauseResume.Conformance.Model;
using PauseResume.Conformance.Profiles;

namespace PauseResume.Conformance.Probe;

internal sealed partial class Prober
{
    /// <summary>
    /// SES-4, SES-5 (inferred): what a logout does to the session it names (logoutSession) and what its answer sets
    /// (logoutSessionId), from a logout of a session proven logged in (slot 0, which the caller logs in again after).
    /// A logout that invalidates the session answers with a new id where its page makes a session, with none where not;
    /// one that ends the login only keeps the id, and its page's session is that one: no cookie, unless it answers with a
    /// new session beside it (logged-out-new-id). So a new id says fresh, and a request naming the old id that gets a new
    /// one only if the recorder forgot it tells ended from logged-out-new-id (below). Without one, a logout naming no session tells logoutSessionId, unless the id it sets is a dead one (a
    /// servlet that makes a session for the request, then invalidates it): a logout naming that id tells, as a known id
    /// gets no new one. Where no logout sets an id, a request naming the logged-out id that gets a new one only if the
    /// recorder forgot it tells logoutSession: a failed login where failed logins keep the session they name and one naming
    /// no session got an id (loginSessionId=kept or on-success), a refused list under anonymousSession=any-request.
    /// </summary>
    /// <param name="loginForPage">A login's answer, where the logout of the second login's session told nothing of logoutPage
    /// (that login did not take, sessionsPerUser=first-wins): this logout tells it then.</param>
    private async Task ProbeLogoutSessionAsync(Wire.Wire wire, ModelUser full, bool failedLoginSetsId, Wire.Exchange? loginForPage, CancellationToken cancellationToken)
    {
        // Slot 0 may hold the user's logged-in session still (failedLoginSession=unchanged): a login elsewhere would not take
        // under sessionsPerUser=first-wins, so a session that lists is the one logged out.
        var listed = await wire.SendAsync(0, HttpMethod.Get, "callrec/restful/couples.xml", cancellationToken: cancellationToken);
        if (listed.Status != 200)
        {
            await wire.LoginAsync(0, full, cancellationToken);
            listed = await wire.SendAsync(0, HttpMethod.Get, "callrec/restful/couples.xml", cancellationToken: cancellationToken);
        }

        if (listed.Status != 200)
        {
            var why = $"the main account's login did not take (its list was answered {listed.Status}), so no logout of a logged-in session was seen";
            KeptLogoutSettings(why);
            if (loginForPage is not null)
            {
                Kept(ProfileSettings.LogoutPage, why);
            }

            return;
        }

        var named = wire.SessionOf(0);
        var logout = await wire.LogoutAsync(0, cancellationToken);
        var after = wire.SessionOf(0);
        wire.UseSession(0, named);
        var namedAfterwards = await wire.SendAsync(0, HttpMethod.Get, "callrec/restful/couples.xml", cancellationToken: cancellationToken);
        wire.UseSession(0, after);
        if (loginForPage is not null)
        {
            var asLogin = Wire.Exchange.GistsAgree(logout.Gist, loginForPage.Gist);
            Observe(ProfileSettings.LogoutPage, asLogin ? "login" : logout.Status is >= 200 and < 400 && namedAfterwards.Status != 200 ? "own" : null,
                $"a logout of a session proven logged in is answered {logout.Status}{(logout.ContentType is { } type ? " as " + type : string.Empty)}, "
                + (asLogin ? "as a login is" : namedAfterwards.Status != 200 ? "with another page than a login's, and the session it named no longer lists" : "and the session it named still lists: no logout at that path"));
        }

        if (namedAfterwards.Status == 200)
        {
            KeptLogoutSettings($"the logout (answered {logout.Status}) left the session it named logged in: no logout at that path, so its answer tells nothing of a logout's");
            return;
        }

        if (Wire.Wire.SetCookieSession(logout) is { } renewed && renewed != named)
        {
            // A servlet that invalidates the session and answers with a page that makes one (ended), or a logout that clears
            // the user, keeps the id and answers as a login does, with a new session beside it (logged-out-new-id).
            Observe(ProfileSettings.LogoutSessionId, "fresh", "a logout of a logged-in session sets a new session id");
            if (await StillKnownAsync(wire, named, after, namedAfterwards, failedLoginSetsId, cancellationToken) is var (kept, how))
            {
                Observe(ProfileSettings.LogoutSession, kept ? "logged-out-new-id" : "ended", $"a logout of a logged-in session sets a new session id, and {how}");
            }
            else
            {
                // Not logged-out, whose logout sets none: ended or logged-out-new-id, which differ only where a request naming
                // the old id gets a new one if the recorder forgot it. None does here, so no client sees a difference, and
                // the value stays measured (a diagnosis must not offer logged-out, which this logout rules out).
                Observe(ProfileSettings.LogoutSession, "ended", $"a logout of a logged-in session sets a new session id: not logged-out; ended or logged-out-new-id, which no client here tells apart ({NoRequestTells})");
            }

            return;
        }

        // With the balancer's cookies a client keeps (a node that makes a session must be the one the next request reaches).
        var held = wire.SessionOf(1);
        wire.UseSession(1, null);
        var sessionless = await wire.SendAsync(1, HttpMethod.Post, "callrec/logoutAction.do", string.Empty, cancellationToken: cancellationToken);
        Wire.Exchange? again = null;
        var handedOut = Wire.Wire.SetCookieSession(sessionless);
        if (handedOut is not null)
        {
            // The id a logout naming no session set: kept (a logout of a known session sets none), or one the servlet made
            // for the request and then invalidated, which a logout naming it gets again (a new one).
            wire.UseSession(1, handedOut);
            again = await wire.SendAsync(1, HttpMethod.Post, "callrec/logoutAction.do", string.Empty, cancellationToken: cancellationToken);
        }

        wire.UseSession(1, held);
        if (again is not null && (Wire.Wire.SetCookieSession(again) ?? handedOut) == handedOut)
        {
            Observe(ProfileSettings.LogoutSessionId, "fresh", "a logout naming no session sets a new session id, which a logout naming it keeps");
            Observe(ProfileSettings.LogoutSession, "logged-out", "a logout naming no session sets a new session id where one naming a logged-in session sets none: that session's id was kept");
            return;
        }

        Observe(ProfileSettings.LogoutSessionId, "none", again is null
            ? $"no logout sets a session id: of a logged-in session, nor one naming no session (answered {sessionless.Status})"
            : "a logout of a logged-in session sets no new session id; one naming no session sets an id that a logout naming it does not keep (a session made for the request and invalidated)");

        if (await StillKnownAsync(wire, named, after, namedAfterwards, failedLoginSetsId, cancellationToken) is var (known, told))
        {
            Observe(ProfileSettings.LogoutSession, known ? "logged-out" : "ended", told);
        }
        else
        {
            Kept(ProfileSettings.LogoutSession, $"no logout sets a session id; {NoRequestTells}");
        }
    }

    private const string NoRequestTells = "whether a logged-out id is still known shows only where a request naming it gets a new id if not (a failed login under loginSessionId=kept or on-success, any refusal under anonymousSession=any-request, as the probe records a refusal that opens a session until later requests tell refusals from it)";

    /// <summary>
    /// Whether the recorder still knows the id a logout named, where a request naming an id it does not know gets a new
    /// one: a failed login, which keeps a session it names (loginSessionId=kept or on-success) and gets an id where it
    /// names none; a refused list under anonymousSession=any-request (the one sent right after the logout). Null where no
    /// request tells.
    /// </summary>
    private async Task<(bool Known, string How)?> StillKnownAsync(Wire.Wire wire, string? named, string? after, Wire.Exchange namedAfterwards, bool failedLoginSetsId, CancellationToken cancellationToken)
    {
        if (ObservedValue(ProfileSettings.LoginSessionId) is "kept" or "on-success" && failedLoginSetsId)
        {
            wire.UseSession(0, named);
            var failed = await wire.SendAsync(0, HttpMethod.Post, "callrec/loginAction.do", "login=probe-nobody&password=probe-wrong", cancellationToken: cancellationToken);
            wire.UseSession(0, after);
            var gone = Wire.Wire.SetCookieSession(failed) is { } newId && newId != named;
            return (!gone, $"a failed login naming the logged-out id {(gone ? "gets a new id: the recorder no longer knew it" : "keeps it: the recorder still knows it")}");
        }

        if (ObservedValue(ProfileSettings.AnonymousSession) == "any-request")
        {
            var opened = Wire.Wire.SessionCookieLine(namedAfterwards) is not null;
            return (!opened, $"the refusal of a list naming the logged-out id {(opened ? "opens a new session: the recorder no longer knew it" : "opens none: the recorder still knows it")}");
        }

        return null;
    }

    private void KeptLogoutSettings(string why)
    {
        Kept(ProfileSettings.LogoutSessionId, why);
        Kept(ProfileSettings.LogoutSession, why);
    }
}
