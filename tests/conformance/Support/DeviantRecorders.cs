using System.Net;
using System.Text;
using System.Xml.Linq;
using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Hosting;
using static PauseResume.Conformance.Tests.Support.Rewriting;

namespace PauseResume.Conformance.Tests.Support;

/// <summary>Recorders that each break one rule of RECORDER-API.md, for proving that the kit catches them.</summary>
public static class DeviantRecorders
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    public static IReadOnlyList<Deviant> All { get; } =
    [
        new("logs in without a cookie", "SES-2", (_, inner) => new Rewriting(async (request, send) =>
        {
            if (Is(request, "POST", "/loginAction.do") && !request.Headers.Contains("Cookie"))
            {
                request.Headers.Add("Cookie", "added-by-server=1");
            }

            return await send(request);
        }) { InnerHandler = inner }),

        new("a wrong password logs in", "SES-1", (recorder, inner) => new Rewriting(async (request, send) =>
        {
            if (Is(request, "POST", "/loginAction.do") && await FormOf(request) is var form && form.Contains("password=", StringComparison.Ordinal)
                && form.Split('&').FirstOrDefault(p => p.StartsWith("login=", StringComparison.Ordinal)) is { } field)
            {
                var login = Uri.UnescapeDataString(field["login=".Length..]);
                if (recorder.Recorder.Users().FirstOrDefault(u => u.Login == login) is { } user)
                {
                    WithForm(request, $"login={Uri.EscapeDataString(login)}&password={Uri.EscapeDataString(user.Password)}");
                }
            }

            return await send(request);
        }) { InnerHandler = inner }),

        new("the login answer differs when it failed", "SES-3", (recorder, inner) => new Rewriting(async (request, send) =>
        {
            var response = await send(request);
            if (IsIgnoredLogin(recorder, request))
            {
                response.Content = new StringContent("<html><body>Login failed</body></html>\n", Encoding.UTF8, "text/html");
            }

            return response;
        }) { InnerHandler = inner }),

        new("a logout leaves the session logged in", "SES-5", (_, inner) => new Rewriting(async (request, send) =>
        {
            if (!Is(request, "POST", "/logoutAction.do"))
            {
                return await send(request);
            }

            // Answer like a login does, but keep the session: the same JSESSIONID, still logged in.
            var session = request.Headers.TryGetValues("Cookie", out var cookies)
                ? cookies.SelectMany(c => c.Split(';')).Select(c => c.Trim()).FirstOrDefault(c => c.StartsWith("JSESSIONID=", StringComparison.Ordinal))
                : null;
            var page = await send(new HttpRequestMessage(HttpMethod.Post, new Uri(request.RequestUri!, "/callrec/loginAction.do")) { Content = new FormUrlEncodedContent([]) });
            page.Headers.Remove("Set-Cookie");
            if (session is not null)
            {
                page.Headers.TryAddWithoutValidation("Set-Cookie", session + "; Path=/callrec; HttpOnly");
            }

            return page;
        }) { InnerHandler = inner }, InferredPart: true), // that a logout ends the session is SES-5's inferred part

        new("ignores the direction of a filter", "LST-3", (_, inner) => new Rewriting((request, send) =>
            send(IsList(request) ? WithQuery(request, q => string.Join("&", q.Split('&').Where(p => !p.EndsWith("Direction=CALLING", StringComparison.Ordinal) && !p.EndsWith("Direction=CALLED", StringComparison.Ordinal)))) : request))
        { InnerHandler = inner }),

        new("treats BOTH as CALLING", "LST-3", (_, inner) => new Rewriting((request, send) =>
            send(IsList(request) ? WithQuery(request, q => BothAsCalling(q, "phoneNumber") is var p ? BothAsCalling(p, "ipAddress") : q) : request))
        { InnerHandler = inner }),

        new("shows the self link without access", "LST-5", (recorder, inner) => new Rewriting(async (request, send) =>
        {
            var response = await send(request);
            return IsList(request)
                ? await WithXml(response, root =>
                {
                    foreach (var couple in root.Elements("couples").Where(c => !c.Elements(Atom + "link").Any()))
                    {
                        couple.Add(new XElement(Atom + "link", new XAttribute("type", "application/xml"), new XAttribute("href", $"{request.RequestUri!.GetLeftPart(UriPartial.Authority)}/callrec/restful/couples.xml/{couple.Attribute("id")!.Value}"), new XAttribute("rel", "self")));
                    }
                })
                : response;
        }) { InnerHandler = inner }),

        new("lists ended couples", "LST-7", (recorder, inner) => new Rewriting(async (request, send) =>
        {
            var response = await send(request);
            return IsList(request) && !request.RequestUri!.Query.Contains("phoneNumber=", StringComparison.Ordinal) && !request.RequestUri.Query.Contains("ipAddress=", StringComparison.Ordinal)
                ? await WithXml(response, root =>
                {
                    foreach (var ended in recorder.Recorder.Couples(includeEnded: true).Where(c => !c.InProgress))
                    {
                        root.Add(new XElement("couples", new XAttribute("id", ended.Couple.Id), new XAttribute("callId", ended.Couple.CallId)));
                    }
                })
                : response;
        }) { InnerHandler = inner }),

        new("answers an invalid direction with 400", "LST-6", (_, inner) => new Rewriting(async (request, send) =>
        {
            var response = await send(request);
            return IsList(request) && response.StatusCode == HttpStatusCode.NotFound
                ? new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent("bad direction") }
                : response;
        }) { InnerHandler = inner }, Matches: "invalidDirectionStatus=400"),

        new("lists without a session", "LST-2", (recorder, inner) => new Rewriting(async (request, send) =>
        {
            if (IsList(request) && !(request.Headers.TryGetValues("Cookie", out var cookies) && cookies.Any(c => c.Contains("JSESSIONID", StringComparison.Ordinal))))
            {
                request.Headers.Remove("Cookie");
                request.Headers.Add("Cookie", $"JSESSIONID={Root(recorder)}");
            }

            return await send(request);
        }) { InnerHandler = inner }),

        new("combined filters match when either one does", "LST-4", (_, inner) => new Rewriting(async (request, send) =>
        {
            var query = request.RequestUri!.Query;
            if (!IsList(request) || !query.Contains("phoneNumber=", StringComparison.Ordinal) || !query.Contains("ipAddress=", StringComparison.Ordinal))
            {
                return await send(request);
            }

            // Answers the union of the two filters' lists instead of the couples that match both.
            var phoneOnly = await send(CloneWith(request, q => string.Join("&", q.Split('&').Where(p => !p.StartsWith("ipAddress", StringComparison.Ordinal)))));
            var ipOnly = await send(CloneWith(request, q => string.Join("&", q.Split('&').Where(p => !p.StartsWith("phoneNumber", StringComparison.Ordinal)))));
            if (phoneOnly.StatusCode != HttpStatusCode.OK || ipOnly.StatusCode != HttpStatusCode.OK)
            {
                return phoneOnly;
            }

            var union = XDocument.Parse(await phoneOnly.Content.ReadAsStringAsync());
            var seen = union.Root!.Elements("couples").Select(c => c.Attribute("id")!.Value).ToHashSet();
            union.Root.Add(XDocument.Parse(await ipOnly.Content.ReadAsStringAsync()).Root!.Elements("couples").Where(c => !seen.Contains(c.Attribute("id")!.Value)));
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(union.Declaration + "\n" + union.Root, Encoding.UTF8, "application/xml") };
        }) { InnerHandler = inner }, InferredPart: true),

        new("shows the pausedState link without the pause right", "DET-2", (recorder, inner) => new Rewriting(async (request, send) =>
        {
            var response = await send(request);
            return Is(request, "GET", "") && System.Text.RegularExpressions.Regex.IsMatch(request.RequestUri!.AbsolutePath, @"/couples\.xml/\d+$")
                ? await WithXml(response, root =>
                {
                    if (!root.Elements(Atom + "link").Any(l => (string?)l.Attribute("rel") == "pausedState"))
                    {
                        root.Elements(Atom + "link").Last().AddAfterSelf(new XElement(Atom + "link", new XAttribute("type", "application/xml"), new XAttribute("href", $"{request.RequestUri!.GetLeftPart(UriPartial.Authority)}/callrec/restful/couples.xml/{root.Attribute("id")!.Value}/pausedState"), new XAttribute("rel", "pausedState")));
                    }
                })
                : response;
        }) { InnerHandler = inner }),

        new("pauses without the right", "PSE-4", (recorder, inner) => new Rewriting(async (request, send) =>
        {
            var form = IsPausedState(request) ? await FormOf(request) : string.Empty;
            var response = await send(IsPausedState(request) ? WithForm(request, form) : request);
            var refusal = response.StatusCode == HttpStatusCode.Forbidden && IsPausedState(request) ? await response.Content.ReadAsStringAsync() : string.Empty;
            if (!refusal.Contains("lacks the Pause and Resume Calls", StringComparison.Ordinal) && !refusal.Contains("phone masks", StringComparison.Ordinal))
            {
                return response;
            }

            var id = long.Parse(request.RequestUri!.AbsolutePath.Split('/')[^2], System.Globalization.CultureInfo.InvariantCulture);
            var paused = (form + "&" + request.RequestUri.Query.TrimStart('?')).Contains("paused=true", StringComparison.OrdinalIgnoreCase);
            recorder.Recorder.SetPaused(Root(recorder), id, paused);
            return new HttpResponseMessage(HttpStatusCode.NoContent);
        }) { InnerHandler = inner }),

        new("does not accept PUT", "PSE-1", (_, inner) => new Rewriting((request, send) =>
            IsPausedState(request) && request.Method == HttpMethod.Put
                ? Task.FromResult(new HttpResponseMessage(HttpStatusCode.MethodNotAllowed) { Content = new StringContent("use POST") })
                : send(request))
        { InnerHandler = inner }),

        new("paused=false does not resume", "PSE-1", (recorder, inner) => new Rewriting(async (request, send) =>
        {
            var form = IsPausedState(request) ? await FormOf(request) : string.Empty;
            if (IsPausedState(request) && (form + "&" + request.RequestUri!.Query).Contains("paused=false", StringComparison.Ordinal)
                && long.TryParse(request.RequestUri.AbsolutePath.Split('/')[^2], out var id) && recorder.Recorder.Find(id) is { Paused: true })
            {
                // The rights are checked as usual, but what it does is "pause" again: the couple stays paused.
                return await send(WithQuery(WithForm(request, form.Replace("paused=false", "paused=true", StringComparison.Ordinal)), q => q.Replace("paused=false", "paused=true", StringComparison.Ordinal)));
            }

            return await send(IsPausedState(request) ? WithForm(request, form) : request);
        }) { InnerHandler = inner }),

        new("pausing one couple pauses another", "PSE-1", (recorder, inner) => new Rewriting(async (request, send) =>
        {
            var form = IsPausedState(request) ? await FormOf(request) : string.Empty;
            var response = await send(IsPausedState(request) ? WithForm(request, form) : request);
            if (response.StatusCode == HttpStatusCode.NoContent && (form + request.RequestUri!.Query).Contains("paused=true", StringComparison.Ordinal))
            {
                var id = long.Parse(request.RequestUri!.AbsolutePath.Split('/')[^2], System.Globalization.CultureInfo.InvariantCulture);
                if (recorder.Recorder.Couples().FirstOrDefault(c => c.Couple.Id != id) is { } other)
                {
                    recorder.Recorder.SetPaused(Root(recorder), other.Couple.Id, true);
                }
            }

            return response;
        }) { InnerHandler = inner }),

        new("reads 'pause=true' as the lenient Java server does under the strict profile", "PSE-2", (_, inner) => new Rewriting(async (request, send) =>
        {
            if (IsPausedState(request) && request.Method != HttpMethod.Get && await FormOf(request) is var form)
            {
                // Missing or non-boolean "paused" reads as false, as Java's Boolean.parseBoolean would, and of two values the
                // first counts, as a servlet's getParameter does.
                var first = (request.RequestUri!.Query.TrimStart('?') + "&" + form).Split('&').FirstOrDefault(p => p.StartsWith("paused=", StringComparison.Ordinal));
                var paused = string.Equals(first?["paused=".Length..], "true", StringComparison.OrdinalIgnoreCase);
                WithForm(WithQuery(request, _ => string.Empty), paused ? "paused=true" : "paused=false");
            }

            return await send(request);
        }) { InnerHandler = inner }, Matches: "pausedParameter=jaxrs-lenient, repeatedPaused=first"),

        new("refuses every pause and resume with 400, wherever paused is sent", "PSE-1", (_, inner) => new Rewriting(async (request, send) =>
            IsPausedState(request) && request.Method != HttpMethod.Get
                ? new HttpResponseMessage(System.Net.HttpStatusCode.BadRequest) { Content = new StringContent("paused is not accepted") }
                : await send(request))
        { InnerHandler = inner }),

        new("reads paused from a form body only", "PSE-3", (_, inner) => new Rewriting((request, send) =>
            send(IsPausedState(request) ? WithQuery(request, q => string.Join("&", q.Split('&').Where(p => !p.StartsWith("paused=", StringComparison.Ordinal)))) : request))
        { InnerHandler = inner }, InferredPart: true),

        new("reads paused from the query and the form body of a POST only, as a servlet does", "PSE-3", (_, inner) => new Rewriting(async (request, send) =>
        {
            if (IsPausedState(request) && request.Method == HttpMethod.Put)
            {
                WithForm(request, string.Join("&", (await FormOf(request)).Split('&').Where(p => !p.StartsWith("paused=", StringComparison.Ordinal))));
            }

            return await send(request);
        }) { InnerHandler = inner }, InferredPart: true),

        new("a user without Call List may list", "LST-7", (recorder, inner) => new Rewriting(async (request, send) =>
        {
            var response = await send(request);
            if (IsList(request) && response.StatusCode == HttpStatusCode.Forbidden && (await response.Content.ReadAsStringAsync()).Contains("lacks the Call List", StringComparison.Ordinal))
            {
                var couples = recorder.Recorder.Couples().Select(c => new XElement("couples", new XAttribute("id", c.Couple.Id), new XAttribute("callId", c.Couple.CallId)));
                return new HttpResponseMessage(HttpStatusCode.OK)
                {
                    Content = new StringContent(new XElement("couples", new XAttribute(XNamespace.Xmlns + "ns2", Atom), couples).ToString(), Encoding.UTF8, "application/xml"),
                };
            }

            return response;
        }) { InnerHandler = inner }),

        .. ClientVisibleDeviants.All,
        .. AccessDeviants.All,
    ];

    private static HttpRequestMessage CloneWith(HttpRequestMessage request, Func<string, string> query)
    {
        var clone = new HttpRequestMessage(request.Method, request.RequestUri);
        foreach (var header in request.Headers)
        {
            clone.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        return WithQuery(clone, query);
    }

    private static string BothAsCalling(string query, string filter)
    {
        var parts = query.Split('&', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (!parts.Any(p => p.StartsWith(filter + "=", StringComparison.Ordinal)))
        {
            return query;
        }

        var direction = parts.FindIndex(p => p.StartsWith(filter + "Direction=", StringComparison.Ordinal));
        if (direction < 0)
        {
            parts.Add(filter + "Direction=CALLING");
        }
        else if (parts[direction] == filter + "Direction=BOTH")
        {
            parts[direction] = filter + "Direction=CALLING";
        }

        return string.Join("&", parts);
    }

    /// <summary>A session of a hidden user with every right, for deviants that act behind the rules' back.</summary>
    private static string Root(FakeRecorder recorder)
    {
        recorder.Recorder.PutUser(new User("deviant-root", "root", Permissions.CallList | Permissions.PauseAndResumeCalls));
        return recorder.Recorder.Login("deviant-root", "root", true, null).SessionId;
    }
}
