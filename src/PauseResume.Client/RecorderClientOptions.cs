namespace PauseResume.Client;

/// <summary>
/// How the client behaves where the caller has a choice. Settable so that <c>AddRecorderClient</c> can bind it from
/// configuration; validated when the host starts.
/// </summary>
public sealed record RecorderClientOptions
{
    /// <summary>
    /// The recorder's root, for example <c>http://recorder:8080/</c>: an absolute http or https address. Used by
    /// <c>AddRecorderClient</c>; a client built on a caller's own <see cref="HttpClient"/> uses that client's
    /// <see cref="HttpClient.BaseAddress"/> instead.
    /// </summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>How long one request may take before the recorder counts as unreachable (30 seconds by default).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long <see cref="RecorderClient.DisposeAsync"/> waits for its logout (SES-5) before it gives up, logs it and
    /// lets the session expire on the server (SES-6). 5 seconds by default.
    /// </summary>
    public TimeSpan LogoutOnDisposeTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Log in again, once, when a request finds the session gone (expired after 30 idle minutes, SES-6, or ended by
    /// the server), then repeat that request. On by default.
    /// </summary>
    public bool ReestablishExpiredSession { get; set; } = true;

    /// <summary>
    /// Where pauses and resumes carry <c>paused</c> (PSE-3). By default in the form body and the query string alike, which
    /// every recorder reads as meant but one that joins the two values into one ("true,true", which a Java server reads
    /// as false, so a pause would resume): for such a recorder (the kit's probe reports it as
    /// <c>repeatedPaused=joined</c>) choose the one place it reads (<c>pausedLocation</c>).
    /// </summary>
    public PausedPlacement PausedPlacement { get; set; } = PausedPlacement.BodyAndQuery;

    /// <summary>
    /// The status a recorder answers a pause of a paused couple, or a resume of a recording one, with where it refuses
    /// such a request instead of taking it (PSE-3 says it succeeds; the kit's probe reports a recorder's answer as
    /// <c>unchangedPauseStatus</c>, a 409 say): the client then takes that answer as done, since the couple is already in
    /// the state asked for. A 400, which is also the refusal of a bad value (PSE-2), is taken as done only where the
    /// couple's details, read next, show that state. Null (the default): only a 2xx is done. A 4xx other than 401, 403,
    /// 404, 405, 407, 408, 410, 426 and 429.
    /// </summary>
    public System.Net.HttpStatusCode? UnchangedPauseStatus { get; set; }

    /// <summary>The cookie sent with every request so that logins count (SES-2: any cookie is enough).</summary>
    public string DummyCookie { get; set; } = "PauseResume=1";
}
