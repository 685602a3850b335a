using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using PauseResume.Simulator.Domain;
using static PauseResume.Conformance.Tests.Support.Rewriting;

namespace PauseResume.Conformance.Tests.Support;

/// <summary>
/// Recorders that differ only in what a client reads and the first deviants did not look at: the documents' shape
/// and values, error bodies, odd login forms, conflicting parameters, filters after a call ended.
/// </summary>
public static partial class ClientVisibleDeviants
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    public static IReadOnlyList<Deviant> All { get; } =
    [
        new("lists without the XML declaration", "LST-1", (_, inner) => new Rewriting(async (request, send) =>
        {
            var response = await send(request);
            return IsList(request) && response.StatusCode == HttpStatusCode.OK
                ? Xml((await ReadAsync(response)).Root!.ToString(), Encoding.UTF8)
                : response;
        }) { InnerHandler = inner }),

        new("types no self link of the list", "LST-5", (_, inner) => new Rewriting(async (request, send) =>
        {
            var response = await send(request);
            return IsList(request) ? await WithXml(response, root => root.Descendants(Atom + "link").Attributes("type").Remove()) : response;
        }) { InnerHandler = inner }),

        new("puts a byte-order mark before the details", "DET-1", (_, inner) => new Rewriting(async (request, send) =>
        {
            var response = await send(request);
            if (!IsDetails(request) || response.StatusCode != HttpStatusCode.OK)
            {
                return response;
            }

            var document = await ReadAsync(response);
            return Xml(document.Declaration + "\n" + document.Root, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        }) { InnerHandler = inner }, InferredPart: true),

        new("swaps the numbers in the details", "DET-1", (_, inner) => new Rewriting(async (request, send) =>
        {
            var response = await send(request);
            return IsDetails(request)
                ? await WithXml(response, root =>
                {
                    var calling = root.Element("callingNumber")!;
                    var called = root.Element("calledNumber")!;
                    (calling.Value, called.Value) = (called.Value, calling.Value);
                })
                : response;
        }) { InnerHandler = inner }, InferredPart: true),

        new("leaves the self link out of the details", "DET-1", (_, inner) => new Rewriting(async (request, send) =>
        {
            var response = await send(request);
            return IsDetails(request) ? await WithXml(response, root => root.Elements(Atom + "link").Where(l => (string?)l.Attribute("rel") == "self").Remove()) : response;
        }) { InnerHandler = inner }, InferredPart: true),

        new("answers a bad paused value with an empty 400", "PSE-2", (_, inner) => new Rewriting(async (request, send) =>
        {
            var response = await send(request);
            return IsPausedState(request) && response.StatusCode == HttpStatusCode.BadRequest
                ? new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new ByteArrayContent([]) }
                : response;
        }) { InnerHandler = inner }, InferredPart: true),

        new("takes the first of two conflicting paused values under the strict profile", "PSE-2", (_, inner) => new Rewriting(async (request, send) =>
        {
            if (IsPausedState(request) && request.Method != HttpMethod.Get && await FormOf(request) is var form)
            {
                WithQuery(WithForm(request, form.Replace("paused=true&paused=false", "paused=true", StringComparison.Ordinal)), q => q.Replace("paused=true&paused=false", "paused=true", StringComparison.Ordinal));
            }

            return await send(request);
        }) { InnerHandler = inner }, Matches: "repeatedPaused=first", InferredPart: true),

        new("fails on a login without a login field", "SES-3", (_, inner) => new Rewriting(async (request, send) =>
            Is(request, "POST", "/loginAction.do") && !(await FormOf(request)).Split('&').Any(p => p.StartsWith("login=", StringComparison.Ordinal))
                ? new HttpResponseMessage(HttpStatusCode.InternalServerError) { Content = new StringContent("java.lang.NullPointerException") }
                : await send(request))
        { InnerHandler = inner }),

        new("fails on a pause without a body", "GEN-3", (_, inner) => new Rewriting(async (request, send) =>
            IsPausedState(request) && request.Method != HttpMethod.Get && request.Content is null
                ? new HttpResponseMessage(HttpStatusCode.InternalServerError) { Content = new StringContent("java.lang.NullPointerException") }
                : await send(request))
        { InnerHandler = inner }),

        new("forgets the live couples that share a number with an ended one", "LST-3", (recorder, inner) => new Rewriting(async (request, send) =>
        {
            var response = await send(request);
            var number = IsList(request) ? PhoneNumber().Match(request.RequestUri!.Query) : Match.Empty;
            if (!number.Success || !recorder.Recorder.Couples(includeEnded: true).Any(c => !c.InProgress && (c.Couple.CallingNumber == number.Groups[1].Value || c.Couple.CalledNumber == number.Groups[1].Value)))
            {
                return response;
            }

            return await WithXml(response, root => root.Elements("couples").Remove());
        }) { InnerHandler = inner }),

        new("keeps an ended couple under its calling IP", "LST-7", (recorder, inner) => new Rewriting(async (request, send) =>
        {
            var response = await send(request);
            var ip = IsList(request) && !request.RequestUri!.Query.Contains("phoneNumber=", StringComparison.Ordinal) ? IpAddress().Match(request.RequestUri.Query) : Match.Empty;
            return ip.Success
                ? await WithXml(response, root =>
                {
                    foreach (var ended in recorder.Recorder.Couples(includeEnded: true).Where(c => !c.InProgress && c.Couple.CallingIp == ip.Groups[1].Value))
                    {
                        root.Add(new XElement("couples", new XAttribute("id", ended.Couple.Id), new XAttribute("callId", ended.Couple.CallId)));
                    }
                })
                : response;
        }) { InnerHandler = inner }),

        new("writes the details' start without its time zone", "DET-1", (_, inner) => new Rewriting(async (request, send) =>
        {
            var response = await send(request);
            return IsDetails(request)
                ? await WithXml(response, root =>
                {
                    var start = root.Element("start")!;
                    start.Value = DateTimeOffset.Parse(start.Value, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture);
                })
                : response;
        }) { InnerHandler = inner }, InferredPart: true),

        new("names localhost in its links whatever host was asked", "LST-5", (_, inner) => new Rewriting(async (request, send) =>
        {
            var response = await send(request);
            var asked = request.RequestUri!.GetLeftPart(UriPartial.Authority);
            return IsList(request) || IsDetails(request)
                ? await WithXml(response, root =>
                {
                    foreach (var href in root.Descendants(Atom + "link").Attributes("href"))
                    {
                        href.Value = href.Value.Replace(asked, "http://localhost", StringComparison.Ordinal);
                    }
                })
                : response;
        }) { InnerHandler = inner }, Matches: "linkOrigin=http://localhost"),

        new("lists at most two of the couples that share a filtered value", "LST-3", (_, inner) => new Rewriting(async (request, send) =>
        {
            var response = await send(request);
            var query = request.RequestUri!.Query;
            return IsList(request) && (query.Contains("phoneNumber=", StringComparison.Ordinal) || query.Contains("ipAddress=", StringComparison.Ordinal))
                ? await WithXml(response, root => root.Elements("couples").Skip(2).Remove())
                : response;
        }) { InnerHandler = inner }),

        new("a logout hands out a fresh id and leaves the one it named logged in", "SES-5", (_, inner) => new Rewriting((request, send) =>
        {
            if (request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath.EndsWith("/logoutAction.do", StringComparison.Ordinal) && SessionOf(request) is not null)
            {
                // The logout reaches the server without its session: answered as always, a fresh id, and nothing logged out.
                request.Headers.Remove("Cookie");
                request.Headers.TryAddWithoutValidation("Cookie", "conformance=1");
            }

            return send(request);
        }) { InnerHandler = inner }, InferredPart: true),

        new("serves the API's paths spelled in any case", "GEN-1", (_, inner) => new Rewriting((request, send) =>
        {
            // As a server whose routing ignores case would: /callrec/restful/Couples.xml is the list, .../PausedState the resource.
            var path = request.RequestUri!.AbsolutePath;
            var canonical = Regex.Replace(path, "^/callrec/restful/couples\\.xml", "/callrec/restful/couples.xml", RegexOptions.IgnoreCase);
            canonical = Regex.Replace(canonical, "/pausedstate$", "/pausedState", RegexOptions.IgnoreCase);
            if (canonical != path)
            {
                request.RequestUri = new UriBuilder(request.RequestUri) { Path = canonical }.Uri;
            }

            return send(request);
        }) { InnerHandler = inner }, Matches: "pathCase=any"),

        new("answers HEAD with 405", "GEN-2", (_, inner) => new Rewriting((request, send) =>
            request.Method == HttpMethod.Head
                ? Task.FromResult(new HttpResponseMessage(HttpStatusCode.MethodNotAllowed) { Content = new StringContent("HEAD is not allowed") })
                : send(request))
        { InnerHandler = inner }, Matches: "headMethod=not-allowed"),
    ];

    private static bool IsDetails(HttpRequestMessage request) =>
        request.Method == HttpMethod.Get && DetailsPath().IsMatch(request.RequestUri!.AbsolutePath);

    private static async Task<XDocument> ReadAsync(HttpResponseMessage response) => XDocument.Parse(await response.Content.ReadAsStringAsync());

    private static HttpResponseMessage Xml(string text, Encoding encoding)
    {
        var content = new ByteArrayContent([.. encoding.GetPreamble(), .. encoding.GetBytes(text)]);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/xml");
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }

    [GeneratedRegex(@"/couples\.xml/\d+$")]
    private static partial Regex DetailsPath();

    [GeneratedRegex(@"/couples\.xml/(\d+)(/pausedState)?$")]
    private static partial Regex CouplePath();

    [GeneratedRegex(@"ipAddress=([0-9.]+)")]
    private static partial Regex IpAddress();

    [GeneratedRegex(@"phoneNumber=([0-9]+)")]
    private static partial Regex PhoneNumber();
}
