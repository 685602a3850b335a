using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using PauseResume.Conformance.Commands;
using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Model;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Scenarios;
using PauseResume.Conformance.Targets;
using PauseResume.Conformance.Tests.Support;
using PauseResume.Simulator.Tests.Support;

namespace PauseResume.Conformance.Tests.Kit;

/// <summary>
/// Recorders that break no documented rule but answer in ways the API leaves open: the kit must not call them
/// broken (exit 1) nor stop; where they differ from an inference, it says "differs".
/// </summary>
public sealed class FaithfulRecorderTests
{
    private static async Task<KitResult> CheckAsync(Func<HttpMessageHandler, DelegatingHandler> wrap, int runs = 60, int seed = 20261130)
    {
        await using var target = new InProcessTarget((_, inner) => wrap(inner), "faithful");
        return await new ConformanceKit(target, KitProfile.Default, TextWriter.Null) { Seed = seed, Runs = runs }.RunAsync(TestContext.Current.CancellationToken);
    }

    private static string Explain(KitResult result) =>
        string.Join("\n", result.Rules.Where(r => r.Status is RuleStatus.Failed or RuleStatus.Differs).Select(r => $"{r.Rule.Id} {r.Status}: {r.Detail}\n  {string.Join("\n  ", r.Failure?.Trace ?? [])}"));

    private static Rewriting WithCharset(HttpMessageHandler inner, Func<HttpRequestMessage, string?> charset) => new(async (request, send) =>
    {
        var response = await send(request);
        if (request.RequestUri!.AbsolutePath.StartsWith("/callrec/", StringComparison.Ordinal) && charset(request) is { } name && response.Content.Headers.ContentType is { } type)
        {
            response.Content.Headers.ContentType = new MediaTypeHeaderValue(type.MediaType!) { CharSet = name };
        }

        return response;
    }) { InnerHandler = inner };

    [Fact]
    public async Task Answers_in_charsets_named_the_Java_way_are_read_and_judged_like_any_other()
    {
        // Arrange: a servlet that names its charsets by Java's aliases
        static string Java(HttpRequestMessage request) =>
            request.RequestUri!.AbsolutePath.EndsWith(".do", StringComparison.Ordinal) ? "UTF8"
            : request.RequestUri!.AbsolutePath.EndsWith("/couples.xml", StringComparison.Ordinal) ? "Cp1252"
            : "ISO8859_1";

        // Act
        var result = await CheckAsync(inner => WithCharset(inner, Java));

        // Assert
        result.Broken.ShouldBeEmpty($"GEN-3, SES-4, LST-1: a charset Java knows is no broken rule\n{Explain(result)}");
        result.Differing.ShouldBeEmpty(Explain(result));
        result.Faults.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_answer_in_a_charset_nobody_knows_is_read_as_UTF8_and_reported_as_a_difference()
    {
        // Act
        var result = await CheckAsync(inner => WithCharset(inner, r => r.RequestUri!.AbsolutePath.EndsWith("/couples.xml", StringComparison.Ordinal) ? "x-made-up" : null));

        // Assert
        result.Broken.ShouldBeEmpty($"LST-1: the charset's name is documented nowhere\n{Explain(result)}");
        result.Differing.Select(r => r.Rule.Id).ShouldBe(["LST-1"], Explain(result));
        result.Failures.ShouldContain(f => f.Check.Actual.Contains("x-made-up", StringComparison.Ordinal), "the report names the charset");
    }

    [Theory]
    [InlineData(20261130, 100)]
    [InlineData(2, 200)] // a 403 after the same user was shown a link: the session policy, not the link, explains it
    public async Task A_recorder_that_keeps_one_session_per_user_differs_on_SES1s_inferred_part_and_breaks_nothing(int seed, int runs)
    {
        // Arrange: a second login of a user ends that user's earlier session, a policy nothing documents
        var owner = new ConcurrentDictionary<string, string>(StringComparer.Ordinal); // session id → login
        var latest = new ConcurrentDictionary<string, string>(StringComparer.Ordinal); // login → its one session id
        Rewriting OneSessionPerUser(HttpMessageHandler inner) => new(async (request, send) =>
        {
            if (request.RequestUri!.AbsolutePath.StartsWith("/callrec/restful/", StringComparison.Ordinal)
                && SessionOf(request) is { } id && owner.TryGetValue(id, out var user) && latest.GetValueOrDefault(user) != id)
            {
                return new HttpResponseMessage(HttpStatusCode.Forbidden) { Content = new StringContent("logged in elsewhere") };
            }

            var login = Rewriting.Is(request, "POST", "/callrec/loginAction.do") ? Field(await Rewriting.FormOf(request), "login") : null;
            var response = await send(request);
            if (login is not null && SetSessionOf(response) is { } fresh)
            {
                owner[fresh] = login;
                latest[login] = fresh;
            }

            return response;
        }) { InnerHandler = inner };

        // Act
        var result = await CheckAsync(OneSessionPerUser, runs, seed);

        // Assert
        result.Broken.ShouldBeEmpty($"SES-1: one session per user is documented nowhere\n{Explain(result)}");
        // SES-1's inferred part, or SES-4's sessionsPerUser=one, the setting that describes this policy where the scenario
        // shows the second login end the first session.
        result.Differing.Select(r => r.Rule.Id).ShouldContain(id => id == "SES-1" || id == "SES-4", Explain(result));
    }

    [Fact]
    public async Task A_recorder_that_locks_an_account_after_a_wrong_password_differs_on_SES1s_inferred_part_and_breaks_nothing()
    {
        // Arrange: after one wrong password an account logs in no more (until the world is reset), a policy nothing documents
        var passwords = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var locked = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        Rewriting Lockout(HttpMessageHandler inner) => new(async (request, send) =>
        {
            if (Rewriting.Is(request, "POST", "/simulator/reset"))
            {
                locked.Clear();
                foreach (var user in JsonNode.Parse(await request.Content!.ReadAsStringAsync())!["users"]!.AsArray())
                {
                    passwords[(string)user!["login"]!] = (string)user["password"]!;
                }
            }
            else if (Rewriting.Is(request, "POST", "/callrec/loginAction.do") && await Rewriting.FormOf(request) is var form && Field(form, "login") is { } login)
            {
                if (locked.ContainsKey(login))
                {
                    Rewriting.WithForm(request, $"login={Uri.EscapeDataString(login)}&password=locked");
                }
                else if (passwords.TryGetValue(login, out var password) && Field(form, "password") != password)
                {
                    locked[login] = true;
                }
            }

            return await send(request);
        }) { InnerHandler = inner };

        // Act
        var result = await CheckAsync(Lockout, runs: 100);

        // Assert
        result.Broken.ShouldBeEmpty($"SES-1: a lockout is documented nowhere\n{Explain(result)}");
        result.Differing.Select(r => r.Rule.Id).ShouldContain("SES-1", Explain(result));
    }

    [Fact]
    public async Task A_recorder_that_goes_on_serving_an_ended_couples_details_is_not_said_to_misread_a_filter()
    {
        // Arrange: observed as a real recorder; details once served stay served after the couple ended (DET-3's 404 is inferred)
        var served = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        await using var inner = new InProcessTarget((_, handler) => new Rewriting(async (request, send) =>
        {
            var response = await send(request);
            var path = request.RequestUri!.AbsolutePath;
            if (request.Method != HttpMethod.Get || !System.Text.RegularExpressions.Regex.IsMatch(path, @"/couples\.xml/\d+$"))
            {
                return response;
            }

            if (response.StatusCode == HttpStatusCode.OK)
            {
                served[path] = await response.Content.ReadAsStringAsync();
                return response;
            }

            return response.StatusCode == HttpStatusCode.NotFound && served.TryGetValue(path, out var body)
                ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/xml") }
                : response;
        }) { InnerHandler = handler });
        ModelUser[] accounts = [new("admin", "admin", true, false, []), new("agent", "agent", true, false, [])]; // no pause right: one details document for all
        CallSpec[] calls = [.. Enumerable.Range(0, 6).Select(i => new CallSpec($"55501{i:D2}", $"100{i:D2}", $"10.0.0.{i + 1}", $"10.0.1.{i + 1}"))];
        var couples = await inner.Control!.ResetAsync(new WorldSpec(1, [.. accounts], [.. calls]), TestContext.Current.CancellationToken);
        var recorder = new ObservedTarget(inner);
        var real = await RealWorld.ObserveAsync(recorder, accounts, [], allowPause: false, TimeSpan.Zero, TestContext.Current.CancellationToken);
        foreach (var couple in couples.Take(4))
        {
            await inner.Control.EndCallAsync(couple.Id, TestContext.Current.CancellationToken); // ended after the kit looked
        }

        // Act
        var result = await new ConformanceKit(recorder, KitProfile.Default, TextWriter.Null) { Seed = 3, Runs = 60, Real = real }.RunAsync(TestContext.Current.CancellationToken);

        // Assert
        result.Broken.ShouldBeEmpty($"LST-3: a couple the unfiltered list no longer holds has ended (LST-1)\n{Explain(result)}");
        result.Rules.Single(r => r.Rule.Id == "LST-3").Status.ShouldBe(RuleStatus.Passed, Explain(result));
    }

    [Theory]
    [InlineData(400)]
    [InlineData(302)]
    [InlineData(401)]
    public async Task A_recorder_without_a_logout_at_the_inferred_path_differs_on_SES5_and_breaks_nothing(int status)
    {
        // Arrange: the logout path answers with a refusal or a redirect and ends no session (the path is SES-5's inferred part)
        Rewriting NoLogoutThere(HttpMessageHandler inner) => new(async (request, send) =>
            Rewriting.Is(request, "POST", "/callrec/logoutAction.do")
                ? new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent("no such action") }
                : await send(request)) { InnerHandler = inner };

        // Act
        var result = await CheckAsync(NoLogoutThere, runs: 100);

        // Assert
        result.Broken.ShouldBeEmpty($"SES-5: only a POST is documented, not its path\n{Explain(result)}");
        result.Differing.Select(r => r.Rule.Id).ShouldBe(["SES-5"], Explain(result));
    }

    [Theory]
    [InlineData("/callrec/", false)]
    [InlineData("/", true)]
    public async Task Media_types_and_cookie_attributes_written_otherwise_with_the_same_meaning_are_no_difference(string cookiePath, bool lowerCaseId)
    {
        // Arrange: upper-case media types (RFC 9110: case-insensitive), and Tomcat's session cookie with a trailing
        // slash on its path (Tomcat 7's sessionCookiePathUsesTrailingSlash) or the root path (a container whose
        // sessionCookiePath is /, to share the session with other applications), a lifetime, a domain and a version
        // (RFC 6265: none changes what a client sends to /callrec)
        Rewriting Otherwise(HttpMessageHandler inner) => new(async (request, send) =>
        {
            if (lowerCaseId && request.Headers.TryGetValues("Cookie", out var sent))
            {
                var upper = sent.Select(v => System.Text.RegularExpressions.Regex.Replace(v, "JSESSIONID=([0-9a-f]{32})", m => "JSESSIONID=" + m.Groups[1].Value.ToUpperInvariant())).ToList();
                request.Headers.Remove("Cookie");
                request.Headers.TryAddWithoutValidation("Cookie", upper);
            }

            var response = await send(request);
            if (response.Content.Headers.ContentType is { MediaType: "application/xml" } type)
            {
                var body = (await response.Content.ReadAsStringAsync()).Replace("type=\"application/xml\"", "type=\"Application/XML\"", StringComparison.Ordinal);
                response.Content = new StringContent(body, System.Text.Encoding.UTF8);
                response.Content.Headers.ContentType = new MediaTypeHeaderValue("Application/XML") { CharSet = type.CharSet };
            }

            if (response.Headers.TryGetValues("Set-Cookie", out var cookies))
            {
                // A lower-case id (a container's own generator) is the same opaque token: the client sends it back as set.
                var rewritten = cookies.Select(c => System.Text.RegularExpressions.Regex.Replace(c, "(?i)path=/callrec(?=;|$)", "Path=" + cookiePath))
                    .Select(c => lowerCaseId ? System.Text.RegularExpressions.Regex.Replace(c, "^JSESSIONID=[0-9A-F]+", m => m.Value[..11] + m.Value[11..].ToLowerInvariant()) : c)
                    .Select(c => c
                    + "; Max-Age=1800; Expires=Mon, 30 Nov 2026 12:30:00 GMT; Domain=localhost; Version=1").ToList();
                response.Headers.Remove("Set-Cookie");
                response.Headers.TryAddWithoutValidation("Set-Cookie", rewritten);
            }

            return response;
        }) { InnerHandler = inner };

        // Act
        var result = await CheckAsync(Otherwise, runs: 60);

        // Assert
        result.Broken.ShouldBeEmpty($"LST-1, LST-5: the same media type\n{Explain(result)}");
        result.Differing.ShouldBeEmpty($"SES-4, DET-1: the same cookie and media type\n{Explain(result)}");
    }

