namespace PauseResume.Client;

/// <summary>
/// The operations of the recorder's Pause/Resume API, as <see cref="RecorderClient"/> performs them. Depend on this
/// interface to substitute the client in your own tests. Its lifetime belongs to whoever created it (the container,
/// when registered with <c>AddRecorderClient</c>), so it is not disposable itself.
/// </summary>
public interface IRecorderClient
{
    /// <summary>The user this client is logged in as, or null.</summary>
    string? User { get; }

    /// <summary>
    /// Logs in and checks that it worked, since the login answer never says (SES-3). Throws a
    /// <see cref="RecorderException"/> with <see cref="RecorderError.LoginRejected"/> when it did not: a wrong login or
    /// password and a user without Call List look the same to a client (SES-3, LST-2, LST-7), so the session such a login
    /// may have opened is logged out before the exception is thrown (SES-5). A recorder that gives a user without Call List
    /// an empty list (listWithoutCallList=empty) lets that login pass; every list of the user is then empty.
    /// </summary>
    Task LoginAsync(string login, string password, CancellationToken cancellationToken = default);

    /// <summary>Logs out (SES-5). Afterwards the client is not logged in and will not log in again by itself.</summary>
    Task LogoutAsync(CancellationToken cancellationToken = default);

    /// <summary>The couples in progress that match <paramref name="query"/> (LST-1, LST-3, LST-4); all of them when null.</summary>
    Task<IReadOnlyList<CoupleSummary>> ListCouplesAsync(CoupleQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>The details of a listed couple, through its self link (LST-5); without the link the user may not see them.</summary>
    Task<CoupleDetails> GetDetailsAsync(CoupleSummary couple, CancellationToken cancellationToken = default);

    /// <summary>The details of a couple by id, at the path the recorder uses (DET-3), for when no list is at hand.</summary>
    Task<CoupleDetails> GetDetailsAsync(long coupleId, CancellationToken cancellationToken = default);

    /// <summary>Pauses the call and screen recording of a couple through its pausedState link (DET-2, PSE-1).</summary>
    Task PauseAsync(CoupleDetails couple, CancellationToken cancellationToken = default);

    /// <summary>Resumes the call and screen recording of a couple through its pausedState link (DET-2, PSE-1).</summary>
    Task ResumeAsync(CoupleDetails couple, CancellationToken cancellationToken = default);

    /// <summary>Pauses a couple by id, at the pausedState path the vendor documents (DET-2).</summary>
    Task PauseAsync(long coupleId, CancellationToken cancellationToken = default);

    /// <summary>Resumes a couple by id, at the pausedState path the vendor documents (DET-2).</summary>
    Task ResumeAsync(long coupleId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The hold button: pauses every couple that <paramref name="call"/> lists (an agent's own phone number or desk IP
    /// lists every leg the agent is on; a number or IP in several calls at once lists, and pauses, them all). Idempotent: couples already paused are left alone. Nothing is changed unless every couple found may be paused.
    /// </summary>
    Task<HoldResult> HoldAsync(CoupleQuery call, CancellationToken cancellationToken = default);

    /// <summary>
    /// The hold button, reaching as far as <paramref name="reach"/> says: <see cref="HoldReach.WholeCall"/> pauses every
    /// couple of the calls <paramref name="call"/> lists a couple of, the legs without the agent's number or IP too.
    /// </summary>
    Task<HoldResult> HoldAsync(CoupleQuery call, HoldReach reach, CancellationToken cancellationToken = default);

    /// <summary>The unhold button: resumes every couple that <paramref name="call"/> lists; idempotent.</summary>
    Task<HoldResult> UnholdAsync(CoupleQuery call, CancellationToken cancellationToken = default);

    /// <summary>The unhold button, reaching as far as <paramref name="reach"/> says (as <see cref="HoldAsync(CoupleQuery, HoldReach, CancellationToken)"/>).</summary>
    Task<HoldResult> UnholdAsync(CoupleQuery call, HoldReach reach, CancellationToken cancellationToken = default);
}
