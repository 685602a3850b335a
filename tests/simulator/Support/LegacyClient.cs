namespace PauseResume.Simulator.Tests.Support;

/// <summary>
/// A bare client of the legacy API for tests: it keeps the JSESSIONID it was given and, unless told otherwise,
/// sends a dummy cookie with it, as the documented procedure does (SES-2). Nothing else is done for the caller.
/// </summary>
internal sealed class LegacyClient(HttpClient http)
{
    public const string CouplesPath = "/callrec/restful/couples.xml";

    public string? SessionId { get; set; }

    public bool SendDummyCookie { get; set; } = true;

    public static async Task<LegacyClient> LoggedInAsync(HttpClient http, string login, string? password = null)
    {
        var client = new LegacyClient(http);
        await client.LoginAsync(login, password ?? login);
        return client;
    }

    public async Task<HttpResponseMessage> LoginAsync(string? login, string? password)
    {
        var fields = new List<KeyValuePair<string, string>>();
        if (login is not null)
        {
            fields.Add(new("login", login));
        }

        if (password is not null)
        {
            fields.Add(new("password", password));
        }

        return await SendAsync(HttpMethod.Post, "/callrec/loginAction.do", new FormUrlEncodedContent(fields));
    }

    public Task<HttpResponseMessage> LogoutAsync() => SendAsync(HttpMethod.Post, "/callrec/logoutAction.do");

    public Task<HttpResponseMessage> ListAsync(string query = "") =>
        SendAsync(HttpMethod.Get, CouplesPath + (query.Length > 0 ? "?" + query : string.Empty));

    public Task<HttpResponseMessage> DetailsAsync(long coupleId) => SendAsync(HttpMethod.Get, $"{CouplesPath}/{coupleId}");

    public Task<HttpResponseMessage> SetPausedAsync(long coupleId, string body, HttpMethod? method = null, string query = "") =>
        SendAsync(
            method ?? HttpMethod.Post,
            $"{CouplesPath}/{coupleId}/pausedState" + (query.Length > 0 ? "?" + query : string.Empty),
            new StringContent(body, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));

    public Task<HttpResponseMessage> PauseAsync(long coupleId) => SetPausedAsync(coupleId, "paused=true");

    public Task<HttpResponseMessage> ResumeAsync(long coupleId) => SetPausedAsync(coupleId, "paused=false", HttpMethod.Put);

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string pathOrUri, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, pathOrUri) { Content = content };
        var cookies = new List<string>();
        if (SendDummyCookie)
        {
            cookies.Add("dummy=1");
        }

        if (SessionId is not null)
        {
            cookies.Add($"JSESSIONID={SessionId}");
        }

        if (cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", cookies));
        }

        var response = await http.SendAsync(request, TestContext.Current.CancellationToken); // bounded by the test's own cancellation
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var setCookie in setCookies.Where(c => c.StartsWith("JSESSIONID=", StringComparison.Ordinal)))
            {
                SessionId = setCookie["JSESSIONID=".Length..].Split(';')[0];
            }
        }

        return response;
    }
}
