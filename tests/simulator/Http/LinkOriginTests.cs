using System.Xml.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PauseResume.Simulator.Hosting;
using PauseResume.Simulator.Tests.Support;

namespace PauseResume.Simulator.Tests.Http;

/// <summary>
/// Mounted under a path of its host, the simulator's list and details links carry that path (LST-5, DET-2), so a
/// client that follows them, as the documented procedure does, stays on the simulator. Where they start is the
/// profile setting linkOrigin: the scheme, host and port the client used, or the recorder's own name for itself.
/// </summary>
public sealed class LinkOriginTests
{
    public static TheoryData<string> Mountings => ["route group", "path base"];

    [Theory]
    [InlineData(null, "http://localhost/callrec/restful/couples.xml/24197")]
    [InlineData("linkOrigin=request", "http://localhost/callrec/restful/couples.xml/24197")]
    [InlineData("linkOrigin=HTTPS://Recorder.Example:8443/", "https://recorder.example:8443/callrec/restful/couples.xml/24197")]
    [InlineData("linkOrigin=http://[0:0:0:0:0:0:0:1]:8080", "http://[::1]:8080/callrec/restful/couples.xml/24197")]
    [InlineData("linkOrigin=relative", "/callrec/restful/couples.xml/24197")]
    [InlineData("linkOrigin=RELATIVE", "/callrec/restful/couples.xml/24197")]
    public async Task LST_5_and_DET_2_The_links_start_where_the_profile_says(string? setting, string self)
    {
        await using var recorder = await FakeRecorder.StartAsync(TestWorlds.Small(Profiles.With(setting)), TestContext.Current.CancellationToken);
        var admin = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", TestWorlds.Admin.Password);

        var list = XDocument.Parse(await (await admin.ListAsync()).Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var details = XDocument.Parse(await (await admin.DetailsAsync(TestWorlds.AgentsCouple)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        string[] LinksOf(XElement couple) => [.. couple.Elements().Where(e => e.Name.LocalName == "link").Select(e => (string)e.Attribute("href")!)];
        LinksOf(list.Root!.Elements("couples").First()).ShouldBe([self], "LST-5");
        LinksOf(details.Root!).ShouldBe([self, self + "/pausedState"], "DET-2");
    }

    [Theory]
    [MemberData(nameof(Mountings))]
    public async Task Self_and_pausedState_links_carry_the_path_the_simulator_is_mounted_under(string mounting)
    {
        // Arrange
        var cancel = TestContext.Current.CancellationToken;
        await using var app = await StartAsync(mounting);
        var client = await LegacyClient.LoggedInAsync(Under("/recorder", app), TestWorlds.Admin.Login, TestWorlds.Admin.Password);

        // Act
        using var list = await client.ListAsync();
        var self = Links(XDocument.Parse(await list.Content.ReadAsStringAsync(cancel)), "self").First();
        using var details = await client.SendAsync(HttpMethod.Get, self);
        var detailsDocument = XDocument.Parse(await details.Content.ReadAsStringAsync(cancel));
        using var pause = await client.SendAsync(HttpMethod.Post, Links(detailsDocument, "pausedState").Single(), new FormUrlEncodedContent([new("paused", "true")]));

        // Assert
        ((int)list.StatusCode).ShouldBe(200);
        self.ShouldBe($"http://localhost/recorder/callrec/restful/couples.xml/{TestWorlds.AgentsCouple}", "LST-5: the self link keeps the mount path");
        Links(detailsDocument, "self").Single().ShouldBe(self, "DET-2: the details' self link is the list's");
        Links(detailsDocument, "pausedState").Single().ShouldBe(self + "/pausedState", "DET-2: so is the pausedState link");
        ((int)pause.StatusCode).ShouldBe(204, "PSE-1: the link followed reaches the simulator");
    }

    [Theory]
    [InlineData("route group", "/recorder/callrec")]
    [InlineData("path base", "/recorder/callrec")]
    [InlineData("root", "/callrec")]
    public async Task SES_4_The_session_cookie_s_path_is_the_web_application_s_under_the_mount(string mounting, string path)
    {
        // Arrange: a client whose cookie store keys cookies by path sends the session only where its Path says
        await using var app = await StartAsync(mounting);
        using var client = Under(mounting == "root" ? string.Empty : "/recorder", app);
        using var form = new FormUrlEncodedContent([new("login", TestWorlds.Admin.Login), new("password", TestWorlds.Admin.Password)]);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/callrec/loginAction.do") { Content = form };
        request.Headers.Add("Cookie", "anything=1"); // SES-2

        // Act
        using var login = await client.SendAsync(request, TestContext.Current.CancellationToken);

        // Assert
        login.Headers.GetValues("Set-Cookie").ShouldHaveSingleItem().ShouldMatch($"^JSESSIONID=[0-9A-F]{{32}}; Path={path}; HttpOnly$", "SES-4");
    }

    [Fact]
    public async Task Mounted_at_the_root_the_links_are_as_before()
    {
        // Arrange
        var cancel = TestContext.Current.CancellationToken;
        await using var app = await StartAsync("root");
        var client = await LegacyClient.LoggedInAsync(app.GetTestClient(), TestWorlds.Admin.Login, TestWorlds.Admin.Password);

        // Act
        using var list = await client.ListAsync();

        // Assert
        Links(XDocument.Parse(await list.Content.ReadAsStringAsync(cancel)), "self").First()
            .ShouldBe($"http://localhost/callrec/restful/couples.xml/{TestWorlds.AgentsCouple}", "LST-5");
    }

    [Fact]
    public async Task LST_5_A_request_without_a_Host_header_gets_absolute_links_to_the_address_it_reached()
    {
        // Arrange: HTTP/1.0 needs no Host header; Tomcat then names the address the connection reached.
        var cancel = TestContext.Current.CancellationToken;
        await using var simulator = await KestrelSimulator.StartAsync(TestWorlds.Small());
        var client = await LegacyClient.LoggedInAsync(simulator.Client, TestWorlds.Admin.Login, TestWorlds.Admin.Password);
        var address = simulator.Client.BaseAddress!;
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port, cancel);
        var stream = tcp.GetStream();

        // Act
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes($"GET /callrec/restful/couples.xml HTTP/1.0\r\nCookie: JSESSIONID={client.SessionId}\r\n\r\n"), cancel);
        using var reader = new StreamReader(stream);
        var answer = await reader.ReadToEndAsync(cancel);

        // Assert
        answer.ShouldStartWith("HTTP/1.1 200", Case.Sensitive, "LST-1");
        answer.ShouldContain($"href=\"http://{address.Authority}/callrec/restful/couples.xml/{TestWorlds.AgentsCouple}\"", Case.Sensitive, "LST-5: an absolute link, never http:///");
    }

    private static IEnumerable<string> Links(XDocument document, string rel) =>
        document.Descendants().Where(e => e.Name.LocalName == "link" && (string?)e.Attribute("rel") == rel).Select(e => (string)e.Attribute("href")!);

    /// <summary>SES-3 (loginPage=redirect): a login is sent to /callrec/ under the host's mount, as its cookie's path is, and the page is there.</summary>
    [Theory]
    [InlineData("route group")]
    [InlineData("path base")]
    public async Task SES_3_A_mounted_recorders_login_redirects_under_its_mount(string mounting)
    {
        // Arrange
        var small = TestWorlds.Small();
        await using var app = await StartAsync(mounting, small with { Profile = small.Profile with { LoginPage = PauseResume.Simulator.Domain.LoginPage.Redirect } });
        using var client = app.GetTestClient();
        using var login = new HttpRequestMessage(HttpMethod.Post, "/recorder/callrec/loginAction.do") { Content = new FormUrlEncodedContent([new("login", "admin"), new("password", "secret")]) };
        login.Headers.Add("Cookie", "x=1");

        // Act
        using var answer = await client.SendAsync(login, TestContext.Current.CancellationToken);
        using var start = await client.GetAsync(answer.Headers.Location, TestContext.Current.CancellationToken);

        // Assert
        answer.StatusCode.ShouldBe(System.Net.HttpStatusCode.Found);
        answer.Headers.Location!.OriginalString.ShouldBe("/recorder/callrec/");
        answer.Headers.GetValues("Set-Cookie").Single().ShouldContain("Path=/recorder/callrec", Case.Sensitive);
        start.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK, "the page where the redirect sends a login");
    }

