using System.Net;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using PauseResume.Simulator.Hosting;
using PauseResume.Simulator.Tests.Support;
using static PauseResume.Simulator.Tests.Support.TestWorlds;

namespace PauseResume.Simulator.Tests.Http;

/// <summary>"Bad input in general": nothing a client sends yields a 5xx, and a refused request changes nothing.</summary>
public sealed class BadInputTests
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"];

    private static readonly string[] Paths =
    [
        "/callrec/loginAction.do", "/callrec/logoutAction.do", "/callrec/restful/couples.xml", "/callrec/restful/couples.xml/",
        $"/callrec/restful/couples.xml/{AgentsCouple}", $"/callrec/restful/couples.xml/{AgentsCouple}/pausedState",
        "/callrec/restful/couples.xml/-1/pausedState", "/callrec/restful/couples.xml/99999999999999999999999/pausedState",
        "/callrec/restful/couples.xml/24197.5", "/callrec", "/", "/callrec/restful/couples.json",
        "/simulator/calls", $"/simulator/calls/{OthersCouple}", "/simulator/calls/x", "/simulator/users", "/simulator/profile",
    ];

    private static readonly string[] Names = ["paused", "pause", "login", "password", "phoneNumber", "phoneNumberDirection", "ipAddress", "ipAddressDirection", "x"];

    private static readonly string[] Values = ["true", "false", "TRUE", "", "CALLING", "BOTH", "10031", "10.0.0.5", "admin", "secret", "%", "%ZZ", "\u00e9\u4e2d", "<x/>", "{", new string('9', 5000)];

    private static readonly string[] ContentTypes = ["application/x-www-form-urlencoded", "application/json", "application/xml", "text/plain", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded; charset=bogus"];

    public sealed record Junk(string Method, string Path, string Query, string? ContentType, string Body, bool LoggedIn)
    {
        public override string ToString() => $"{Method} {Path}?{Query} [{ContentType}] {(Body.Length > 80 ? Body[..80] + "…" : Body)} loggedIn={LoggedIn}";
    }

    private static Gen<string> Pairs(Gen<string> extraValues) =>
        Gen.Zip(Gen.Elements(Names), Gen.OneOf(Gen.Elements(Values), extraValues))
            .Select(p => $"{Uri.EscapeDataString(p.Item1)}={Uri.EscapeDataString(p.Item2)}")
            .ListOf()
            .Select(list => string.Join("&", list));

    private static Arbitrary<Junk> AnyJunk()
    {
        var text = ArbMap.Default.GeneratorFor<string>().Select(s => s ?? string.Empty);
        var body = Gen.OneOf(Pairs(text), text, Gen.Constant(string.Empty), Pairs(text).Select(s => s.Replace('=', '%')));
        return (from method in Gen.Elements(Methods)
                from path in Gen.Elements(Paths)
                from query in Pairs(text)
                from type in Gen.Elements(ContentTypes).OrNull()
                from content in body
                from loggedIn in ArbMap.Default.GeneratorFor<bool>()
                select new Junk(method, path, query, type, content, loggedIn)).ToArbitrary();
    }

    [Fact]
    public async Task GEN_3_Random_requests_never_get_a_5xx_and_refused_ones_change_nothing()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var http = recorder.CreateClient();
        var admin = await LegacyClient.LoggedInAsync(http, "admin", "secret");

        Prop.ForAll(AnyJunk(), async junk =>
        {
            var before = StateProbe.Of(recorder.Recorder);
            using var request = new HttpRequestMessage(new HttpMethod(junk.Method), junk.Path + (junk.Query.Length > 0 ? "?" + junk.Query : string.Empty));
            if (junk.ContentType is not null && junk.Method is not "GET" and not "HEAD")
            {
                request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(junk.Body));
                request.Content.Headers.TryAddWithoutValidation("Content-Type", junk.ContentType);
            }

            request.Headers.Add("Cookie", junk.LoggedIn ? $"JSESSIONID={admin.SessionId}" : "junk=1");
            var response = await http.SendAsync(request);
            var status = (int)response.StatusCode;
            var unchanged = status is >= 200 and < 300 || StateProbe.Of(recorder.Recorder) == before;
            return (status < 500).Label($"no 5xx, got {status}").And(unchanged.Label($"{status} changed the state"));
        }).QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData("paused=" + "x")]
    [InlineData("paused=true&paused=TRUE&paused=false")]
    [InlineData("%%%%=%%%")]
    [InlineData("paused")]
    [InlineData("=true")]
    public async Task Malformed_pause_forms_are_400_and_change_nothing(string body)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");
        var before = StateProbe.Of(recorder.Recorder);

        var response = await client.SetPausedAsync(AgentsCouple, body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, body);
        StateProbe.Of(recorder.Recorder).ShouldBe(before);
    }

    [Fact]
    public async Task A_form_value_beyond_the_limit_is_400_not_a_crash()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");

        var response = await client.SetPausedAsync(AgentsCouple, "paused=" + new string('t', 100_000));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("form body could not be read");
    }

    /// <summary>
    /// GEN-3: in-process nothing limits a body's size but the simulator itself. A form within its field limits but over the
    /// largest body is a 400 (PSE-2: pausedState has no 413) that says so; it used to be read whole, a chunk of the bodies'
    /// memory at a time while it held the rest.
    /// </summary>
    [Fact]
    public async Task GEN_3_In_process_a_form_over_the_largest_body_is_400_naming_the_size()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");
        var before = StateProbe.Of(recorder.Recorder);
        var body = "paused=true" + string.Concat(Enumerable.Range(0, 40).Select(i => $"&v{i}=" + new string('v', 50_000)));

        var response = await client.SetPausedAsync(AgentsCouple, body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain($"the form body could not be read: it is longer than the {SimulatorOptions.MaxRequestBodyBytes} bytes this server reads");
        StateProbe.Of(recorder.Recorder).ShouldBe(before);
        recorder.Recorder.Couples().Single(c => c.Couple.Id == AgentsCouple).Paused.ShouldBeFalse();
    }

    /// <summary>GEN-3: each of the form's limits (256 values, names of 1,024 characters, values of 64 KiB) is a 400 that says which.</summary>
    [Theory]
    [InlineData("count", "the form body could not be read: it has over 256 fields (PSE-2)")]
    [InlineData("key", "the form body could not be read: a field's name is over 1024 characters (PSE-2)")]
    [InlineData("value", "the form body could not be read: a field's value is over 65536 characters (PSE-2)")]
    public async Task GEN_3_A_form_beyond_one_of_its_limits_is_400_naming_the_limit(string beyond, string says)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");
        var before = StateProbe.Of(recorder.Recorder);
        var body = beyond switch
        {
            "count" => "paused=true" + string.Concat(Enumerable.Range(0, 256).Select(i => $"&v{i}=1")),
            "key" => "paused=true&" + new string('k', 1025) + "=1",
            _ => "paused=true&note=" + new string('v', 65537),
        };

        var response = await client.SetPausedAsync(AgentsCouple, body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain(says);
        StateProbe.Of(recorder.Recorder).ShouldBe(before);
    }

    [Theory]
    [InlineData("DELETE", "/callrec/restful/couples.xml")]
    [InlineData("POST", "/callrec/restful/couples.xml/24197")]
    [InlineData("GET", "/callrec/loginAction.do")]
    [InlineData("PUT", "/callrec/logoutAction.do")]
    [InlineData("DELETE", "/callrec/restful/couples.xml/24197/pausedState")]
    public async Task GEN_2_A_known_path_with_a_wrong_method_is_405(string method, string path)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);

        var response = await recorder.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed, $"GEN-2: {method} {path}");
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldBe($"{method} is not allowed on {path} (GEN-2)\n");
    }

    [Theory]
    [InlineData("/callrec/restful/couples.json")]
    [InlineData("/callrec/restful/couples.xml/24197/pausedState/x")]
    [InlineData("/callrec/loginAction")]
    [InlineData("/callrec/")]
    [InlineData("/callrec")]
    public async Task GEN_1_An_unknown_path_under_callrec_is_404_with_a_one_line_reason(string path)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);

        var response = await recorder.CreateClient().GetAsync(path, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound, $"GEN-1: {path}");
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldBe($"no resource at {path} (GEN-1)\n");
    }

    [Theory]
    [InlineData("POST", "/CALLREC/restful/couples.xml/{0}/pausedState")]
    [InlineData("PUT", "/callrec/restful/couples.xml/{0}/PausedState")]
    [InlineData("POST", "/callrec/RESTful/couples.xml/{0}/pausedState")]
    [InlineData("DELETE", "/callrec/restful/couples.xml/{0}/pausedstate")]
    [InlineData("GET", "/callrec/restful/Couples.xml")]
    [InlineData("GET", "/callrec/restful/couples.XML/{0}")]
    [InlineData("POST", "/callrec/LoginAction.do")]
    public async Task GEN_1_A_known_path_spelled_in_another_case_is_an_unknown_path_and_changes_nothing(string method, string template)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");
        var path = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, AgentsCouple);

        var response = await client.SendAsync(new HttpMethod(method), path + "?paused=true", new FormUrlEncodedContent([new("login", "agent"), new("password", "agent-pw")]));

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound, $"GEN-1: Tomcat and JAX-RS match paths as written: {method} {path}");
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldBe($"no resource at {path} (GEN-1)\n");
        recorder.Recorder.Find(AgentsCouple)!.History.ShouldBeEmpty("GEN-3: a refused request changes nothing");
        recorder.Recorder.Sessions().Select(s => s.Login).ShouldBe(["admin"], "GEN-3: nobody else logged in");
    }

    [Theory]
    [InlineData("GET", "/callrec/restful/Couples.xml", HttpStatusCode.OK)]
    [InlineData("GET", "/callrec/restful/couples.XML/{0}", HttpStatusCode.OK)]
    [InlineData("POST", "/callrec/restful/couples.xml/{0}/PausedState", HttpStatusCode.NoContent)]
    public async Task GEN_1_Under_pathCase_any_a_known_path_spelled_in_another_case_is_served(string method, string template, HttpStatusCode status)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(Profiles.With("pathCase=any")), TestContext.Current.CancellationToken);
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");
        var path = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, AgentsCouple);

        var response = await client.SendAsync(new HttpMethod(method), path, method == "POST" ? new FormUrlEncodedContent([new("paused", "true")]) : null);

        response.StatusCode.ShouldBe(status, $"GEN-1 under pathCase=any: {method} {path} is the resource");
        recorder.Recorder.Find(AgentsCouple)!.Paused.ShouldBe(method == "POST", "PSE-1: the pause in another case was taken");
    }

    [Theory]
    [InlineData("/nothing/here.do")]
    [InlineData("/callrecX/restful/couples.xml")]
    public async Task A_path_outside_the_recorder_and_the_control_API_is_the_hosts_plain_404(string path)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);

        var response = await recorder.CreateClient().GetAsync(path, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound, "not the recorder's web application, so not GEN-1");
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldBeEmpty();
        recorder.Log.Lines.ShouldBeEmpty("the recorder did not answer it");
    }

    [Theory]
    [InlineData("HEAD", "/simulator/ui", "GET")]
    [InlineData("POST", "/simulator/ui", "GET")]
    [InlineData("DELETE", "/simulator/users", "GET, POST")]
    [InlineData("PUT", "/simulator/calls/10012", "DELETE, GET")]
    [InlineData("GET", "/simulator/reset", "POST")]
    public async Task A_control_path_under_a_method_it_does_not_take_is_405_naming_those_it_does(string method, string path, string allow)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);

        var response = await recorder.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
        string.Join(", ", response.Content.Headers.Allow).ShouldBe(allow);
        if (method != "HEAD")
        {
            (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldStartWith($"the control API's {path} takes ");
        }
    }

    [Theory]
    [InlineData("GET", "/simulator/nothing")]
    [InlineData("DELETE", "/simulator/nothing/else")]
    public async Task An_unknown_control_request_is_404_with_a_message(string method, string path)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);

        var response = await recorder.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldBe($"the control API has no {method} {path}\n");
    }
}
