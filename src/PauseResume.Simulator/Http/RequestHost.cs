namespace PauseResume.Simulator.Http;

/// <summary>
/// The Host a request names, as it was sent. <c>HttpRequest.Host</c> decodes a punycode label (<c>xn--…</c>) and throws
/// on one that is not valid (<c>xn--a</c>), which would make any request answer 500 (GEN-3); a servlet container takes
/// the name as written, and so does the simulator: in its links (LST-5) and in what it compares with an Origin.
/// </summary>
internal static class RequestHost
{
    /// <summary>The Host header as sent (the <c>:authority</c> of HTTP/2), empty when there is none.</summary>
    public static HostString Of(HttpRequest request) => new(request.Headers.Host.ToString());
}
