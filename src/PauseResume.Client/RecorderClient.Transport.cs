using System.Net;
using Microsoft.Extensions.Logging;

namespace PauseResume.Client;

/// <summary>The sending half of the client: the cookies a request carries (SES-2, SES-4) and the once-only re-login (SES-6).</summary>
public sealed partial class RecorderClient
{
    /// <summary>Sends a request with the session cookie; on a 403 from a lost session it logs in again once, if allowed.</summary>
    internal async Task<HttpResponseMessage> SendInSessionAsync(HttpMethod method, string uri, Dictionary<string, string>? form, CancellationToken cancellationToken)
    {
        if (sessionId is null && credentials is null)
        {
            throw new RecorderException(RecorderError.NotLoggedIn, "log in first", "LST-2");
        }

        var used = sessionId;
        var response = await SendOnceAsync(method, uri, form, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Forbidden || credentials is not { } known)
        {
            return response;
        }

        // A 403 in a live session is a missing right, for the caller to explain; otherwise the session is gone. A list's
        // 403 is already the check's answer (LST-2, LST-7): asking the same question again would only repeat it.
        if (used == sessionId && !SessionCheck.IsList(method, uri) && await new SessionCheck(this).IsAliveAsync(used, cancellationToken).ConfigureAwait(false))
        {
            return response;
        }

        response.Dispose();
        if (!options.ReestablishExpiredSession)
        {
            sessionId = null;
            throw new RecorderException(RecorderError.NotLoggedIn, "the session has ended (expired after idle time, or ended by the server)", "SES-6", HttpStatusCode.Forbidden);
        }

        await loginGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (sessionId == used) // else another request has logged in again meanwhile
            {
                ClientLog.ReestablishingSession(logger, known.Login);
                await new LoginProcedure(this).RunAsync(known.Login, known.Password, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            loginGate.Release();
        }

        return await SendOnceAsync(method, uri, form, cancellationToken).ConfigureAwait(false);
    }

    internal HttpRequestMessage Request(HttpMethod method, string uri, Dictionary<string, string>? form = null) => Request(method, uri, form, sessionId);

    internal HttpRequestMessage Request(HttpMethod method, string uri, Dictionary<string, string>? form, string? session)
    {
        var request = new HttpRequestMessage(method, uri) { Content = form is null ? null : new FormUrlEncodedContent(form) };

        // SES-2: a login counts only if its request carries some cookie; the dummy rides along on every request.
        // A balancer's cookie (RecorderClient.Cookies.cs) follows, so the request reaches the node that holds the session.
        request.Headers.TryAddWithoutValidation("Cookie", (session is not null ? $"{options.DummyCookie}; {Paths.SessionCookie}={session}" : options.DummyCookie) + OtherCookies);
        return request;
    }

    internal async Task<HttpResponseMessage> SendRawAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            ClientLog.Exchanged(logger, request.Method.Method, request.RequestUri!, (int)response.StatusCode);
            KeepCookies(response);
            if (response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout)
            {
                // Not the API's answer but the server's (or a gateway's) saying it cannot serve now. A 503 from the recorder itself
                // means not handled; behind a gateway's 502 or 504 the recorder may have handled it.
                using (response)
                {
                    throw new RecorderException(
                        RecorderError.Unreachable,
                        $"the recorder at {http.BaseAddress} is unavailable ({(int)response.StatusCode} {response.ReasonPhrase}): in maintenance, restarting, or not reachable from a gateway; try again later",
                        statusCode: response.StatusCode, serverMessage: await Failures.MessageAsync(response, cancellationToken).ConfigureAwait(false));
                }
            }

            return response;
        }
        catch (HttpRequestException e) when (e.HttpRequestError is HttpRequestError.ResponseEnded or HttpRequestError.InvalidResponse || e.InnerException is HttpIOException)
        {
            // The request went out and its answer was cut: like any request without an answer, it may or may not have
            // taken effect, so a pause is to be checked (the details' paused), never assumed either way.
            throw new RecorderException(
                RecorderError.Unreachable,
                $"the recorder at {http.BaseAddress} cut its answer to {request.Method} {request.RequestUri} short, so the request may have taken effect: {e.Message}",
                innerException: e);
        }
        catch (HttpRequestException e)
        {
            throw new RecorderException(RecorderError.Unreachable, $"the recorder at {http.BaseAddress} cannot be reached: {e.Message}", innerException: e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RecorderException(RecorderError.Unreachable, $"the recorder at {http.BaseAddress} did not answer in time", innerException: e);
        }
    }

    private async Task<HttpResponseMessage> SendOnceAsync(HttpMethod method, string uri, Dictionary<string, string>? form, CancellationToken cancellationToken)
    {
        using var request = Request(method, uri, form);
        return await SendRawAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