    [Theory]
    [InlineData("base64")]
    [InlineData("hex")]
    [InlineData("letters")]
    [InlineData("uuid")]
    public async Task A_login_page_with_a_token_and_the_time_in_it_differs_on_SES3s_inferred_part_and_breaks_nothing(string kind)
    {
        // Arrange: every login and logout page carries a per-request token and the time it was served
        var served = 0;
        var letters = new Random(11); // seeded: the tokens are random-looking, the run is the same each time
        Rewriting WithToken(HttpMessageHandler inner) => new(async (request, send) =>
        {
            var response = await send(request);
            if (Rewriting.Is(request, "POST", "/callrec/loginAction.do") || Rewriting.Is(request, "POST", "/callrec/logoutAction.do"))
            {
                var n = Interlocked.Increment(ref served);
                var page = await response.Content.ReadAsStringAsync();
                var token = kind switch
                {
                    "base64" => Convert.ToBase64String(Guid.NewGuid().ToByteArray()),
                    "hex" => Convert.ToHexString(Guid.NewGuid().ToByteArray()),
                    // 24 random letters, no digit, as some token generators make them
                    "letters" => new string([.. Enumerable.Range(0, 24).Select(_ => (char)(letters.Next(2) == 0 ? 'a' + letters.Next(26) : 'A' + letters.Next(26)))]),
                    _ => Guid.NewGuid().ToString(),
                };
                response.Content = new StringContent(page.Replace("</body>", $"<input type=\"hidden\" name=\"token\" value=\"{token}\"/><!-- served 01:{n % 60:D2}:07 --></body>", StringComparison.Ordinal), System.Text.Encoding.UTF8, "text/html");
            }

            return response;
        }) { InnerHandler = inner };

        // Act
        var result = await CheckAsync(WithToken, runs: 60);

        // Assert
        result.Broken.ShouldBeEmpty($"SES-3: the page tells nothing about the outcome\n{Explain(result)}");
        result.Differing.Select(r => r.Rule.Id).ShouldBe(["SES-3"], $"SES-3: byte-for-byte equality is our reading\n{Explain(result)}");
    }

