using PauseResume.Conformance.Profiles;

namespace PauseResume.Conformance.Probe;

internal sealed partial class Prober
{
    /// <summary>
    /// SES-4, SES-5 (inferred): what a logout does to the session it names (logoutSession) and whether its answer sets a
    /// session cookie (logoutSessionId). A logout that invalidates the session answers with a new id if its page makes a
    /// session, with none if not; one that ends the login only keeps the id, and its page's session is that one: no cookie.
    /// So a new id from the logout of a logged-in session says ended and fresh; no cookie leaves three cases, told apart by
    /// a logout that names no session (a cookie there: the id was kept, as ended would have set one both times) and by a
    /// request naming the logged-out id that gets a new one only if the id is gone: a failed login where a failed login
    /// keeps the session it names (loginSessionId=kept or on-success), the list that followed the logout where a refusal
    /// opens a session (anonymousSession=any-request).
    /// </summary>
    private async Task ProbeLogoutSessionAsync(Wire.Wire wire, LogoutSeen seen, CancellationToken cancellationToken)
    {
        if (!seen.IsLogout)
        {
            var why = $"the logout ended no session (answered {seen.Logout.Status}): no logout at that path, so its answer tells nothing of a logout's";
            Kept(ProfileSettings.LogoutSessionId, why);
            Kept(ProfileSettings.LogoutSession, why);
            return;
        }

        var setId = Wire.Wire.SetCookieSession(seen.Logout);
        if (Wire.Wire.SessionCookieLine(seen.Logout) is not null && setId != seen.Named)
        {
            Observe(ProfileSettings.LogoutSession, "ended", "a logout of a logged-in session sets a new session id: the session it named is gone");
            Observe(ProfileSettings.LogoutSessionId, "fresh", "a logout answer sets a new session id");
            return;
        }

        var sessionless = await wire.SendAsync(2, HttpMethod.Post, "callrec/logoutAction.do", string.Empty, withSession: false, cancellationToken: cancellationToken);
        var sessionlessSets = Wire.Wire.SessionCookieLine(sessionless) is not null;
        Observe(ProfileSettings.LogoutSessionId, sessionlessSets ? "fresh" : "none",
            $"a logout of a logged-in session sets no new session id; one naming no session is answered {sessionless.Status} and sets {(sessionlessSets ? "a new session id" : "no session cookie")}");
        if (sessionlessSets)
        {
            Observe(ProfileSettings.LogoutSession, "logged-out", "a logout naming no session sets a new session id where one naming a logged-in session sets none: that session's id was kept");
            return;
        }

        string? gone;
        string how;
        if (ObservedValue(ProfileSettings.LoginSessionId) is "kept" or "on-success")
        {
            // A failed login keeps a session it names; one naming an id the recorder no longer knows gets a new one.
            wire.UseSession(2, seen.Named);
            var failed = await wire.SendAsync(2, HttpMethod.Post, "callrec/loginAction.do", "login=probe-nobody&password=probe-wrong", cancellationToken: cancellationToken);
            wire.UseSession(2, seen.After);
            var renewed = Wire.Wire.SetCookieSession(failed) is { } renewedId && renewedId != seen.Named;
            gone = renewed ? "ended" : "logged-out";
            how = $"a failed login naming the logged-out id {(renewed ? "gets a new id: the recorder no longer knew it" : "keeps it: the recorder still knows it")}";
        }
        else if (ObservedValue(ProfileSettings.AnonymousSession) == "any-request" && seen.NamedAfterwards.Status >= 400)
        {
            var opened = Wire.Wire.SessionCookieLine(seen.NamedAfterwards) is not null;
            gone = opened ? "ended" : "logged-out";
            how = $"the refusal of a list naming the logged-out id {(opened ? "opens a new session: the recorder no longer knew it" : "opens none: the recorder still knows it")}";
        }
        else
        {
            Kept(ProfileSettings.LogoutSession, "whether the logged-out id is still known shows only where a request naming it gets a new id if not (loginSessionId=kept or on-success, anonymousSession=any-request)");
            return;
        }

        Observe(ProfileSettings.LogoutSession, gone, how);
    }

    /// <summary>What the probe saw of a logout of a logged-in session: its answer, the id it named, the slot's id after it, and a list naming that id.</summary>
    private sealed record LogoutSeen(Wire.Exchange Logout, string? Named, string? After, Wire.Exchange NamedAfterwards, bool IsLogout);
}
