using System.Net;

namespace PauseResume.Simulator.Testing;

/// <summary>
/// Keeps cookies between requests as a browser would, for an in-process handler (TestHost's keeps none): sends what
/// the container holds for the request's address beside any cookie the caller set itself, and stores every
/// <c>Set-Cookie</c> of the answer (SES-4: Path=/callrec).
/// </summary>
public sealed class CookieKeepingHandler(CookieContainer cookies) : DelegatingHandler
{
    public CookieContainer Cookies { get; } = cookies ?? throw new ArgumentNullException(nameof(cookies));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var address = request.RequestUri ?? throw new InvalidOperationException("the request has no address");
        var header = Cookies.GetCookieHeader(address);
        if (header.Length > 0)
        {
            request.Headers.TryAddWithoutValidation("Cookie", header);
        }

        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var setCookie in setCookies)
            {
                Cookies.SetCookies(address, setCookie);
            }
        }

        return response;
    }
}
