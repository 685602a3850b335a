using System.Globalization;
using System.Net;
using System.Text;

namespace PauseResume.Client.Tests.Support;

/// <summary>
/// Answers login and list as a real recorder does, so far as the documented API shows: a login is always
/// <c>200 text/html</c> with a fresh <c>JSESSIONID</c> (SES-3, SES-4), and a list from a session that is not logged in,
/// or whose user lacks Call List, is a plain Tomcat 403 page that names no rule (LST-2, LST-7).
/// </summary>
internal sealed class PlainRecorder(IReadOnlyDictionary<string, (string Password, bool CallList)> users) : HttpMessageHandler
{
    private const string TomcatForbidden = "<html><head><title>Apache Tomcat - Error report</title></head><body><h1>HTTP Status 403 - </h1></body></html>";
    private readonly Dictionary<string, string> sessions = [];
    private int nextSession;

    public List<string> Requests { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        Requests.Add($"{request.Method} {path}");
        var session = SessionOf(request);
        if (path.EndsWith("/loginAction.do", StringComparison.Ordinal))
        {
            var form = await request.Content!.ReadAsStringAsync(cancellationToken);
            var fields = form.Split('&').Select(p => p.Split('=')).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));
            var id = (++nextSession).ToString("X32", CultureInfo.InvariantCulture);
            if (users.TryGetValue(fields["login"], out var user) && user.Password == fields["password"])
            {
                sessions[id] = fields["login"];
            }

            var page = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("<html><body>CallREC</body></html>", Encoding.UTF8, "text/html") };
            page.Headers.Add("Set-Cookie", $"JSESSIONID={id}; Path=/callrec; HttpOnly");
            return page;
        }

        if (session is not null && sessions.TryGetValue(session, out var login) && users[login].CallList)
        {
            return new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent("""<couples xmlns:ns2="http://www.w3.org/2005/Atom" />""", Encoding.UTF8, "application/xml"),
            };
        }

        return new HttpResponseMessage(HttpStatusCode.Forbidden) { Content = new StringContent(TomcatForbidden, Encoding.UTF8, "text/html") };
    }

    private static string? SessionOf(HttpRequestMessage request) =>
        request.Headers.TryGetValues("Cookie", out var cookies)
            ? cookies.SelectMany(c => c.Split(';')).Select(c => c.Trim())
                .Where(c => c.StartsWith("JSESSIONID=", StringComparison.Ordinal)).Select(c => c["JSESSIONID=".Length..]).LastOrDefault()
            : null;
}