    /// <summary>
    /// Freedoms a real recorder has where the kit only observes (the couples are the recorder's, and so is their story):
    /// the kit must call none of them broken. The simulator plays the recorder behind the rewriting, observed as a real
    /// recorder is, with two couples the kit may pause.
    /// </summary>
    [Theory]
    [InlineData("answers 410 Gone for a couple that has ended")]
    [InlineData("answers 409 Conflict to a pause or resume that changes nothing")]
    [InlineData("moves a couple to another call")]
    [InlineData("matches the called side by the original called number too")]
    [InlineData("keeps a user's first session and refuses another login of that user")]
    [InlineData("keeps a user's first session, and a person logs in to an account the kit uses during the run")]
    [InlineData("reads a filter by the called number as one by either number")] // a deviant: none of the freedoms may hide it
    public async Task A_real_recorder_that_takes_a_freedom_the_rules_leave_breaks_nothing(string freedom)
    {
        var deviant = freedom.StartsWith("reads a filter", StringComparison.Ordinal);
        // Arrange
        ModelUser[] accounts = [new("admin", "admin", true, true, []), new("reporter", "reporter", true, false, [])];
        CallSpec[] calls = [.. Enumerable.Range(0, 6).Select(i => new CallSpec($"55501{i:D2}", $"100{i:D2}", $"10.0.0.{i + 1}", $"10.0.1.{i + 1}"))];
        var ids = new List<long>();
        var observed = false;
        var firstSession = new ConcurrentDictionary<string, string>(StringComparer.Ordinal); // user → the session that holds it
        var requests = 0;
        await using var inner = new InProcessTarget((recorder, handler) => new Rewriting(async (request, send) =>
        {
            var path = request.RequestUri!.AbsolutePath;
            var segments = path.Split('/');
            var coupleId = long.TryParse(Rewriting.IsPausedState(request) ? segments[^2] : segments[^1], System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0;
            switch (freedom)
            {
                case "reads a filter by the called number as one by either number":
                    return await send(Rewriting.IsList(request)
                        ? Rewriting.WithQuery(request, q => q.Replace("phoneNumberDirection=CALLED", "phoneNumberDirection=BOTH", StringComparison.Ordinal))
                        : request);
                case "keeps a user's first session and refuses another login of that user":
                case "keeps a user's first session, and a person logs in to an account the kit uses during the run":
                    if (freedom.Contains("a person", StringComparison.Ordinal) && Interlocked.Increment(ref requests) > 300)
                    {
                        firstSession.TryAdd("reporter", "the person's session"); // as soon as the kit does not hold it, and for good
                    }

                    if (Rewriting.Is(request, "POST", "/callrec/logoutAction.do") && SessionOf(request) is { } leaving)
                    {
                        foreach (var held in firstSession.Where(h => h.Value == leaving).ToList())
                        {
                            firstSession.TryRemove(held.Key, out _);
                        }
                    }

                    if (!Rewriting.Is(request, "POST", "/callrec/loginAction.do"))
                    {
                        return await send(request);
                    }

                    var form = await Rewriting.FormOf(request);
                    var login = Field(form, "login");
                    var right = accounts.Any(a => a.Login == login && a.Password == Field(form, "password")) && request.Headers.Contains("Cookie");
                    if (right && firstSession.TryGetValue(login!, out var first) && first != SessionOf(request))
                    {
                        // Refused as a wrong password is: the same page (SES-3), no session logged in.
                        return await send(Rewriting.WithForm(request, $"login={Uri.EscapeDataString(login!)}&password=refused"));
                    }

                    var loggedIn = await send(request);
                    if (right && SetSessionOf(loggedIn) is { } fresh)
                    {
                        firstSession[login!] = fresh;
                    }

                    return loggedIn;
                case "answers 410 Gone for a couple that has ended":
                    var answer = await send(request);
                    return answer.StatusCode == HttpStatusCode.NotFound && path.Contains("/couples.xml/", StringComparison.Ordinal)
                        ? new HttpResponseMessage(HttpStatusCode.Gone) { Content = new StringContent("this call has ended") }
                        : answer;
                case "answers 409 Conflict to a pause or resume that changes nothing":
                    var asked = Field(await Rewriting.FormOf(request) + "&" + request.RequestUri.Query.TrimStart('?'), "paused");
                    return request.Method != HttpMethod.Get && Rewriting.IsPausedState(request) && recorder.Recorder.Find(coupleId) is { EndedAt: null } state && asked == (state.Paused ? "true" : "false")
                        ? new HttpResponseMessage(HttpStatusCode.Conflict) { Content = new StringContent($"couple {coupleId} is {(state.Paused ? "paused" : "recording")} already") }
                        : await send(request);
                case "moves a couple to another call":
                    // Once the kit has looked, the second couple is joined to the first one's call (a conference).
                    return observed && request.Method == HttpMethod.Get && path.Contains("/couples.xml", StringComparison.Ordinal)
                        ? await Rewriting.WithXml(await send(request), root =>
                        {
                            foreach (var couple in root.DescendantsAndSelf("couples").Where(c => (string?)c.Attribute("id") == ids[1].ToString(System.Globalization.CultureInfo.InvariantCulture)))
                            {
                                couple.SetAttributeValue("callId", recorder.Recorder.Find(ids[0])!.Couple.CallId);
                            }
                        })
                        : await send(request);
                default:
                    // The first couple was transferred many times: each other call's called number is one of its original
                    // called numbers (and the first call's is the second couple's).
                    var query = System.Web.HttpUtility.ParseQueryString(request.RequestUri.Query);
                    var listed = await send(request);
                    var from = Array.FindIndex(calls, c => c.CalledNumber == query["phoneNumber"]);
                    var ipSide = query["ipAddressDirection"] ?? "BOTH";
                    return Rewriting.IsList(request) && from >= 0 && query["phoneNumberDirection"] is null or "CALLED" or "BOTH"
                        && recorder.Recorder.Find(ids[from == 0 ? 1 : 0]) is { EndedAt: null } transferred
                        && (query["ipAddress"] is not { } ip || (ipSide is "CALLING" or "BOTH" && transferred.Couple.CallingIp == ip) || (ipSide is "CALLED" or "BOTH" && transferred.Couple.CalledIp == ip))
                        ? await Rewriting.WithXml(listed, root =>
                        {
                            var id = transferred.Couple.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
                            if (root.Elements("couples").All(c => (string?)c.Attribute("id") != id))
                            {
                                var atom = System.Xml.Linq.XNamespace.Get("http://www.w3.org/2005/Atom");
                                root.Add(new System.Xml.Linq.XElement("couples", new System.Xml.Linq.XAttribute("id", id), new System.Xml.Linq.XAttribute("callId", transferred.Couple.CallId),
                                    new System.Xml.Linq.XElement(atom + "link", new System.Xml.Linq.XAttribute("type", "application/xml"), new System.Xml.Linq.XAttribute("href", $"{request.RequestUri.GetLeftPart(UriPartial.Authority)}/callrec/restful/couples.xml/{id}"), new System.Xml.Linq.XAttribute("rel", "self"))));
                            }
                        })
                        : listed;
            }
        }) { InnerHandler = handler }, "faithful");
        ids.AddRange((await inner.Control!.ResetAsync(new WorldSpec(1, [.. accounts], [.. calls]), TestContext.Current.CancellationToken)).Select(c => c.Id));
        var recorder = new ObservedTarget(inner);
        var real = await RealWorld.ObserveAsync(recorder, accounts, [ids[0], ids[1]], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);
        observed = true;
        foreach (var id in ids.Skip(3))
        {
            await inner.Control.EndCallAsync(id, TestContext.Current.CancellationToken); // ended after the kit looked
        }

        // Act
        var result = await new ConformanceKit(recorder, KitProfile.Default, TextWriter.Null) { Seed = 5, Runs = 80, Real = real, Settle = TimeSpan.Zero }.RunAsync(TestContext.Current.CancellationToken);

        // Assert
        if (deviant)
        {
            result.Broken.Select(r => r.Rule.Id).ShouldBe(["LST-3"], $"LST-3: CALLED matches the called side only\n{Explain(result)}");
            return;
        }

        result.Broken.ShouldBeEmpty($"a recorder that {freedom} keeps every documented rule\n{Explain(result)}");
        result.AuditProblems.ShouldBeEmpty();
        if (freedom == "moves a couple to another call")
        {
            // A transfer or a conference is the recorder's own story, no profile's choice: the kit follows it, and a
            // difference no setting could remove would stay on every run against that recorder.
            result.Differing.ShouldBeEmpty($"LST-1, DET-1: a couple's call changes in a transfer\n{Explain(result)}");
            return;
        }

        result.Differing.ShouldNotBeEmpty($"where it {freedom}, it differs from an inference\n{Explain(result)}");
    }

    /// <summary>
    /// LST-3 documents that CALLED matches the called side; a transferred couple has an original and a final called number,
    /// and its details show one. A recorder whose filter compares the other (here: every call was transferred, and the
    /// details show the final number while the filter compares the original) leaves a couple out of a filter by the number
    /// its details show: a difference on which called number is meant, never LST-3 broken.
    /// </summary>
    [Fact]
    public async Task LST_3_A_recorder_whose_called_side_filter_compares_the_original_called_number_breaks_nothing()
    {
        // Act
        var result = await ReadOnlyOnARealRecorderAsync(recorder => async (request, send) =>
        {
            var query = System.Web.HttpUtility.ParseQueryString(request.RequestUri!.Query);
            return Rewriting.IsList(request) && query["phoneNumber"] is { } number && query["phoneNumberDirection"] is null or "CALLED" or "BOTH"
                ? await Rewriting.WithXml(await send(request), root => System.Xml.Linq.Extensions.Remove(root.Elements("couples").Where(c =>
                    recorder.Recorder.Find((long)c.Attribute("id")!)?.Couple is { } couple && couple.CalledNumber == number && couple.CallingNumber != number)))
                : await send(request);
        });

        // Assert
        result.Broken.ShouldBeEmpty($"LST-3: which called number a filter compares is not documented\n{Explain(result)}");
        result.Differing.Select(r => r.Rule.Id).ShouldContain("LST-3", Explain(result));
    }

    /// <summary>
    /// LST-4 says a filter finds a call: a recorder that lists every couple of a call a filter matches (the other leg of
    /// a conference, whose own numbers do not match) breaks nothing, and differs on LST-4 as filterScope=call says, for
    /// that reason (not as a recorder that matches another called number).
    /// </summary>
    [Fact]
    public async Task LST_4_A_recorder_whose_filters_list_every_couple_of_the_calls_they_match_breaks_nothing_and_is_told_by_filterScope()
    {
        // Act: the first call has a second couple, a conference leg
        var result = await ReadOnlyOnARealRecorderAsync(recorder => async (request, send) =>
        {
            var filtered = request.RequestUri!.Query.Contains("phoneNumber=", StringComparison.Ordinal) || request.RequestUri.Query.Contains("ipAddress=", StringComparison.Ordinal);
            return Rewriting.IsList(request) && filtered
                ? await Rewriting.WithXml(await send(request), root =>
                {
                    var listed = root.Elements("couples").Select(c => (long)c.Attribute("id")!).ToHashSet();
                    var listedCalls = recorder.Recorder.Couples().Where(c => listed.Contains(c.Couple.Id)).Select(c => c.Couple.CallId).ToHashSet();
                    var atom = System.Xml.Linq.XNamespace.Get("http://www.w3.org/2005/Atom");
                    foreach (var leg in recorder.Recorder.Couples().Where(c => c.EndedAt is null && listedCalls.Contains(c.Couple.CallId) && !listed.Contains(c.Couple.Id)))
                    {
                        var id = leg.Couple.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
                        root.Add(new System.Xml.Linq.XElement("couples", new System.Xml.Linq.XAttribute("id", id), new System.Xml.Linq.XAttribute("callId", leg.Couple.CallId),
                            new System.Xml.Linq.XElement(atom + "link", new System.Xml.Linq.XAttribute("type", "application/xml"), new System.Xml.Linq.XAttribute("href", $"{request.RequestUri.GetLeftPart(UriPartial.Authority)}/callrec/restful/couples.xml/{id}"), new System.Xml.Linq.XAttribute("rel", "self"))));
                    }
                })
                : await send(request);
        }, conferenceLeg: true);

        // Assert
        result.Broken.ShouldBeEmpty($"LST-3, LST-4: whether a filter lists the couples or the calls it matches is not documented\n{Explain(result)}");
        result.Differing.Select(r => r.Rule.Id).ShouldBe(["LST-4"], Explain(result));
        result.SettingChanges.Select(c => $"{c.Setting}={c.ServerValue}").ShouldBe(["filterScope=call"], Explain(result));
        result.Failures.ShouldAllBe(f => f.Check.What.Contains("not every couple of their calls", StringComparison.Ordinal), Explain(result));
    }

    /// <summary>
    /// LST-7 under listWithoutCallList=empty: a recorder that gives a user without Call List the empty list only for a valid
    /// request, and refuses one with an invalid direction 403 as under the default, breaks no documented rule: the
    /// account's login, which only an empty list proves, is not taken for failed (SES-1). Checked against the probed profile,
    /// whose measured settings a diagnosis never trades for a guess, as a user would run it.
    /// </summary>
    [Fact]
    public async Task LST_7_A_recorder_that_gives_the_empty_list_only_to_a_valid_request_breaks_nothing()
    {
        // Arrange
        ModelUser[] accounts = [new("admin", "admin", true, true, []), new("kiosk", "kiosk", false, false, [])];
        CallSpec[] calls = [.. Enumerable.Range(0, 3).Select(i => new CallSpec($"55501{i:D2}", $"100{i:D2}", $"10.0.0.{i + 1}", $"10.0.1.{i + 1}"))];
        var profile = KitProfile.Default.With(ProfileSettings.ListWithoutCallList, "empty").Profile!;
        var refused = 0;
        await using var inner = new InProcessTarget((recorder, handler) => new Rewriting(async (request, send) =>
        {
            var answer = await send(request);
            var query = System.Web.HttpUtility.ParseQueryString(request.RequestUri!.Query);
            var badDirection = query.AllKeys.Any(k => k is "phoneNumberDirection" or "ipAddressDirection" && query.GetValues(k)!.Any(v => v is not ("CALLING" or "CALLED" or "BOTH")));
            if (Rewriting.IsList(request) && badDirection && answer.StatusCode == System.Net.HttpStatusCode.OK)
            {
                Interlocked.Increment(ref refused);
                return new HttpResponseMessage(System.Net.HttpStatusCode.Forbidden) { Content = new StringContent("LST-7: no Call List permission") };
            }

            return answer;
        }) { InnerHandler = handler }, "faithful");
        inner.Control!.ServerProfile = ProfileJson.Write(profile);
        await inner.Control.ResetAsync(new WorldSpec(1, [.. accounts], [.. calls]), TestContext.Current.CancellationToken);
        var recorder = new ObservedTarget(inner);
        var (probe, probed) = await ProbedProfile.OfAsync(new PauseResume.Conformance.Probe.Prober(recorder, accounts, [], TimeSpan.Zero));
        var real = await RealWorld.ObserveAsync(recorder, accounts, [], allowPause: false, TimeSpan.Zero, TestContext.Current.CancellationToken);

        // Act
        var result = await new ConformanceKit(recorder, probed, TextWriter.Null) { Seed = 3, Runs = 150, Real = real, Settle = TimeSpan.Zero }.RunAsync(TestContext.Current.CancellationToken);

        // Assert
        probed[ProfileSettings.ListWithoutCallList].ShouldBe("empty", string.Join("\n", probe.Summary));
        refused.ShouldBeGreaterThan(0, "the scenarios met the case");
        result.Broken.ShouldBeEmpty(Explain(result));
    }

    /// <summary>
    /// A read-only run on a recorder, observed as a real one, whose lists <paramref name="lists"/> rewrites: four calls, and
    /// with <paramref name="conferenceLeg"/> a second couple in the first one's call.
    /// </summary>
    private static async Task<KitResult> ReadOnlyOnARealRecorderAsync(
        Func<PauseResume.Simulator.Testing.FakeRecorder, Func<HttpRequestMessage, Func<HttpRequestMessage, Task<HttpResponseMessage>>, Task<HttpResponseMessage>>> lists, bool conferenceLeg = false)
    {
        ModelUser[] accounts = [new("admin", "admin", true, true, []), new("reporter", "reporter", true, false, [])];
        CallSpec[] calls = [.. Enumerable.Range(0, 4).Select(i => new CallSpec($"55501{i:D2}", $"100{i:D2}", $"10.0.0.{i + 1}", $"10.0.1.{i + 1}"))];
        await using var inner = new InProcessTarget((recorder, handler) => new Rewriting(lists(recorder)) { InnerHandler = handler }, "faithful");
        var first = (await inner.Control!.ResetAsync(new WorldSpec(1, [.. accounts], [.. calls]), TestContext.Current.CancellationToken))[0];
        if (conferenceLeg)
        {
            await inner.Control.StartCallAsync(new CallSpec("10000", "10050", "10.0.1.1", "10.0.1.50"), TestContext.Current.CancellationToken, first.CallId);
        }

        var recorder = new ObservedTarget(inner);
        var real = await RealWorld.ObserveAsync(recorder, accounts, [], allowPause: false, TimeSpan.Zero, TestContext.Current.CancellationToken);
        return await new ConformanceKit(recorder, KitProfile.Default, TextWriter.Null) { Seed = 3, Runs = 150, Real = real, Settle = TimeSpan.Zero }.RunAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>
    /// DET-3, PSE-4 under refusalOrder=masks-first: a recorder that checks a user's phone masks before whether the couple
    /// is in progress may refuse a couple that ended meanwhile with 403, as one it does not know, where another answers
    /// 404. On a real recorder that is a legal event, told by the user's own list, not a refusal the access rules did not
    /// predict.
    /// </summary>
    [Fact]
    public async Task A_couple_that_ended_and_is_refused_to_a_user_with_masks_under_masks_first_is_a_legal_event()
    {
        // Arrange: the simulator under masks-first, and a 404 to the masked user's session answered 403, as to a couple unknown
        ModelUser[] accounts = [new("admin", "admin", true, true, []), new("agent", "agent", true, true, ["100*"])];
        CallSpec[] calls = [.. Enumerable.Range(0, 4).Select(i => new CallSpec($"55501{i:D2}", $"100{i:D2}", $"10.0.0.{i + 1}", $"10.0.1.{i + 1}"))];
        await using var inner = ChangingAgentAnswers((request, response) => Task.FromResult(
            response.StatusCode == HttpStatusCode.NotFound && request.RequestUri!.AbsolutePath.Contains("/couples.xml/", StringComparison.Ordinal)
                ? new HttpResponseMessage(HttpStatusCode.Forbidden) { Content = new StringContent("no number of this couple is within your phone masks") }
                : response));
        var masksFirst = KitProfile.Default.With(ProfileSettings.RefusalOrder, "masks-first").Profile!;
        inner.Control!.ServerProfile = ProfileJson.Write(masksFirst);
        var ids = (await inner.Control.ResetAsync(new WorldSpec(1, [.. accounts], [.. calls]), TestContext.Current.CancellationToken)).Select(c => c.Id).ToList();
        var recorder = new ObservedTarget(inner);
        var real = await RealWorld.ObserveAsync(recorder, accounts, [ids[0]], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);
        foreach (var id in ids.Skip(1))
        {
            await inner.Control.EndCallAsync(id, TestContext.Current.CancellationToken); // ended after the kit looked
        }

        // Act
        var result = await new ConformanceKit(recorder, masksFirst, TextWriter.Null) { Seed = 7, Runs = 60, Real = real, Settle = TimeSpan.Zero }.RunAsync(TestContext.Current.CancellationToken);

        // Assert
        result.Failures.ShouldBeEmpty(Explain(result));
        result.AuditProblems.ShouldBeEmpty();
    }

    /// <summary>
    /// LST-5 says a listed couple without a self link is one the user may not see; that such couples are listed at all is
    /// inferred. A real recorder that leaves couples outside a user's phone masks out of that user's list ends none of
    /// them and breaks nothing: it differs on LST-5's inferred part, named as unseenCouples=omitted, and every other
    /// account still sees them.
    /// </summary>
    [Fact]
    public async Task A_real_recorder_that_lists_a_user_only_the_couples_within_their_masks_breaks_nothing()
    {
        // Arrange: the agent's lists leave out every couple without a self link (those outside its masks)
        ModelUser[] accounts = [new("admin", "admin", true, true, []), new("agent", "agent", true, true, ["100*"])];
        CallSpec[] calls = [.. Enumerable.Range(0, 6).Select(i => new CallSpec($"55501{i:D2}", $"{(i % 2 == 0 ? 100 : 200)}{i:D2}", $"10.0.0.{i + 1}", $"10.0.1.{i + 1}"))];
        await using var inner = ChangingAgentAnswers(async (request, response) => Rewriting.IsList(request) && response.IsSuccessStatusCode
            ? await Rewriting.WithXml(response, root => root.Elements("couples").Where(c => !c.Elements().Any(e => e.Name.LocalName == "link")).ToList().ForEach(c => c.Remove()))
            : response);
        var ids = (await inner.Control!.ResetAsync(new WorldSpec(1, [.. accounts], [.. calls]), TestContext.Current.CancellationToken)).Select(c => c.Id).ToList();
        var recorder = new ObservedTarget(inner);
        var real = await RealWorld.ObserveAsync(recorder, accounts, [ids[0]], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);

        // Act
        var result = await new ConformanceKit(recorder, KitProfile.Default, TextWriter.Null) { Seed = 7, Runs = 60, Real = real, Settle = TimeSpan.Zero }.RunAsync(TestContext.Current.CancellationToken);

        // Assert
        result.Broken.ShouldBeEmpty(Explain(result));
        result.Differing.Select(r => r.Rule.Id).ShouldBe(["LST-5"], Explain(result));
        result.SettingChanges.Select(c => $"{c.Setting}={c.ServerValue}").ShouldBe(["unseenCouples=omitted"], Explain(result));
        result.AuditProblems.ShouldBeEmpty();
    }

    /// <summary>
    /// DET-3, PSE-4 (inferred: 403 for a couple outside the user's access): a real recorder that answers 404 there, as a
    /// query filtered by the user's masks finds nothing, differs on that, explained by outsideAccessStatus=404, and
    /// nothing more: the couple has not ended (the user's own list still holds it, without a link, or under
    /// unseenCouples=omitted the list of an account without masks), so no list or details of other users is judged as if
    /// it had. Checked against that setting (as the probe measures it), it passes.
    /// </summary>
    [Theory]
    [InlineData("listed", "403")]
    [InlineData("omitted", "403")]
    [InlineData("listed", "404")]
    [InlineData("omitted", "404")]
    public async Task A_real_recorder_that_answers_404_for_a_couple_outside_the_users_masks_is_told_by_outsideAccessStatus(string unseenCouples, string outsideAccessStatus)
    {
        // Arrange: the agent's details and pausedState of couples outside its masks are 404, not 403 (a 403 for any other
        // reason, a session logged out, stays: that is documented)
        ModelUser[] accounts = [new("admin", "admin", true, true, []), new("agent", "agent", true, true, ["100*"])];
        CallSpec[] calls = [.. Enumerable.Range(0, 6).Select(i => new CallSpec($"55501{i:D2}", $"{(i % 2 == 0 ? 100 : 200)}{i:D2}", $"10.0.0.{i + 1}", $"10.0.1.{i + 1}"))];
        await using var inner = ChangingAgentAnswers(async (request, response) =>
            response.StatusCode == HttpStatusCode.Forbidden && request.RequestUri!.AbsolutePath.Contains("/couples.xml/", StringComparison.Ordinal)
            && (await response.Content.ReadAsStringAsync()).Contains("phone masks", StringComparison.Ordinal)
                ? new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent("no such couple") }
                : response);
        var served = KitProfile.Default.With(ProfileSettings.UnseenCouples, unseenCouples).Profile! with { Measured = [ProfileSettings.SessionsPerUser] }; // as probed: many
        inner.Control!.ServerProfile = ProfileJson.Write(served);
        var profile = served.With(ProfileSettings.OutsideAccessStatus, outsideAccessStatus).Profile!;
        var ids = (await inner.Control.ResetAsync(new WorldSpec(1, [.. accounts], [.. calls]), TestContext.Current.CancellationToken)).Select(c => c.Id).ToList();
        var recorder = new ObservedTarget(inner);
        var real = await RealWorld.ObserveAsync(recorder, accounts, [ids[0]], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);

        // Act
        var result = await new ConformanceKit(recorder, profile, TextWriter.Null) { Seed = 7, Runs = 60, Real = real, Settle = TimeSpan.Zero }.RunAsync(TestContext.Current.CancellationToken);

        // Assert
        result.Broken.ShouldBeEmpty(Explain(result));
        result.AuditProblems.ShouldBeEmpty();
        if (outsideAccessStatus == "404")
        {
            result.Failures.ShouldBeEmpty($"DET-3, PSE-4: the recorder answers as outsideAccessStatus=404 says\n{Explain(result)}");
            return;
        }

        result.Differing.Select(r => r.Rule.Id).ShouldContain("DET-3", Explain(result));
        result.Differing.Select(r => r.Rule.Id).ShouldBeSubsetOf(["DET-3", "PSE-4"], $"the 404 alone differs: nothing ended\n{Explain(result)}");
        result.Failures.ShouldAllBe(f => f.Explained.Any(c => c.Setting == ProfileSettings.OutsideAccessStatus && c.ServerValue == "404"), Explain(result));
    }

    /// <summary>
    /// DET-3 (inferred: 403 for a user without Call List): a real recorder that answers such a user 404 for the details
    /// of any couple, as a lookup among the couples the user may see finds none, differs on that alone, explained by
    /// withoutCallListStatus=404: the couple has not ended (the list of an account that may see it still holds it), so
    /// a pause by that user, answered as the details (outsidePauseStatus=as-details), and the answers to others, are not
    /// judged as if it had; never named refusalOrder=couple-first (a recorder that hides the pause so was). Checked against that
    /// setting (as the probe measures it), it passes; under refusalOrder=couple-first too, where such a 404 may be an end.
    /// </summary>
    [Theory]
    [InlineData("call-list-first", "403")]
    [InlineData("call-list-first", "404")]
    [InlineData("couple-first", "403")]
    [InlineData("couple-first", "404")]
    public async Task A_real_recorder_that_answers_404_for_the_details_to_a_user_without_Call_List_is_told_by_withoutCallListStatus(string refusalOrder, string withoutCallListStatus)
    {
        // Arrange
        ModelUser[] accounts = [new("admin", "admin", true, true, []), new("kiosk", "kiosk", false, false, []), new("guest", "guest", false, true, [])];
        CallSpec[] calls = [.. Enumerable.Range(0, 4).Select(i => new CallSpec($"55501{i:D2}", $"100{i:D2}", $"10.0.0.{i + 1}", $"10.0.1.{i + 1}"))];
        await using var inner = new InProcessTarget();
        var served = KitProfile.Default.With(ProfileSettings.RefusalOrder, refusalOrder).Profile! with { Measured = [ProfileSettings.SessionsPerUser] }; // as probed: many
        inner.Control!.ServerProfile = ProfileJson.Write(served.With(ProfileSettings.WithoutCallListStatus, "404").Profile!);
        var profile = served.With(ProfileSettings.WithoutCallListStatus, withoutCallListStatus).Profile!;
        var ids = (await inner.Control.ResetAsync(new WorldSpec(1, [.. accounts], [.. calls]), TestContext.Current.CancellationToken)).Select(c => c.Id).ToList();
        var recorder = new ObservedTarget(inner);
        var real = await RealWorld.ObserveAsync(recorder, accounts, [ids[0]], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);

        // Act
        var result = await new ConformanceKit(recorder, profile, TextWriter.Null) { Seed = 7, Runs = 80, Real = real, Settle = TimeSpan.Zero }.RunAsync(TestContext.Current.CancellationToken);

        // Assert
        result.Broken.ShouldBeEmpty(Explain(result));
        result.AuditProblems.ShouldBeEmpty();
        if (withoutCallListStatus == "404")
        {
            result.Failures.ShouldBeEmpty($"DET-3: the recorder answers as withoutCallListStatus=404 says\n{Explain(result)}");
            return;
        }

        // The details (DET-3) and a pause by that user (PSE-4, answered as the details: outsidePauseStatus=as-details)
        // differ alike, whichever the run met first; never as refusalOrder=couple-first, nor as an end.
        result.Differing.Select(r => r.Rule.Id).ShouldNotBeEmpty(Explain(result));
        result.Differing.Select(r => r.Rule.Id).ShouldBeSubsetOf(["DET-3", "PSE-4"], $"the 404 alone differs: nothing ended\n{Explain(result)}");
        result.Failures.ShouldAllBe(f => f.Explained.Any(c => c.Setting == ProfileSettings.WithoutCallListStatus && c.ServerValue == "404"), Explain(result));
    }

    /// <summary>
    /// PSE-4 (inferred): a real recorder that hides the details of a couple outside the user's masks (404,
    /// outsideAccessStatus) but refuses a pause of it 403, by its own check of the user's access, breaks nothing: checked
    /// with a --couple outside the masked account's masks against a profile with outsideAccessStatus=404 alone, it differs on
    /// PSE-4 as outsidePauseStatus=403 says (not on SES-1 as a session ended, nor on PSE-3), and against that setting it passes.
    /// </summary>
    [Theory]
    [InlineData("as-details")]
    [InlineData("403")]
    public async Task A_real_recorder_that_hides_the_details_outside_the_masks_but_refuses_a_pause_403_is_told_by_outsidePauseStatus(string outsidePauseStatus)
    {
        // Arrange: the agent's masks reach the calls whose called numbers start 100; the second allowed couple is outside them
        ModelUser[] accounts = [new("admin", "admin", true, true, []), new("agent", "agent", true, true, ["100*"])];
        CallSpec[] calls = [.. Enumerable.Range(0, 4).Select(i => new CallSpec($"55501{i:D2}", $"{(i % 2 == 0 ? 100 : 200)}{i:D2}", $"10.0.0.{i + 1}", $"10.0.1.{i + 1}"))];
        await using var inner = new InProcessTarget();
        var served = KitProfile.Default.With(ProfileSettings.OutsideAccessStatus, "404").Profile! with { Measured = [ProfileSettings.SessionsPerUser, ProfileSettings.OutsideAccessStatus] };
        inner.Control!.ServerProfile = ProfileJson.Write(served.With(ProfileSettings.OutsidePauseStatus, "403").Profile!);
        var profile = served.With(ProfileSettings.OutsidePauseStatus, outsidePauseStatus).Profile!;
        var ids = (await inner.Control.ResetAsync(new WorldSpec(1, [.. accounts], [.. calls]), TestContext.Current.CancellationToken)).Select(c => c.Id).ToList();
        var recorder = new ObservedTarget(inner);
        var real = await RealWorld.ObserveAsync(recorder, accounts, [ids[0], ids[1]], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);

        // Act
        var result = await new ConformanceKit(recorder, profile, TextWriter.Null) { Seed = 11, Runs = 80, Real = real, Settle = TimeSpan.Zero }.RunAsync(TestContext.Current.CancellationToken);

        // Assert
        result.Broken.ShouldBeEmpty(Explain(result));
        result.AuditProblems.ShouldBeEmpty();
        if (outsidePauseStatus == "403")
        {
            result.Failures.ShouldBeEmpty($"PSE-4: the recorder answers as outsidePauseStatus=403 says\n{Explain(result)}");
            return;
        }

        result.Differing.Select(r => r.Rule.Id).ShouldBe(["PSE-4"], Explain(result));
        result.SettingChanges.Select(c => $"{c.Setting}={c.ServerValue}").ShouldBe(["outsidePauseStatus=403"], Explain(result));
    }

    /// <summary>
    /// LST-4 ("a filter finds a call"; that the list holds the couples matched, not every couple of their calls, is
    /// inferred): a real recorder whose filters list whole calls differs on that alone, explained by filterScope=call, and
    /// checked against that setting (as the probe measures it) it passes.
    /// </summary>
    [Theory]
    [InlineData("couple")]
    [InlineData("call")]
    public async Task A_real_recorder_whose_filters_list_whole_calls_is_told_by_filterScope(string filterScope)
    {
        // Arrange: three calls, two of them with a second leg whose numbers and addresses are its own
        ModelUser[] accounts = [new("admin", "admin", true, true, []), new("agent", "agent", true, true, ["100*"])];
        CallSpec[] calls = [.. Enumerable.Range(0, 3).Select(i => new CallSpec($"55501{i:D2}", $"100{i:D2}", $"10.0.0.{i + 1}", $"10.0.1.{i + 1}"))];
        await using var inner = new InProcessTarget();
        var served = KitProfile.Default with { Measured = [ProfileSettings.SessionsPerUser] }; // as probed: many
        inner.Control!.ServerProfile = ProfileJson.Write(served.With(ProfileSettings.FilterScope, "call").Profile!);
        var profile = served.With(ProfileSettings.FilterScope, filterScope).Profile!;
        var started = await inner.Control.ResetAsync(new WorldSpec(1, [.. accounts], [.. calls]), TestContext.Current.CancellationToken);
        var ids = started.Select(c => c.Id).ToList();
        foreach (var (couple, i) in started.Take(2).Select((c, i) => (c, i)))
        {
            await inner.Control.StartCallAsync(new CallSpec($"20{i}", $"30{i}", $"10.0.2.{i + 1}", $"10.0.3.{i + 1}"), TestContext.Current.CancellationToken, couple.CallId);
        }

        var recorder = new ObservedTarget(inner);
        var real = await RealWorld.ObserveAsync(recorder, accounts, [ids[0]], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);

        // Act
        var result = await new ConformanceKit(recorder, profile, TextWriter.Null) { Seed = 7, Runs = 80, Real = real, Settle = TimeSpan.Zero }.RunAsync(TestContext.Current.CancellationToken);

        // Assert
        result.Broken.ShouldBeEmpty(Explain(result));
        if (filterScope == "call")
        {
            result.Failures.ShouldBeEmpty($"LST-4: the recorder answers as filterScope=call says\n{Explain(result)}");
            return;
        }

        result.SettingChanges.Select(c => $"{c.Setting}={c.ServerValue}").ShouldBe(["filterScope=call"], Explain(result));
    }

    /// <summary>
    /// LST-1 on a real recorder: a couple outside a masked user's phone masks that ends is a legal event, whatever its
    /// details answer that user (404; 410 under endedCoupleStatus=410; 403 under refusalOrder=masks-first), since the
    /// user's list, which holds the other couples outside the masks, no longer holds it.
    /// </summary>
    [Theory]
    [InlineData(ProfileSettings.EndedCoupleStatus, "404")]
    [InlineData(ProfileSettings.EndedCoupleStatus, "410")]
    [InlineData(ProfileSettings.EndedCoupleStatus, "204")]
    [InlineData(ProfileSettings.RefusalOrder, "masks-first")]
    [InlineData(ProfileSettings.UnseenCouples, "omitted")]
    public async Task A_couple_outside_a_masked_users_masks_that_ends_is_a_legal_event(string setting, string value)
    {
        // Arrange: the simulator as a real recorder under the setting, the kit checking against the same profile
        ModelUser[] accounts = [new("admin", "admin", true, true, []), new("agent", "agent", true, true, ["100*"])];
        CallSpec[] calls = [.. Enumerable.Range(0, 6).Select(i => new CallSpec($"55501{i:D2}", $"{(i % 2 == 0 ? 100 : 200)}{i:D2}", $"10.0.0.{i + 1}", $"10.0.1.{i + 1}"))];
        var profile = KitProfile.Default.With(setting, value).Profile!;
        await using var inner = new InProcessTarget(description: "faithful");
        inner.Control!.ServerProfile = ProfileJson.Write(profile);
        var ids = (await inner.Control.ResetAsync(new WorldSpec(1, [.. accounts], [.. calls]), TestContext.Current.CancellationToken)).Select(c => c.Id).ToList();
        var recorder = new ObservedTarget(inner);
        var real = await RealWorld.ObserveAsync(recorder, accounts, [ids[0]], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);
        await inner.Control.EndCallAsync(ids[1], TestContext.Current.CancellationToken); // called 20001: outside agent's masks

        // Act
        var result = await new ConformanceKit(recorder, profile, TextWriter.Null) { Seed = 7, Runs = 60, Real = real, Settle = TimeSpan.Zero }.RunAsync(TestContext.Current.CancellationToken);

        // Assert
        result.Broken.ShouldBeEmpty(Explain(result));
        result.Differing.ShouldBeEmpty(Explain(result));
    }

    /// <summary>
    /// LST-3 on a real recorder that answers 204 for every couple not in progress (unknownCoupleStatus, which the probe
    /// measures, and endedCoupleStatus, which it cannot, left at 404): a couple that ended before a filtered list is
    /// missing from it, and its details' 204 tells it ended, as an unknown couple's status does. Not LST-3 broken.
    /// </summary>
    [Fact]
    public async Task LST_3_A_couple_missing_from_a_filtered_list_whose_details_answer_the_unknown_couples_204_has_ended()
    {
        // Arrange
        ModelUser[] accounts = [new("admin", "admin", true, true, []), new("reporting", "reporting", true, false, [])];
        CallSpec[] calls = [.. Enumerable.Range(0, 3).Select(i => new CallSpec($"55501{i:D2}", $"100{i:D2}", $"10.0.0.{i + 1}", $"10.0.1.{i + 1}"))];
        var served = KitProfile.Default.With(ProfileSettings.EndedCoupleStatus, "204").Profile!.With(ProfileSettings.UnknownCoupleStatus, "204").Profile!;
        var profile = KitProfile.Default.With(ProfileSettings.UnknownCoupleStatus, "204").Profile! with { Measured = [ProfileSettings.UnknownCoupleStatus] };
        await using var inner = new InProcessTarget(description: "faithful");
        inner.Control!.ServerProfile = ProfileJson.Write(served);
        var ids = (await inner.Control.ResetAsync(new WorldSpec(1, [.. accounts], [.. calls]), TestContext.Current.CancellationToken)).Select(c => c.Id).ToList();
        var recorder = new ObservedTarget(inner);
        var real = await RealWorld.ObserveAsync(recorder, accounts, [ids[0]], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);
        await inner.Control.EndCallAsync(ids[1], TestContext.Current.CancellationToken);

        // Act
        var result = await new ConformanceKit(recorder, profile, TextWriter.Null) { Seed = 7, Runs = 80, Real = real, Settle = TimeSpan.Zero }.RunAsync(TestContext.Current.CancellationToken);

        // Assert
        result.Broken.ShouldBeEmpty(Explain(result));
        result.Rules.Single(r => r.Rule.Id == "LST-3").Status.ShouldNotBe(RuleStatus.Differs, Explain(result));
    }

    /// <summary>
    /// PSE-4 on a real recorder under endedCoupleStatus=204: the allowed couple ends before the scenarios pause it, and each
    /// pause is answered 204 as a pause taken would be. The user's list, which no longer holds it, tells that it ended: a
    /// legal event, not a pause the details never show (PSE-1).
    /// </summary>
    [Fact]
    public async Task PSE_4_Under_endedCoupleStatus_204_a_pause_of_an_allowed_couple_that_ended_is_a_legal_event()
    {
        // Arrange
        ModelUser[] accounts = [new("admin", "admin", true, true, []), new("agent", "agent", true, true, [])];
        CallSpec[] calls = [.. Enumerable.Range(0, 3).Select(i => new CallSpec($"55501{i:D2}", $"100{i:D2}", $"10.0.0.{i + 1}", $"10.0.1.{i + 1}"))];
        var profile = KitProfile.Default.With(ProfileSettings.EndedCoupleStatus, "204").Profile!;
        await using var inner = new InProcessTarget(description: "faithful");
        inner.Control!.ServerProfile = ProfileJson.Write(profile);
        var ids = (await inner.Control.ResetAsync(new WorldSpec(1, [.. accounts], [.. calls]), TestContext.Current.CancellationToken)).Select(c => c.Id).ToList();
        var recorder = new ObservedTarget(inner);
        var real = await RealWorld.ObserveAsync(recorder, accounts, [ids[0]], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);
        await inner.Control.EndCallAsync(ids[0], TestContext.Current.CancellationToken);

        // Act
        var result = await new ConformanceKit(recorder, profile, TextWriter.Null) { Seed = 7, Runs = 40, Real = real, Settle = TimeSpan.Zero }.RunAsync(TestContext.Current.CancellationToken);

        // Assert
        result.Broken.ShouldBeEmpty(Explain(result));
        result.Differing.ShouldBeEmpty(Explain(result));
        result.AuditUnchecked.ShouldBeEmpty("the audit reads the couple's 204 as its end (DET-3), not as a couple to check by hand");
        result.ExitCode(requireAllChecked: false).ShouldBe(KitResult.ExitConformant);
    }

    /// <summary>
    /// SES-4 (inferred parts): a servlet container opens a session for any request that asks for one, logged in or not
    /// (a filter that calls getSession()): every answer to a request without a session cookie sets a new, anonymous
    /// JSESSIONID with a path and HttpOnly. That breaks no documented rule; the kit must follow such cookies as a
    /// browser does, and a login still sets the id that counts. Against the default profile it differs on that alone
    /// (anonymousSession=any-request); the probe measures it, and against the probed profile nothing differs.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SES_4_A_recorder_that_opens_an_anonymous_session_for_every_request_without_one_breaks_nothing(bool probedAsARealRecorder)
    {
        // Arrange
        var opened = 0;
        await using var inner = new InProcessTarget((_, handler) => new Rewriting(async (request, send) =>
        {
            var response = await send(request);
            if (Rewriting.SessionOf(request) is null && !response.Headers.Contains("Set-Cookie"))
            {
                Interlocked.Increment(ref opened);
                response.Headers.Add("Set-Cookie", $"JSESSIONID={Guid.NewGuid():N}".ToUpperInvariant()[..43] + "; Path=/callrec; HttpOnly");
            }

            return response;
        }) { InnerHandler = handler });
        var (target, profile, real) = await ThreeAccountsAsync(inner, probedAsARealRecorder);

        // Act
        var result = await new ConformanceKit(target, profile, TextWriter.Null) { Seed = 11, Runs = 120, Real = real, Settle = TimeSpan.Zero }.RunAsync(TestContext.Current.CancellationToken);

        // Assert
        opened.ShouldBeGreaterThan(0, "the scenarios sent requests without a session");
        result.Broken.ShouldBeEmpty(Explain(result));
        if (probedAsARealRecorder)
        {
            profile[ProfileSettings.AnonymousSession].ShouldBe("any-request", "the probe measures it");
            result.Differing.ShouldBeEmpty(Explain(result));
        }
        else
        {
            result.SettingChanges.Select(c => $"{c.Setting}={c.ServerValue}").ShouldBe(["anonymousSession=any-request"], Explain(result));
        }
    }

    /// <summary>
    /// SES-4 (inferred): a recorder whose security filter saves a refused request in a new session for after the login
    /// opens one on its refusals as not logged in alone; an unknown path's 404 to a request without a session sets no
    /// cookie. The probe measures anonymousSession=refusals by that 404 (an independent recorder built so was probed as
    /// any-request before, and a comparison differed on every such 404), and against the probed profile nothing differs.
    /// </summary>
    [Fact]
    public async Task SES_4_A_recorder_that_opens_a_session_only_for_its_refusals_as_not_logged_in_breaks_nothing_and_is_probed_as_such()
    {
        // Arrange
        var (opened, passedOver) = (0, 0);
        var loggedOut = new ConcurrentDictionary<string, bool>(); // ids a logout ended (logoutSession=ended): no live session
        await using var inner = new InProcessTarget((_, handler) => new Rewriting(async (request, send) =>
        {
            var response = await send(request);
            var named = Rewriting.SessionOf(request);
            if (named is not null && Rewriting.Is(request, "POST", "/logoutAction.do"))
            {
                loggedOut[named] = true;
            }
            else if ((named is null || loggedOut.ContainsKey(named)) && !response.Headers.Contains("Set-Cookie"))
            {
                if (response.StatusCode != HttpStatusCode.Forbidden)
                {
                    Interlocked.Increment(ref passedOver);
                    return response;
                }

                Interlocked.Increment(ref opened);
                response.Headers.Add("Set-Cookie", $"JSESSIONID={Guid.NewGuid():N}".ToUpperInvariant()[..43] + "; Path=/callrec; HttpOnly");
            }

            return response;
        }) { InnerHandler = handler });
        var (target, profile, real) = await ThreeAccountsAsync(inner, probedAsARealRecorder: true);

        // Act
        var result = await new ConformanceKit(target, profile, TextWriter.Null) { Seed = 11, Runs = 120, Real = real, Settle = TimeSpan.Zero }.RunAsync(TestContext.Current.CancellationToken);

        // Assert
        profile[ProfileSettings.AnonymousSession].ShouldBe("refusals", "the probe measures it by an unknown path sent without a session");
        opened.ShouldBeGreaterThan(0, "refusals of requests without a session");
        passedOver.ShouldBeGreaterThan(0, "answers to requests without a session that were no refusal");
        result.Broken.ShouldBeEmpty(Explain(result));
        result.Differing.ShouldBeEmpty(Explain(result));
    }

    /// <summary>
    /// Three accounts (every right; list and pause within masks; none) and four calls on <paramref name="inner"/>; as the
    /// simulator it is, or, <paramref name="probedAsARealRecorder"/>, observed as a real recorder, probed, with its
    /// first couple allowed to pause.
    /// </summary>
    private static async Task<(ITarget Target, KitProfile Profile, RealWorld? Real)> ThreeAccountsAsync(InProcessTarget inner, bool probedAsARealRecorder)
    {
        ModelUser[] accounts = [new("admin", "admin", true, true, []), new("agent", "agent", true, true, ["100*"]), new("kiosk", "kiosk", false, false, [])];
        CallSpec[] calls = [.. Enumerable.Range(0, 4).Select(i => new CallSpec($"55501{i:D2}", $"{(i % 2 == 0 ? 100 : 200)}{i:D2}", $"10.0.0.{i + 1}", $"10.0.1.{i + 1}"))];
        var ids = (await inner.Control!.ResetAsync(new WorldSpec(1, [.. accounts], [.. calls]), TestContext.Current.CancellationToken)).Select(c => c.Id).ToList();
        ITarget target = probedAsARealRecorder ? new ObservedTarget(inner) : inner;
        var profile = probedAsARealRecorder ? (await ProbedProfile.OfAsync(new PauseResume.Conformance.Probe.Prober(target, accounts, [ids[0]], TimeSpan.Zero) { Settle = TimeSpan.Zero })).Probed : KitProfile.Default;
        var real = probedAsARealRecorder ? await RealWorld.ObserveAsync(target, accounts, [ids[0]], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken) : null;
        return (target, profile, real);
    }

    /// <summary>
    /// SES-1, SES-4: a clustered recorder behind a load balancer that keeps a client on one node by a cookie of its own,
    /// sessions living on the node that made them. A client that sends back only JSESSIONID reaches a node that never
    /// made its session, and a login seems not to have taken: the kit keeps the balancer's cookie as a browser does, so
    /// the cluster breaks nothing and differs in nothing.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SES_1_SES_4_A_cluster_behind_a_balancer_that_keeps_a_client_on_a_node_by_its_own_cookie_breaks_nothing(bool probedAsARealRecorder)
    {
        // Arrange
        var balancer = default(StickyBalancer);
        await using var inner = new InProcessTarget((_, handler) => balancer = new StickyBalancer { InnerHandler = handler });
        var (target, profile, real) = await ThreeAccountsAsync(inner, probedAsARealRecorder);

        // Act
        var result = await new ConformanceKit(target, profile, TextWriter.Null) { Seed = 12, Runs = 120, Real = real, Settle = TimeSpan.Zero }.RunAsync(TestContext.Current.CancellationToken);

        // Assert
        balancer!.Strays.ShouldBe(0, "every request that named a session reached the node that made it");
        result.Broken.ShouldBeEmpty(Explain(result));
        result.Differing.ShouldBeEmpty(Explain(result));
        result.Rules.Single(r => r.Rule.Id == "SES-1").Status.ShouldBe(RuleStatus.Passed, Explain(result));
    }

    /// <summary>
    /// LST-1, DET-1: a recorder of a later release may write more than the documented elements and attributes (an
    /// agent's name, a recording id) and write the documented ones in another order, with the links last. A client reads
    /// what it knows by name, so none of this breaks a documented rule or differs from a profile.
    /// </summary>
    [Fact]
    public async Task LST_1_DET_1_Documents_with_more_elements_and_attributes_in_another_order_break_nothing()
    {
        // Arrange
        var rewritten = 0;
        await using var inner = new InProcessTarget((_, handler) => new Rewriting(async (request, send) =>
        {
            var response = await send(request);
            return request.Method == HttpMethod.Get && request.RequestUri!.AbsolutePath.Contains("/couples.xml", StringComparison.Ordinal)
                ? await Rewriting.WithXml(response, root =>
                {
                    Interlocked.Increment(ref rewritten);
                    foreach (var couple in root.DescendantsAndSelf().Where(e => e.Name.LocalName == "couples" && e.Attribute("id") is not null))
                    {
                        couple.SetAttributeValue("recordingId", "R-" + couple.Attribute("id")!.Value);
                        var children = couple.Elements().ToList();
                        couple.RemoveNodes();
                        couple.Add(new XElement("agentName", "Agent Smith"), children.Where(c => c.Name.LocalName != "link").Reverse(), children.Where(c => c.Name.LocalName == "link"));
                    }
                })
                : response;
        }) { InnerHandler = handler });
        ModelUser[] accounts = [new("admin", "admin", true, true, []), new("agent", "agent", true, true, ["100*"])];
        CallSpec[] calls = [.. Enumerable.Range(0, 4).Select(i => new CallSpec($"55501{i:D2}", $"{(i % 2 == 0 ? 100 : 200)}{i:D2}", $"10.0.0.{i + 1}", $"10.0.1.{i + 1}"))];
        var ids = (await inner.Control!.ResetAsync(new WorldSpec(1, [.. accounts], [.. calls]), TestContext.Current.CancellationToken)).Select(c => c.Id).ToList();
        var recorder = new ObservedTarget(inner);
        var (probe, probed) = await ProbedProfile.OfAsync(new PauseResume.Conformance.Probe.Prober(recorder, accounts, [ids[0]], TimeSpan.Zero) { Settle = TimeSpan.Zero });
        var real = await RealWorld.ObserveAsync(recorder, accounts, [ids[0]], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);

        // Act
        var result = await new ConformanceKit(recorder, probed, TextWriter.Null) { Seed = 5, Runs = 120, Real = real, Settle = TimeSpan.Zero }.RunAsync(TestContext.Current.CancellationToken);

        // Assert
        rewritten.ShouldBeGreaterThan(0);
        probe.Summary.ShouldNotContain(line => line.Contains("fits no value", StringComparison.Ordinal), string.Join("\n", probe.Summary));
        result.Broken.ShouldBeEmpty(Explain(result));
        result.Differing.ShouldBeEmpty(Explain(result));
    }

    /// <summary>
    /// PSE-4, DET-3 on a real recorder that answers 204 for a couple not in progress and looks the couple up before the
    /// rights and masks (refusalOrder=couple-first): an account without Call List, and a masked one asking for a couple
    /// outside its masks, get 204 only for couples that ended. Their own lists cannot tell (refused or empty without Call
    /// List, LST-7; without the couples outside the masks under unseenCouples=omitted): another account's list does, and
    /// the end is a legal event, not a pause taken that the details never show (PSE-1).
    /// </summary>
    [Theory]
    [InlineData("refused")]
    [InlineData("empty")]
    public async Task PSE_4_Under_couple_first_and_204_an_end_met_by_an_account_whose_list_cannot_tell_is_a_legal_event(string listWithoutCallList)
    {
        // Arrange
        ModelUser[] accounts = [new("admin", "admin", true, true, []), new("kiosk", "kiosk", false, true, []), new("agent", "agent", true, true, ["100*"])];
        CallSpec[] calls = [.. Enumerable.Range(0, 6).Select(i => new CallSpec($"55501{i:D2}", $"{(i % 2 == 0 ? 100 : 200)}{i:D2}", $"10.0.0.{i + 1}", $"10.0.1.{i + 1}"))];
        var profile = KitProfile.Default.With(ProfileSettings.EndedCoupleStatus, "204").Profile!.With(ProfileSettings.UnknownCoupleStatus, "204").Profile!
            .With(ProfileSettings.RefusalOrder, "couple-first").Profile!.With(ProfileSettings.UnseenCouples, "omitted").Profile!
            .With(ProfileSettings.ListWithoutCallList, listWithoutCallList).Profile!;
        await using var inner = new InProcessTarget(description: "faithful");
        inner.Control!.ServerProfile = ProfileJson.Write(profile);
        var ids = (await inner.Control.ResetAsync(new WorldSpec(1, [.. accounts], [.. calls]), TestContext.Current.CancellationToken)).Select(c => c.Id).ToList();
        var recorder = new ObservedTarget(inner);
        var real = await RealWorld.ObserveAsync(recorder, accounts, [ids[0], ids[1]], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);
        await inner.Control.EndCallAsync(ids[0], TestContext.Current.CancellationToken); // called 10000: within agent's masks
        await inner.Control.EndCallAsync(ids[1], TestContext.Current.CancellationToken); // called 20001: outside them

        // Act
        var result = await new ConformanceKit(recorder, profile, TextWriter.Null) { Seed = 7, Runs = 80, Real = real, Settle = TimeSpan.Zero }.RunAsync(TestContext.Current.CancellationToken);

        // Assert
        result.Broken.ShouldBeEmpty(Explain(result));
        result.Differing.ShouldBeEmpty(Explain(result));
    }

    /// <summary>
    /// LST-5 under unseenCouples=omitted on a real recorder whose phone masks match fewer couples than the kit's access
    /// rules predict (which number a mask applies to is inferred): the couples it leaves out of the masked user's list,
    /// and whose details it refuses that user, are still in progress. The kit must not end them (every other account
    /// still lists them). It differs on LST-5's inferred part, and on the access rules wherever the masks decide.
    /// </summary>
    [Fact]
    public async Task Under_omitted_a_couple_the_recorders_masks_leave_out_is_not_ended()
    {
        // Arrange: the recorder's agent sees only 10000; the kit is told its masks are 100*, which match 10002 and 10004 too
        ModelUser[] recorderAccounts = [new("admin", "admin", true, true, []), new("agent", "agent", true, true, ["10000"])];
        ModelUser[] accounts = [recorderAccounts[0], new("agent", "agent", true, true, ["100*"])];
        CallSpec[] calls = [.. Enumerable.Range(0, 6).Select(i => new CallSpec($"55501{i:D2}", $"{(i % 2 == 0 ? 100 : 200)}{i:D2}", $"10.0.0.{i + 1}", $"10.0.1.{i + 1}"))];
        var profile = KitProfile.Default.With(ProfileSettings.UnseenCouples, "omitted").Profile!;
        await using var inner = new InProcessTarget(description: "faithful");
        inner.Control!.ServerProfile = ProfileJson.Write(profile);
        var ids = (await inner.Control.ResetAsync(new WorldSpec(1, [.. recorderAccounts], [.. calls]), TestContext.Current.CancellationToken)).Select(c => c.Id).ToList();
        var recorder = new ObservedTarget(inner);
        var real = await RealWorld.ObserveAsync(recorder, accounts, [ids[0]], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);

        // Act
        var result = await new ConformanceKit(recorder, profile, TextWriter.Null) { Seed = 7, Runs = 60, Real = real, Settle = TimeSpan.Zero }.RunAsync(TestContext.Current.CancellationToken);

        // Assert
        result.Broken.ShouldBeEmpty(Explain(result));
        result.Differing.Select(r => r.Rule.Id).ShouldContain("LST-5", Explain(result));
        result.Differing.Select(r => r.Rule.Id).ShouldNotContain("LST-7", $"no couple in progress was taken for ended\n{Explain(result)}");
        result.Differing.Select(r => r.Rule.Id).ShouldNotContain("LST-1", Explain(result));
    }

    /// <summary>
    /// LST-1 and LST-5 on a real recorder that leaves out what a user may not see, and whose phone masks match one couple
    /// the kit's access rules leave out (by a number its details do not show, say) and miss others they predict: the
    /// couple it lists with a self link is one the user may see, not a sign that the list holds unseen couples, so the
    /// couples it leaves out have not ended. Whatever the kit's unseenCouples, it differs on LST-5 only.
    /// </summary>
    [Theory]
    [InlineData("listed", 6)]
    [InlineData("omitted", 7)]
    public async Task A_recorder_that_omits_and_whose_masks_match_otherwise_breaks_nothing(string unseenCouples, int seed)
    {
        // Arrange: the recorder's agent sees 10000 and 20001; the kit is told its masks are 100*, which match 10000, 10002, 10004
        ModelUser[] recorderAccounts = [new("admin", "admin", true, true, []), new("agent", "agent", true, true, ["10000", "20001"])];
        ModelUser[] accounts = [recorderAccounts[0], new("agent", "agent", true, true, ["100*"])];
        CallSpec[] calls = [.. Enumerable.Range(0, 6).Select(i => new CallSpec($"55501{i:D2}", $"{(i % 2 == 0 ? 100 : 200)}{i:D2}", $"10.0.0.{i + 1}", $"10.0.1.{i + 1}"))];
        await using var inner = new InProcessTarget(description: "faithful");
        inner.Control!.ServerProfile = ProfileJson.Write(KitProfile.Default.With(ProfileSettings.UnseenCouples, "omitted").Profile!);
        var ids = (await inner.Control.ResetAsync(new WorldSpec(1, [.. recorderAccounts], [.. calls]), TestContext.Current.CancellationToken)).Select(c => c.Id).ToList();
        var recorder = new ObservedTarget(inner);
        var real = await RealWorld.ObserveAsync(recorder, accounts, [ids[0]], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);
        var profile = KitProfile.Default.With(ProfileSettings.UnseenCouples, unseenCouples).Profile!;

        // Act
        var result = await new ConformanceKit(recorder, profile, TextWriter.Null) { Seed = seed, Runs = 60, Real = real, Settle = TimeSpan.Zero }.RunAsync(TestContext.Current.CancellationToken);

        // Assert
        result.Broken.ShouldBeEmpty(Explain(result));
        result.Differing.Select(r => r.Rule.Id).ShouldContain("LST-5", Explain(result));
        result.Differing.Select(r => r.Rule.Id).ShouldNotContain("LST-7", $"no couple in progress was taken for ended\n{Explain(result)}");
        result.Differing.Select(r => r.Rule.Id).ShouldNotContain("SES-1", $"no couple in progress was taken for ended, its details' 403 then for a session policy's\n{Explain(result)}");
        result.Differing.Select(r => r.Rule.Id).ShouldNotContain("LST-1", Explain(result));
    }

    /// <summary>
    /// LST-7, DET-3: on a recorder that refuses a couple outside a user's phone masks with 404 and leaves such couples out
    /// of that user's list, with one session per user (no other session of the user may look), the kit cannot tell that
    /// refusal from an end and takes the couple for ended. Another user's list that still holds it, or its details answered
    /// to another user, show the guess wrong: the couple is in progress again, not an ended couple listed or served.
    /// </summary>
    [Theory]
    [InlineData(303)] // its details answered
    [InlineData(308)] // listed
    [InlineData(320)] // listed
    public async Task A_couple_taken_for_ended_on_a_refusal_it_shares_a_status_with_is_in_progress_when_shown_again(int seed)
    {
        // Arrange: the recorder's settings as a probe measured them, and calls outside the agent's masks
        var profile = KitProfile.Default.With(ProfileSettings.OutsideAccessStatus, "404").Profile!
            .With(ProfileSettings.UnseenCouples, "omitted").Profile!
            .With(ProfileSettings.SessionsPerUser, "one").Profile! with
            {
                Name = "probed", Measured = [ProfileSettings.OutsideAccessStatus, ProfileSettings.UnseenCouples, ProfileSettings.SessionsPerUser],
            };
        ModelUser[] accounts = [new("admin", "admin", true, true, []), new("agent", "agent", true, true, ["1001?"])];
        CallSpec[] calls =
        [
            new("5551234", "10012", "10.0.0.21", "10.0.1.7"), new("5550000", "6100", "10.0.1.71", "192.168.7.10"),
            new("10017", "6101", "10.0.1.17", "10.0.2.100"), new("5550101", "20012", "10.0.0.5", "10.0.1.21"),
        ];
        await using var inner = new InProcessTarget(description: "faithful");
        inner.Control!.ServerProfile = ProfileJson.Write(profile with { Name = "recorder" });
        var ids = (await inner.Control.ResetAsync(new WorldSpec(1, [.. accounts], [.. calls]), TestContext.Current.CancellationToken)).Select(c => c.Id).ToList();
        var recorder = new ObservedTarget(inner);
        var real = await RealWorld.ObserveAsync(recorder, accounts, [ids[0]], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);

        // Act
        var result = await new ConformanceKit(recorder, profile, TextWriter.Null) { Seed = seed, Runs = 60, Real = real, Settle = TimeSpan.Zero }.RunAsync(TestContext.Current.CancellationToken);

        // Assert
        result.Broken.ShouldBeEmpty(Explain(result));
        result.Differing.ShouldBeEmpty(Explain(result));
    }

    /// <summary>
    /// LST-4 and LST-6 leave two things to inference: that two filters must both match, and that a value matches a number
    /// or an address exactly. A real recorder that matches a part of the value, on the sides the direction names (as
    /// SQL's LIKE '%x%' would), and joins two filters by "or" breaks no documented rule: the kit says it differs on those
    /// inferences, never that LST-3 is broken (it did once, for a couple whose number begins with the value asked for).
    /// </summary>
    [Theory]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    public async Task A_recorder_whose_filters_match_a_part_and_join_by_or_breaks_nothing(int seed)
    {
        // Arrange: numbers and addresses of which some begin others (10012 and 100123, 10.0.1.7 and 10.0.1.71)
        ModelUser[] accounts = [new("admin", "admin", true, true, []), new("agent", "agent", true, true, ["1001*"])];
        CallSpec[] calls =
        [
            new("5551234", "10012", "10.0.0.21", "10.0.1.7"), new("100123", "5550000", "10.0.1.71", "192.168.7.10"),
            new("10017", "6100", "10.0.1.17", "10.0.2.100"), new("5550101", "20012", "10.0.0.5", "10.0.1.21"),
        ];
        await using var inner = new InProcessTarget((fake, handler) => new Rewriting(async (request, send) =>
        {
            var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(request.RequestUri!.Query);
            string? Value(string name) => query.TryGetValue(name, out var values) ? values.ToString() : null;
            var (phone, phoneSide, ip, ipSide) = (Value("phoneNumber"), Value("phoneNumberDirection"), Value("ipAddress"), Value("ipAddressDirection"));
            if (!Rewriting.IsList(request) || (phone is null && ip is null) || new[] { phoneSide, ipSide }.Any(d => d is not (null or "CALLING" or "CALLED" or "BOTH")))
            {
                return await send(request);
            }

            static bool Part(string? value, string? side, string? calling, string? called) =>
                (side is null or "BOTH" or "CALLING" && calling?.Contains(value!, StringComparison.Ordinal) == true)
                || (side is null or "BOTH" or "CALLED" && called?.Contains(value!, StringComparison.Ordinal) == true);
            var matching = fake.Recorder.Couples().Select(c => c.Couple)
                .Where(c => (phone is not null && Part(phone, phoneSide, c.CallingNumber, c.CalledNumber)) || (ip is not null && Part(ip, ipSide, c.CallingIp, c.CalledIp)))
                .Select(c => c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
            var all = await send(Rewriting.WithQuery(request, _ => string.Empty));
            return await Rewriting.WithXml(all, root => System.Xml.Linq.Extensions.Remove(root.Elements("couples").Where(e => !matching.Contains(e.Attribute("id")!.Value))));
        }) { InnerHandler = handler }, "faithful");
        var ids = (await inner.Control!.ResetAsync(new WorldSpec(1, [.. accounts], [.. calls]), TestContext.Current.CancellationToken)).Select(c => c.Id).ToList();
        var recorder = new ObservedTarget(inner);
        var real = await RealWorld.ObserveAsync(recorder, accounts, [ids[0]], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);

        // Act
        var result = await new ConformanceKit(recorder, KitProfile.Default, TextWriter.Null) { Seed = seed, Runs = 60, Real = real, Settle = TimeSpan.Zero }.RunAsync(TestContext.Current.CancellationToken);

        // Assert
        result.Broken.ShouldBeEmpty(Explain(result));
        result.Differing.Select(r => r.Rule.Id).ShouldBeSubsetOf(["LST-4", "LST-5", "LST-6"], Explain(result));
        result.Differing.Select(r => r.Rule.Id).ShouldContain("LST-6", Explain(result));
    }

    /// <summary>
    /// SES-1 on a real recorder: a login that stops working for good mid-run (a deviant) cannot be told from an account
    /// someone else took, so the kit calls it a difference; it must never pass. (The trade-off is the README's.)
    /// </summary>
    [Fact]
    public async Task A_login_that_stops_working_mid_run_is_never_passed_on_a_real_recorder()
    {
        // Arrange: from its fifth login on, reporter's logins do nothing (refused as a wrong password is)
        ModelUser[] accounts = [new("admin", "admin", true, true, []), new("reporter", "reporter", true, false, [])];
        var logins = 0;
        await using var inner = new InProcessTarget((_, handler) => new Rewriting(async (request, send) =>
            Rewriting.Is(request, "POST", "/callrec/loginAction.do") && Field(await Rewriting.FormOf(request), "login") == "reporter" && Interlocked.Increment(ref logins) > 4
                ? await send(Rewriting.WithForm(request, "login=reporter&password=broken"))
                : await send(request)) { InnerHandler = handler }, "deviant");
        var ids = (await inner.Control!.ResetAsync(new WorldSpec(1, [.. accounts], [new CallSpec("5550100", "10000", "10.0.0.1", "10.0.1.1")]), TestContext.Current.CancellationToken)).Select(c => c.Id).ToList();
        var recorder = new ObservedTarget(inner);
        var real = await RealWorld.ObserveAsync(recorder, accounts, [ids[0]], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);

        // Act
        var result = await new ConformanceKit(recorder, KitProfile.Default, TextWriter.Null) { Seed = 5, Runs = 40, Real = real, Settle = TimeSpan.Zero }.RunAsync(TestContext.Current.CancellationToken);

        // Assert
        result.Rules.Single(r => r.Rule.Id == "SES-1").Status.ShouldBeOneOf([RuleStatus.Failed, RuleStatus.Differs], Explain(result));
        result.Verdict.ShouldNotStartWith("Conformant", Case.Sensitive, result.Verdict);
    }

    /// <summary>
    /// SES-1 on a recorder that keeps a user's first session: a person logged in as an account the kit uses while a
    /// scenario fails and is replayed, and logged out again before the kit asks every account whether it can log in,
    /// leaves no login that does not work. The failure must not stand as a broken documented rule.
    /// </summary>
    [Fact]
    public async Task A_person_who_held_an_account_for_a_while_leaves_no_broken_login()
    {
        // Arrange: the person takes reporter from the 300th request on, and leaves as the kit starts to ask every account
        // (a fresh client whose first requests are a login, a list, a logout and another login)
        ModelUser[] accounts = [new("admin", "admin", true, true, []), new("reporter", "reporter", true, false, [])];
        var requests = 0;
        var present = 0; // 0: not yet, 1: logged in as reporter, 2: gone
        await using var inner = new InProcessTarget((_, handler) =>
        {
            var seen = new List<string>(); // this client's requests
            return new Rewriting(async (request, send) =>
            {
                seen.Add($"{request.Method} {request.RequestUri!.AbsolutePath}");
                if (Interlocked.Increment(ref requests) > 300)
                {
                    Interlocked.CompareExchange(ref present, 1, 0);
                }

                if (seen is ["POST /callrec/loginAction.do", "GET /callrec/restful/couples.xml", "POST /callrec/logoutAction.do", "POST /callrec/loginAction.do"] && present == 1)
                {
                    present = 2;
                }

                return present == 1 && Rewriting.Is(request, "POST", "/callrec/loginAction.do") && Field(await Rewriting.FormOf(request), "login") == "reporter"
                    ? await send(Rewriting.WithForm(request, "login=reporter&password=held")) // refused as a wrong password is (SES-3)
                    : await send(request);
            }) { InnerHandler = handler };
        }, "faithful");
        var ids = (await inner.Control!.ResetAsync(new WorldSpec(1, [.. accounts], [new CallSpec("5550100", "10000", "10.0.0.1", "10.0.1.1")]), TestContext.Current.CancellationToken)).Select(c => c.Id).ToList();
        var recorder = new ObservedTarget(inner);
        var real = await RealWorld.ObserveAsync(recorder, accounts, [ids[0]], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);

        // Act
        var result = await new ConformanceKit(recorder, KitProfile.Default, TextWriter.Null) { Seed = 3, Runs = 60, Real = real, Settle = TimeSpan.Zero }.RunAsync(TestContext.Current.CancellationToken);

        // Assert
        present.ShouldBe(2, "the person came and went during the run");
        result.Broken.ShouldBeEmpty($"SES-1: every login of the account worked whenever no one else held it\n{Explain(result)}");
        result.Differing.ShouldBeEmpty($"no setting explains a refusal that came from someone else's session\n{Explain(result)}");
        result.Rules.Single(r => r.Rule.Id == "SES-1").Detail.ShouldContain("every account logged in afterwards", Case.Sensitive, "SES-1: " + Explain(result));
    }

    /// <summary>
    /// SES-1 on a recorder that keeps a user's first session: a person already logged in as an account the kit was given
    /// makes each of the kit's logins of it do nothing. Before any scenario, the kit says so and stops (exit 2), rather
    /// than calling the login broken.
    /// </summary>
    [Fact]
    public async Task An_account_someone_else_holds_before_the_run_stops_the_kit_with_the_account_named()
    {
        // Arrange: the recorder refuses every login of "reporter" as a wrong password is refused (its session is taken)
        ModelUser[] accounts = [new("admin", "admin", true, true, []), new("reporter", "reporter", true, false, [])];
        await using var inner = new InProcessTarget((_, handler) => new Rewriting(async (request, send) =>
            Rewriting.Is(request, "POST", "/callrec/loginAction.do") && Field(await Rewriting.FormOf(request), "login") == "reporter"
                ? await send(Rewriting.WithForm(request, "login=reporter&password=held"))
                : await send(request)) { InnerHandler = handler }, "faithful");
        await inner.Control!.ResetAsync(new WorldSpec(1, [.. accounts], [new CallSpec("5550100", "10000", "10.0.0.1", "10.0.1.1")]), TestContext.Current.CancellationToken);

        // Act
        var observing = RealWorld.ObserveAsync(new ObservedTarget(inner), accounts, [], allowPause: false, TimeSpan.Zero, TestContext.Current.CancellationToken);

        // Assert
        var stopped = await Should.ThrowAsync<TargetException>(observing);
        stopped.Message.ShouldContain("reporter could not list the couples after logging in (403)");
        stopped.Message.ShouldContain("no one else is logged in as reporter");
    }

    /// <summary>
    /// A recorder that refuses with 400 a resume of a recording couple, in a POST's body and in the query alike: those
    /// asked for nothing to change, and a change is taken, so PSE-1 is kept and only PSE-3's inference differs.
    /// </summary>
    [Fact]
    public async Task PSE_1_Refusals_in_every_place_of_resumes_that_change_nothing_break_nothing_documented()
    {
        // Arrange
        ModelUser[] accounts = [new("admin", "admin", true, true, [])];
        await using var inner = new InProcessTarget((recorder, handler) => new Rewriting(async (request, send) =>
            request.Method != HttpMethod.Get && Rewriting.IsPausedState(request) && recorder.Recorder.Find(long.Parse(request.RequestUri!.AbsolutePath.Split('/')[^2], System.Globalization.CultureInfo.InvariantCulture)) is { Paused: false }
            && Field(await Rewriting.FormOf(request) + "&" + request.RequestUri.Query.TrimStart('?'), "paused") == "false"
                ? new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent("the couple records already") }
                : await send(request)) { InnerHandler = handler }, "faithful");
        var couples = await inner.Control!.ResetAsync(new WorldSpec(1, [.. accounts], [new CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken);
        var recorder = new ObservedTarget(inner);
        var real = await RealWorld.ObserveAsync(recorder, accounts, [.. couples.Select(c => c.Id)], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);
        var resumes = new Scenario(real.World, [
            new Commands.LoginCommand(0, 0, Commands.PasswordKind.Right, WithCookie: true),
            new Commands.SetPausedCommand(0, new Commands.CoupleRef(0), false, Commands.PausedValue.False, false),
            new Commands.SetPausedCommand(0, new Commands.CoupleRef(0), false, Commands.PausedValue.False, true)]);
        var runner = new ScenarioRunner(recorder, TimeSpan.Zero, real) { Settle = TimeSpan.Zero };

        // Act: as the kit does, the first refusal (a state-neutral difference) is tolerated and the scenario run again
        var first = await runner.RunAsync(resumes, KitProfile.Default, null, null, TestContext.Current.CancellationToken);
        var outcome = await runner.RunAsync(resumes, KitProfile.Default, null, new HashSet<string> { RuleLedger.Signature(first.Broken!) }, TestContext.Current.CancellationToken);

        // Assert
        var trace = string.Join("\n", outcome.Trace);
        first.Broken!.Documented.ShouldBeFalse(string.Join("\n", first.Trace));
        outcome.Trace.Count(line => line.Contains("→ 400", StringComparison.Ordinal)).ShouldBe(2, trace);
        outcome.Broken.ShouldNotBeNull(trace);
        outcome.Broken.Documented.ShouldBeFalse($"PSE-3: that a resume of a recording couple succeeds is inferred\n{outcome.Broken.Rule}: {outcome.Broken.What}\n{trace}");
        (await inner.Control.PausedStatesAsync(TestContext.Current.CancellationToken)).ShouldAllBe(c => !c.Paused, "the change that told is undone");
    }

    [Fact]
    public async Task PSE_3_A_recorder_that_answers_a_pause_200_with_a_page_differs_on_PSE3_only()
    {
        // Arrange: every pause or resume it takes is answered 200 with a short page, not 204
        Rewriting Answers200(HttpMessageHandler inner) => new(async (request, send) =>
        {
            var response = await send(request);
            if (Rewriting.IsPausedState(request) && response.StatusCode == HttpStatusCode.NoContent)
            {
                response.StatusCode = HttpStatusCode.OK;
                response.Content = new StringContent("<html><body>OK</body></html>", System.Text.Encoding.UTF8, "text/html");
            }

            return response;
        }) { InnerHandler = inner };

        // Act
        var result = await CheckAsync(Answers200, runs: 80, seed: 3);

        // Assert
        result.Broken.ShouldBeEmpty(Explain(result));
        result.Differing.Select(r => r.Rule.Id).ShouldBe(["PSE-3"], Explain(result));
        result.Rules.Single(r => r.Rule.Id == "PSE-3").Detail.ShouldContain("taken is answered 204", Case.Sensitive, Explain(result));
    }

    /// <summary>
    /// SES-3, SES-5: as a Struts action may, every login and logout is answered 302 to the start page (the same for all).
    /// Under loginPage=redirect that is the recorder's answer, with the logout at the inferred path; under the default
    /// profile, whose login answers a page (SES-4, inferred), it differs on loginPage and breaks nothing (it passed
    /// unnoticed, and a client tested against the page never met the 302 it would get).
    /// </summary>
    [Fact]
    public async Task SES_5_A_recorder_that_answers_every_login_and_logout_with_the_same_redirect_logs_out_at_the_inferred_path()
    {
        // Arrange
        var redirecting = KitProfile.Default.With(ProfileSettings.LoginPage, "redirect").Profile!;

        // Act
        await using var target = new InProcessTarget((_, inner) => Redirects(inner), "faithful");
        var result = await new ConformanceKit(target, redirecting, TextWriter.Null) { Seed = 20261130, Runs = 60 }.RunAsync(TestContext.Current.CancellationToken);
        var underDefault = await CheckAsync(Redirects, runs: 20);
        var runner = new ScenarioRunner(target, TimeSpan.Zero, null);
        var world = new WorldSpec(1, [new("admin", "admin", true, true, [])], []);
        var loggedInBefore = await runner.RunAsync(new Scenario(world, [new LoginCommand(0, 0, PasswordKind.Right, WithCookie: true), new LogoutCommand(0)]), redirecting, null, null, TestContext.Current.CancellationToken);
        var loneLogout = await runner.RunAsync(new Scenario(world, [new LogoutCommand(0)]), redirecting, null, null, TestContext.Current.CancellationToken);

        // Assert
        result.Broken.ShouldBeEmpty(Explain(result));
        result.Differing.ShouldBeEmpty(Explain(result));
        result.Rules.Single(r => r.Rule.Id == "SES-5").Status.ShouldBe(RuleStatus.Passed, $"SES-5: the logout is answered as a login is\n{Explain(result)}");
        loggedInBefore.Broken.ShouldBeNull();
        loneLogout.Broken.ShouldBeNull("a logout with no login before it in its scenario is answered as an earlier scenario's login was");
        underDefault.Broken.ShouldBeEmpty(Explain(underDefault));
        underDefault.Differing.Select(r => r.Rule.Id).ShouldBe(["SES-3"], Explain(underDefault));
        underDefault.Rules.Single(r => r.Rule.Id == "SES-3").Detail.ShouldContain("loginPage=redirect", Case.Sensitive, Explain(underDefault));
    }

    /// <summary>
    /// SES-3 (documented): a recorder that redirects a login that worked to its start and one that did not to
    /// <c>login.jsp?error=true</c> tells the outcome, under loginPage=redirect too. The redirect's target is part of what
    /// every login answers alike; the kit compared status, type and body only, and called such a recorder faithful.
    /// </summary>
    [Fact]
    public async Task SES_3_A_recorder_whose_redirect_names_the_outcome_breaks_SES_3()
    {
        // Arrange
        var redirecting = KitProfile.Default.With(ProfileSettings.LoginPage, "redirect").Profile!;
        await using var target = new InProcessTarget((recorder, inner) => Redirects(inner, answer =>
        {
            var id = answer.Headers.TryGetValues("Set-Cookie", out var cookies)
                ? cookies.Select(c => c.Split(';')[0]).FirstOrDefault(c => c.StartsWith("JSESSIONID=", StringComparison.Ordinal))?["JSESSIONID=".Length..]
                : null;
            return id is not null && recorder.Recorder.LoginOf(id) is not null ? "/callrec/" : "/callrec/login.jsp?error=true";
        }), "tells the outcome by its redirect");

        // Act
        var result = await new ConformanceKit(target, redirecting, TextWriter.Null) { Seed = 20261130, Runs = 60 }.RunAsync(TestContext.Current.CancellationToken);

        // Assert
        result.Broken.Select(r => r.Rule.Id).ShouldContain("SES-3", Explain(result));
    }

    /// <summary>
    /// SES-3, SES-5: the same recorder observed as a real one, whose run starts with a scenario that logs out before any
    /// scenario logged in: the logout's redirect is compared with the observation's login, not failed for want of one
    /// (such a run once called SES-5 "not checked": the first scenario failed, its replay passed).
    /// </summary>
    [Fact]
    public async Task SES_5_On_a_real_recorder_that_redirects_every_login_and_logout_a_logout_in_the_runs_first_scenario_is_answered_as_a_login()
    {
        // Arrange
        ModelUser[] accounts = [new("admin", "admin", true, true, [])];
        await using var inner = new InProcessTarget((_, handler) => Redirects(handler), "faithful");
        await inner.Control!.ResetAsync(new WorldSpec(1, [.. accounts], [new CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken);
        var recorder = new ObservedTarget(inner);
        var real = await RealWorld.ObserveAsync(recorder, accounts, [], allowPause: false, TimeSpan.Zero, TestContext.Current.CancellationToken);
        var runner = new ScenarioRunner(recorder, TimeSpan.Zero, real);

        // Act
        var loneLogout = await runner.RunAsync(new Scenario(real.World, [new LogoutCommand(0)]), KitProfile.Default, null, null, TestContext.Current.CancellationToken);

        // Assert
        loneLogout.Broken.ShouldBeNull("the run's first logout is answered as the observation's login was");
    }

    /// <summary>
    /// SES-3: a Struts login page whose form action a servlet container rewrites with <c>;jsessionid=</c> for a request
    /// that named no session by cookie, and not for one that did: the pages differ by the session alone, whatever the
    /// login did, which breaks nothing (it once read as SES-3 broken, documented). Its logout answers the same page.
    /// </summary>
    [Theory]
    [InlineData(1101)]
    [InlineData(902)]
    public async Task SES_3_A_login_page_whose_links_carry_the_session_only_for_a_request_without_one_breaks_nothing(int seed)
    {
        var result = await CheckAsync(inner => new Rewriting(async (request, send) =>
        {
            var response = await send(request);
            if (Rewriting.Is(request, "POST", "/callrec/loginAction.do") || Rewriting.Is(request, "POST", "/callrec/logoutAction.do"))
            {
                var rewritten = SessionOf(request) is null && SetSessionOf(response) is { } id ? $";jsessionid={id}" : string.Empty;
                response.Content = new StringContent($"<html><body><form action=\"/callrec/loginAction.do{rewritten}\" method=\"post\"><input name=\"login\"/></form></body></html>", System.Text.Encoding.UTF8, "text/html");
            }

            return response;
        }) { InnerHandler = inner }, seed: seed);

        result.Broken.ShouldBeEmpty(Explain(result));
        result.Differing.ShouldBeEmpty(Explain(result));
    }

    /// <summary>
    /// SES-5, SES-4: a logout that deletes the session cookie (an empty JSESSIONID with Max-Age=0, as a logout action that
    /// clears it writes) sets no session: the probe measures logoutSessionId=none, and a run then breaks nothing. It was
    /// read as a new session id of no id's shape, and the run differed with no value to name. A deletion by an expiry in
    /// the past alone (a value, no Max-Age) is one too: it was read as a new id, and so a logout that ended the session.
    /// </summary>
    [Theory]
    [InlineData("JSESSIONID=; Max-Age=0; Expires=Thu, 01-Jan-1970 00:00:10 GMT; Path=/callrec")]
    [InlineData("JSESSIONID=deleted; Expires=Thu, 01-Jan-1970 00:00:10 GMT; Path=/callrec")]
    [InlineData("JSESSIONID=deleted; Expires=Thu Jan  1 00:00:10 1970; Path=/callrec")]
    public async Task SES_5_A_logout_that_deletes_the_session_cookie_is_probed_as_setting_none_and_then_breaks_nothing(string deletion)
    {
        // Arrange
        await using var target = new InProcessTarget((_, inner) => new Rewriting(async (request, send) =>
        {
            var response = await send(request);
            if (Rewriting.Is(request, "POST", "/callrec/logoutAction.do"))
            {
                response.Headers.Remove("Set-Cookie");
                response.Headers.TryAddWithoutValidation("Set-Cookie", deletion);
            }

            return response;
        }) { InnerHandler = inner }, "faithful");
        var probe = await new PauseResume.Conformance.Probe.Prober(target, [], [], TimeSpan.Zero).ProbeAsync(TestContext.Current.CancellationToken);
        var probed = ProfileJson.Read(System.Text.Json.JsonDocument.Parse(probe.Json).RootElement);

        // Act
        var result = await new ConformanceKit(target, probed, TextWriter.Null) { Seed = 23, Runs = 60 }.RunAsync(TestContext.Current.CancellationToken);

        // Assert
        probed[ProfileSettings.LogoutSessionId].ShouldBe("none", string.Join("\n", probe.Summary));
        result.Broken.ShouldBeEmpty(Explain(result));
        result.Differing.ShouldBeEmpty(Explain(result));
    }

    /// <summary>
    /// SES-5, SES-4: a Struts logout calls request.getSession().invalidate(): for a request naming no session the container
    /// makes one, sets its cookie and invalidates it, so that logout sets the id of a dead session while a logout of a
    /// logged-in session sets none. The probe took the cookie for a kept session (logoutSession=logged-out, fresh) and the
    /// comparison then differed; a logout naming that dead id gets a new one, so it is logoutSessionId=none with the session
    /// ended, and a run under the probed profile breaks nothing and differs in nothing.
    /// </summary>
    [Theory]
    [InlineData("kept")]
    [InlineData("fresh")]
    public async Task SES_5_A_logout_that_sets_a_dead_sessions_id_when_it_names_no_session_is_probed_as_none_and_then_breaks_nothing(string loginSessionId)
    {
        // Arrange: the recorder ends the session and sets no cookie; a logout that names no live session gets a dead one
        await using var target = new InProcessTarget((recorder, inner) => new Rewriting(async (request, send) =>
        {
            var named = SessionNamedBy(request);
            var live = named is not null && recorder.Recorder.Sessions().Any(s => s.Id == named);
            var response = await send(request);
            if (Rewriting.Is(request, "POST", "/callrec/logoutAction.do") && !live)
            {
                response.Headers.Remove("Set-Cookie");
                response.Headers.TryAddWithoutValidation("Set-Cookie", $"JSESSIONID={Guid.NewGuid().ToString("N").ToUpperInvariant()}; Path=/callrec; HttpOnly");
            }

            return response;
        }) { InnerHandler = inner }, "faithful");
        var recorderProfile = KitProfile.Default.With(ProfileSettings.LoginSessionId, loginSessionId).Profile!.With(ProfileSettings.LogoutSessionId, "none").Profile!;
        target.Control!.ServerProfile = ProfileJson.Write(recorderProfile with { Name = "recorder" });
        var probe = await new PauseResume.Conformance.Probe.Prober(target, [], [], TimeSpan.Zero).ProbeAsync(TestContext.Current.CancellationToken);
        var probed = ProfileJson.Read(System.Text.Json.JsonDocument.Parse(probe.Json).RootElement);

        // Act
        var result = await new ConformanceKit(target, probed, TextWriter.Null) { Seed = 29, Runs = 60 }.RunAsync(TestContext.Current.CancellationToken);

        // Assert
        (probed[ProfileSettings.LogoutSession], probed[ProfileSettings.LogoutSessionId]).ShouldBe(("ended", "none"), string.Join("\n", probe.Summary));
        result.Broken.ShouldBeEmpty(Explain(result));
        result.Differing.ShouldBeEmpty(Explain(result));
    }

    /// <summary>
    /// SES-5, SES-4: a logout that ends only the login keeps the id, and its answer may set that same id again (a page that
    /// writes the session cookie on every answer): nothing a client holds changes. Under logoutSession=logged-out-new-id
    /// with logoutSessionId=none, which is logged-out's behaviour, the kit once took the repeated id for a new cookie where
    /// none was due.
    /// </summary>
    [Theory]
    [InlineData("logged-out")]
    [InlineData("logged-out-new-id")]
    public async Task SES_5_A_logout_that_keeps_the_id_and_sets_it_again_breaks_nothing(string checkedAs)
    {
        // Arrange: the recorder keeps the id a logout names and writes it again in the answer
        await using var target = new InProcessTarget((_, inner) => new Rewriting(async (request, send) =>
        {
            var named = SessionNamedBy(request);
            var response = await send(request);
            if (Rewriting.Is(request, "POST", "/callrec/logoutAction.do") && named is not null && !response.Headers.Contains("Set-Cookie"))
            {
                response.Headers.TryAddWithoutValidation("Set-Cookie", $"JSESSIONID={named}; Path=/callrec; HttpOnly");
            }

            return response;
        }) { InnerHandler = inner }, "faithful");
        var served = KitProfile.Default.With(ProfileSettings.LogoutSession, "logged-out").Profile!.With(ProfileSettings.LogoutSessionId, "none").Profile!;
        target.Control!.ServerProfile = ProfileJson.Write(served with { Name = "recorder" });
        var against = served.With(ProfileSettings.LogoutSession, checkedAs).Profile! with { Name = checkedAs };

        // Act
        var result = await new ConformanceKit(target, against, TextWriter.Null) { Seed = 31, Runs = 60 }.RunAsync(TestContext.Current.CancellationToken);

        // Assert
        result.Broken.ShouldBeEmpty(Explain(result));
        result.Differing.ShouldBeEmpty(Explain(result));
    }

    /// <summary>The JSESSIONID a request's Cookie header names, if any.</summary>
    private static string? SessionNamedBy(HttpRequestMessage request) =>
        request.Headers.TryGetValues("Cookie", out var cookies)
            ? cookies.SelectMany(c => c.Split(';')).Select(c => c.Trim()).FirstOrDefault(c => c.StartsWith("JSESSIONID=", StringComparison.Ordinal))?["JSESSIONID=".Length..]
            : null;

    /// <summary>Every login and logout answered 302 to the start page, as a Struts action may (SES-3: the same for all).</summary>
    /// <summary>Every login and logout answered 302 to the same start page.</summary>
    private static Rewriting Redirects(HttpMessageHandler inner) => Redirects(inner, _ => "/callrec/index.html");

    /// <summary>Every login and logout answered 302, to the target <paramref name="location"/> gives for the simulator's answer.</summary>
    private static Rewriting Redirects(HttpMessageHandler inner, Func<HttpResponseMessage, string> location) => new(async (request, send) =>
    {
        var response = await send(request);
        if (Rewriting.Is(request, "POST", "/callrec/loginAction.do") || Rewriting.Is(request, "POST", "/callrec/logoutAction.do"))
        {
            var to = location(response);
            response.StatusCode = HttpStatusCode.Found;
            response.Headers.Location = new Uri(to, UriKind.Relative);
            response.Content = new ByteArrayContent([]);
        }

        return response;
    }) { InnerHandler = inner };

    private static string? Field(string form, string name) =>
        form.Split('&').Select(p => p.Split('=', 2)).Where(p => p.Length == 2 && p[0] == name).Select(p => Uri.UnescapeDataString(p[1])).FirstOrDefault();

    /// <summary>The simulator, with every answer to a session the account "agent" logged in to passed through <paramref name="change"/>.</summary>
    private static InProcessTarget ChangingAgentAnswers(Func<HttpRequestMessage, HttpResponseMessage, Task<HttpResponseMessage>> change)
    {
        var sessions = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        return new InProcessTarget((_, handler) => new Rewriting(async (request, send) =>
        {
            var agent = Rewriting.Is(request, "POST", "/callrec/loginAction.do") && Field(await Rewriting.FormOf(request), "login") == "agent";
            var response = await send(request);
            if (agent && SetSessionOf(response) is { } session)
            {
                sessions[session] = true;
            }

            return SessionOf(request) is { } id && sessions.ContainsKey(id) ? await change(request, response) : response;
        }) { InnerHandler = handler }, "faithful");
    }

    private static string? SessionOf(HttpRequestMessage request) =>
        request.Headers.TryGetValues("Cookie", out var cookies)
            ? cookies.SelectMany(c => c.Split(';')).Select(c => c.Trim()).Where(c => c.StartsWith("JSESSIONID=", StringComparison.Ordinal)).Select(c => c["JSESSIONID=".Length..]).LastOrDefault()
            : null;

    private static string? SetSessionOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.Select(c => c.Split(';')[0].Trim()).Where(c => c.StartsWith("JSESSIONID=", StringComparison.Ordinal)).Select(c => c["JSESSIONID=".Length..]).LastOrDefault()
            : null;

    [Fact]
    public async Task A_recorder_that_looks_a_couple_up_before_the_session_differs_on_DET_3_and_PSE_4_and_breaks_no_session_rule()
    {
        // Arrange: a couple not in progress is a 404 whether or not the request carries a logged-in session
        static Rewriting UnknownFirst(FakeRecorder recorder, HttpMessageHandler inner) => new(async (request, send) =>
        {
            var segments = request.RequestUri!.AbsolutePath.Split('/');
            var coupleId = Rewriting.IsPausedState(request) ? segments[^2] : segments[^1];
            return request.RequestUri.AbsolutePath.Contains("/couples.xml/", StringComparison.Ordinal) && long.TryParse(coupleId, out var id)
                && recorder.Recorder.Find(id) is not { EndedAt: null }
                ? new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent("no such couple") }
                : await send(request);
        }) { InnerHandler = inner };
        await using var target = new InProcessTarget(UnknownFirst, "faithful");

        // Act
        var result = await new ConformanceKit(target, KitProfile.Default, TextWriter.Null) { Seed = 20261130, Runs = 150 }.RunAsync(TestContext.Current.CancellationToken);

        // Assert
        result.Broken.ShouldBeEmpty($"SES-2, SES-5, LST-2: an unknown couple's 404 says nothing of the session\n{Explain(result)}");
    }

    /// <summary>
    /// GEN-1: a recorder may check the session and the Call List right in a servlet filter on /restful/* before JAX-RS
    /// routes a path, so an unknown path there is refused (403) to a user who may not list. The kit sends a path in
    /// another case in a session only where its user's list would be served; before, such a recorder differed on GEN-1.
    /// Without a session its unknown path is refused 403 too: unknownPathOrder=after-login, which the default profile
    /// reports as a difference, never as a documented rule broken.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task GEN_1_A_recorder_that_checks_the_Call_List_right_before_it_routes_a_path_passes(int seed)
    {
        // Arrange: a 404 of a GET under /callrec/restful/ becomes a 403 where the same session's list is refused
        await using var target = new InProcessTarget((_, inner) => new Rewriting(async (request, send) =>
        {
            var response = await send(request);
            if (request.Method == HttpMethod.Get && request.RequestUri!.AbsolutePath.StartsWith("/callrec/restful/", StringComparison.Ordinal) && response.StatusCode == HttpStatusCode.NotFound)
            {
                using var list = new HttpRequestMessage(HttpMethod.Get, new Uri(request.RequestUri, "/callrec/restful/couples.xml"));
                foreach (var header in request.Headers)
                {
                    list.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }

                using var listed = await send(list);
                if (listed.StatusCode == HttpStatusCode.Forbidden)
                {
                    return new HttpResponseMessage(HttpStatusCode.Forbidden) { Content = new StringContent("no right") };
                }
            }

            return response;
        }) { InnerHandler = inner }, "checks Call List before routing");

        // Act
        var guarded = KitProfile.Default.With(ProfileSettings.UnknownPathOrder, "after-login").Profile! with { Name = "guarded" };
        var result = await new ConformanceKit(target, guarded, TextWriter.Null) { Seed = seed, Runs = 150, Focus = "GEN-1" }.RunAsync(TestContext.Current.CancellationToken);
        var byDefault = await new ConformanceKit(target, KitProfile.Default, TextWriter.Null) { Seed = seed, Runs = 150, Focus = "GEN-1" }.RunAsync(TestContext.Current.CancellationToken);

        // Assert
        result.Failures.ShouldBeEmpty($"GEN-1: a refusal before routing is no difference of the path's case\n{Explain(result)}");
        byDefault.Broken.ShouldBeEmpty($"GEN-1 is inferred: an unknown path refused 403 without a session differs from the default profile, it breaks no documented rule\n{Explain(byDefault)}");
    }
}

