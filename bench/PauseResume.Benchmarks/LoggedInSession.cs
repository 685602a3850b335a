using System.Xml.Linq;

namespace PauseResume.Benchmarks;

/// <summary>A session logged in as admin (SES-1, SES-2) and the path of the list filtered by the first couple's calling number.</summary>
internal static class LoggedInSession
{
    private const string Couples = "/callrec/restful/couples.xml";

    public static async Task<(string Cookie, string FilteredList)> OpenAsync(HttpClient client)
    {
        // SES-2: a login without any cookie is ignored; any cookie will do, and the answer sets the session's own.
        using var login = new HttpRequestMessage(HttpMethod.Post, "/callrec/loginAction.do")
        {
            Content = new FormUrlEncodedContent([new("login", "admin"), new("password", "admin")]),
        };
        login.Headers.Add("Cookie", "bench=1");
        using var answer = await client.SendAsync(login);
        var cookie = answer.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.Select(v => v.Split(';')[0]).FirstOrDefault(v => v.StartsWith("JSESSIONID=", StringComparison.Ordinal))
            : null;
        if (cookie is null)
        {
            throw new InvalidOperationException($"login as admin failed: {(int)answer.StatusCode}");
        }

        // LST-1: the list names couples only; a phone number to filter by is in a couple's details.
        var id = (string?)XDocument.Parse(await ReadAsync(client, Couples, cookie)).Root!.Elements("couples").FirstOrDefault()?.Attribute("id")
                 ?? throw new InvalidOperationException("the default world has no couple in progress");
        var number = (string)XDocument.Parse(await ReadAsync(client, $"{Couples}/{id}", cookie)).Root!.Element("callingNumber")!;
        return (cookie, $"{Couples}?phoneNumber={Uri.EscapeDataString(number)}");
    }

    private static async Task<string> ReadAsync(HttpClient client, string path, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        using var response = await client.SendAsync(request);
        return await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync();
    }
}
