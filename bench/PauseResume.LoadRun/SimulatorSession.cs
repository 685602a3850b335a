using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Xml.Linq;

namespace PauseResume.LoadRun;

/// <summary>
/// A real session on the standalone simulator, opened as a client would (SES-1, SES-2), and the requests the load
/// run sends with it: the list filtered by one couple's phone number, that couple's details, the pausedState of
/// every couple of the default world, and the pausedState of <see cref="SpreadCouples"/> couples (the world's and calls
/// started for the run through the control API, with numbers no filter of the run matches).
/// </summary>
public sealed record SimulatorSession(
    string Cookie, string FilteredList, byte[] FilteredListBody, string Details, byte[] DetailsBody, IReadOnlyList<string> PausedStates, IReadOnlyList<string> SpreadPausedStates)
{
    /// <summary>More couples than wrk's connections, so no two requests in flight meet on one couple.</summary>
    public const int SpreadCouples = 64;

    private const string Couples = "/callrec/restful/couples.xml";

    public static async Task<SimulatorSession> OpenAsync(Uri simulator)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = simulator, Timeout = TimeSpan.FromSeconds(30) };

        // SES-2: a login without any cookie is ignored; any cookie will do, and the answer sets the session's own.
        using var login = new HttpRequestMessage(HttpMethod.Post, "/callrec/loginAction.do")
        {
            Content = new FormUrlEncodedContent([new("login", "admin"), new("password", "admin")]),
        };
        login.Headers.Add("Cookie", "loadrun=1");
        using var loggedIn = await client.SendAsync(login);
        var cookie = loggedIn.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.Select(v => v.Split(';')[0]).FirstOrDefault(v => v.StartsWith("JSESSIONID=", StringComparison.Ordinal))
            : null;
        if (!loggedIn.IsSuccessStatusCode || cookie is null)
        {
            throw new InvalidOperationException($"login as admin failed: {(int)loggedIn.StatusCode}, no JSESSIONID");
        }

        var all = XDocument.Parse(await GetAsync(client, cookie, Couples, "the list")).Root!.Elements("couples").ToList();
        var id = (string?)all.FirstOrDefault()?.Attribute("id") ?? throw new InvalidOperationException("the simulator's world has no couple in progress");

        // LST-1: the list names couples only; their phone numbers are in the details.
        var details = $"{Couples}/{id}";
        var detailsBody = await GetAsync(client, cookie, details, "details");
        var number = (string)XDocument.Parse(detailsBody).Root!.Element("callingNumber")!;
        var filtered = $"{Couples}?phoneNumber={Uri.EscapeDataString(number)}";
        var filteredBody = System.Text.Encoding.UTF8.GetBytes(await GetAsync(client, cookie, filtered, "the filtered list"));
        var pausedStates = PausedStatesOf(all);
        for (var i = all.Count; i < SpreadCouples; i++)
        {
            var call = new { callingNumber = string.Create(CultureInfo.InvariantCulture, $"5559{i:000000}"), calledNumber = "7001" };
            using var started = await client.PostAsJsonAsync("/simulator/calls", call);
            if (started.StatusCode != HttpStatusCode.Created)
            {
                throw new InvalidOperationException($"starting a call through the control API answered {(int)started.StatusCode}, not 201");
            }
        }

        var spread = PausedStatesOf(XDocument.Parse(await GetAsync(client, cookie, Couples, "the list")).Root!.Elements("couples"));
        return new SimulatorSession(cookie, filtered, filteredBody, details, System.Text.Encoding.UTF8.GetBytes(detailsBody), pausedStates, spread);
    }

    private static List<string> PausedStatesOf(IEnumerable<XElement> couples) =>
        couples.Select(c => string.Create(CultureInfo.InvariantCulture, $"{Couples}/{(string)c.Attribute("id")!}/pausedState")).ToList();

    private static async Task<string> GetAsync(HttpClient client, string cookie, string path, string what)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        using var response = await client.SendAsync(request);
        return response.StatusCode == HttpStatusCode.OK
            ? await response.Content.ReadAsStringAsync()
            : throw new InvalidOperationException($"{what} answered {(int)response.StatusCode}, not 200");
    }
}
