using System.Text;
using System.Xml.Linq;

namespace PauseResume.Conformance.Tests.Support;

/// <summary>A handler that lets a deviant look at and change each exchange.</summary>
internal sealed class Rewriting(Func<HttpRequestMessage, Func<HttpRequestMessage, Task<HttpResponseMessage>>, Task<HttpResponseMessage>> exchange) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        exchange(request, r => base.SendAsync(r, cancellationToken));

    public static bool Is(HttpRequestMessage request, string method, string pathEnd) =>
        request.Method.Method == method && request.RequestUri!.AbsolutePath.EndsWith(pathEnd, StringComparison.Ordinal);

    public static bool IsList(HttpRequestMessage request) => Is(request, "GET", "/callrec/restful/couples.xml");

    public static bool IsPausedState(HttpRequestMessage request) => request.RequestUri!.AbsolutePath.EndsWith("/pausedState", StringComparison.Ordinal);

    /// <summary>The session the request names: its <c>JSESSIONID</c> cookie, wherever it stands among the cookies (SES-4).</summary>
    public static string? SessionOf(HttpRequestMessage request) =>
        request.Headers.TryGetValues("Cookie", out var cookies)
            ? cookies.SelectMany(c => c.Split(';')).Select(c => c.Trim()).FirstOrDefault(c => c.StartsWith("JSESSIONID=", StringComparison.Ordinal))?["JSESSIONID=".Length..]
            : null;

    /// <summary>
    /// Logs <paramref name="login"/> in (its password the same word) behind the kit's back, on a session of its own, and
    /// returns that session's id: another user of the recorder, as a deviant needs one.
    /// </summary>
    public static async Task<string> LogInAsync(Func<HttpRequestMessage, Task<HttpResponseMessage>> send, Uri any, string login)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(any, "/callrec/loginAction.do")) { Content = new FormUrlEncodedContent([new("login", login), new("password", login)]) };
        request.Headers.Add("Cookie", "other=1");
        using var answer = await send(request);
        return answer.Headers.GetValues("Set-Cookie").First().Split(';')[0]["JSESSIONID=".Length..];
    }

    /// <summary>The steps as the kit wrote them, then every request with its status.</summary>
    public static string Trace(Scenarios.RunOutcome outcome) =>
        string.Join("\n", outcome.Trace) + "\n" + string.Join("\n", outcome.Transcript.Select(e => $"{e.Method} {e.PathAndQuery} → {e.Status}"));

    /// <summary>A login the simulator behind the rewriting ignored: one that failed (read right after its answer).</summary>
    public static bool IsIgnoredLogin(PauseResume.Simulator.Testing.FakeRecorder recorder, HttpRequestMessage request) =>
        Is(request, "POST", "/loginAction.do") && recorder.Log.Lines[^1].Contains("ignored", StringComparison.Ordinal);

    /// <summary>
    /// A recorder whose failed login sets no new session id (with <c>failedLoginSession=unchanged</c>, the session it named
    /// stays as it was); <paramref name="also"/> may change every answer further.
    /// </summary>
    public static Rewriting FailedLoginSetsNoCookie(PauseResume.Simulator.Testing.FakeRecorder recorder, HttpMessageHandler inner, Action<HttpRequestMessage, HttpResponseMessage>? also = null) =>
        new(async (request, send) =>
        {
            var response = await send(request);
            if (IsIgnoredLogin(recorder, request))
            {
                response.Headers.Remove("Set-Cookie");
            }

            also?.Invoke(request, response);
            return response;
        }) { InnerHandler = inner };

    public static async Task<string> FormOf(HttpRequestMessage request) =>
        request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync();

    public static HttpRequestMessage WithForm(HttpRequestMessage request, string form)
    {
        request.Content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded");
        return request;
    }

    public static HttpRequestMessage WithQuery(HttpRequestMessage request, Func<string, string> change)
    {
        var builder = new UriBuilder(request.RequestUri!) { Query = change(request.RequestUri!.Query.TrimStart('?')) };
        request.RequestUri = builder.Uri;
        return request;
    }

    /// <summary>Rewrites an XML answer; the status and the other headers stay.</summary>
    public static async Task<HttpResponseMessage> WithXml(HttpResponseMessage response, Action<XElement> change)
    {
        if (response.StatusCode != System.Net.HttpStatusCode.OK)
        {
            return response;
        }

        var document = XDocument.Parse(await response.Content.ReadAsStringAsync());
        change(document.Root!);
        response.Content = new StringContent(document.Declaration + "\n" + document.Root, Encoding.UTF8, "application/xml");
        return response;
    }
}
