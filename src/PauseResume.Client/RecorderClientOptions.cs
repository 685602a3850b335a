namespace PauseResume.Client;

/// <summary>How the client behaves where the caller has a choice.</summary>
public sealed record RecorderClientOptions
{
    /// <summary>
    /// Log in again, once, when a request finds the session gone (expired after 30 idle minutes, SES-6, or ended by
    /// the server), then repeat that request. On by default.
    /// </summary>
    public bool ReestablishExpiredSession { get; init; } = true;

    /// <summary>The cookie sent with every request so that logins count (SES-2: any cookie is enough).</summary>
    public string DummyCookie { get; init; } = "PauseResume=1";
}