    /// <summary>SES-4 (anonymousSession=any-request): a session opened for a refusal has its cookie under the host's mount, as a login's has, whatever the route.</summary>
    [Theory]
    [InlineData("route group", "/recorder/callrec/restful/couples.xml")]
    [InlineData("route group", "/recorder/callrec/restful/couples.xml/24197/pausedState")]
    [InlineData("route group", "/recorder/callrec/no/such/page")]
    [InlineData("path base", "/recorder/callrec/restful/couples.xml/24197")]
    [InlineData("at the root", "/callrec/restful/couples.xml/24197")]
    public async Task SES_4_A_mounted_recorders_anonymous_session_cookie_is_under_its_mount(string mounting, string path)
    {
        // Arrange
        var small = TestWorlds.Small();
        await using var app = await StartAsync(mounting, small with { Profile = small.Profile with { AnonymousSession = PauseResume.Simulator.Domain.AnonymousSession.AnyRequest } });
        using var client = app.GetTestClient();

        // Act
        using var answer = await client.GetAsync(path, TestContext.Current.CancellationToken);

        // Assert
        answer.StatusCode.ShouldBeOneOf(System.Net.HttpStatusCode.Forbidden, System.Net.HttpStatusCode.NotFound, System.Net.HttpStatusCode.MethodNotAllowed);
        answer.Headers.GetValues("Set-Cookie").Single().ShouldEndWith(mounting == "at the root" ? "; Path=/callrec; HttpOnly" : "; Path=/recorder/callrec; HttpOnly", Case.Sensitive);
    }

    private static async Task<WebApplication> StartAsync(string mounting, PauseResume.Simulator.Domain.World? world = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddRecorderSimulator(simulator => simulator.World = world ?? TestWorlds.Small());
        var app = builder.Build();
        switch (mounting)
        {
            case "route group":
                app.MapGroup("/recorder").MapRecorderSimulator();
                break;
            case "path base":
                app.UsePathBase("/recorder");
                app.UseRouting();
                app.MapRecorderSimulator();
                break;
            default:
                app.MapRecorderSimulator();
                break;
        }

        await app.StartAsync(TestContext.Current.CancellationToken);
        return app;
    }

    /// <summary>A client whose root-relative paths (<c>/callrec/…</c>) land under <paramref name="prefix"/>, as an integrator's base address would put them.</summary>
    private static HttpClient Under(string prefix, WebApplication app) =>
        new(new Prefixing(prefix, app.GetTestServer().CreateHandler())) { BaseAddress = new Uri("http://localhost") };

    private sealed class Prefixing(string prefix, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = request.RequestUri!;
            if (!uri.AbsolutePath.StartsWith(prefix + "/", StringComparison.Ordinal))
            {
                request.RequestUri = new UriBuilder(uri) { Path = prefix + uri.AbsolutePath }.Uri;
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
