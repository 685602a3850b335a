using System.Xml.Linq;

namespace PauseResume.Conformance.Tests.Support;

/// <summary>
/// What the default world's admin sees of a couple, asked over the legacy API as a careful client would (a cookie on
/// the login, SES-2): how tests check a recorder from outside the kit, as an integrator would.
/// </summary>
internal static class AdminView
{
    /// <summary>The couple's <c>paused</c> element, as its details show it to admin.</summary>
    public static Task<string?> PausedAsync(Uri recorder, long coupleId) => WithClient(recorder, http => PausedAsync(http, coupleId));

    public static async Task<string?> PausedAsync(HttpClient http, long coupleId)
    {
        using var details = new HttpRequestMessage(HttpMethod.Get, $"/callrec/restful/couples.xml/{coupleId}");
        details.Headers.Add("Cookie", await SessionAsync(http));
        using var response = await http.SendAsync(details, TestContext.Current.CancellationToken);
        return XDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Root!.Element("paused")?.Value;
    }

    /// <summary>Pauses or resumes the couple as admin (PSE-1).</summary>
    public static Task SetPausedAsync(Uri recorder, long coupleId, bool paused) => WithClient(recorder, async http =>
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/callrec/restful/couples.xml/{coupleId}/pausedState") { Content = new FormUrlEncodedContent([new("paused", paused ? "true" : "false")]) };
        request.Headers.Add("Cookie", await SessionAsync(http));
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return true;
    });

    private static async Task<string> SessionAsync(HttpClient http)
    {
        using var login = new HttpRequestMessage(HttpMethod.Post, "/callrec/loginAction.do") { Content = new FormUrlEncodedContent([new("login", "admin"), new("password", "admin")]) };
        login.Headers.Add("Cookie", "x=1"); // SES-2: a login without a cookie does nothing
        using var answer = await http.SendAsync(login, TestContext.Current.CancellationToken);
        return answer.Headers.GetValues("Set-Cookie").First().Split(';')[0];
    }

    private static async Task<T> WithClient<T>(Uri recorder, Func<HttpClient, Task<T>> ask)
    {
        using var http = new HttpClient { BaseAddress = recorder };
        return await ask(http);
    }
}
