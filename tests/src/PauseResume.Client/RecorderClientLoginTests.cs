using System.Net;
using System.Net.Sockets;
using PauseResume.Simulator.Hosting;
using PauseResume.Client.Tests.Support;
using PauseResume.Simulator.Tests.Support;

namespace PauseResume.Client.Tests;

public sealed class RecorderClientLoginTests : AuditedRecorderTests
{
    [Fact]
    public async Task SES_2_Login_sends_a_cookie_so_that_the_login_counts()
    {
        var recorder = StartRecorder();
        await using var client = Arrange.Client(recorder);

        await client.LoginAsync("agent", "agent-pw");

        client.User.ShouldBe("agent");
        recorder.Log.Lines[0].ShouldEndWith("agent logged in (SES-1)");
        recorder.Recorder.SessionCount.ShouldBe(1);
    }

    /// <summary>
    /// SES-1, SES-4: behind a load balancer that keeps a client on one node of a cluster by a cookie of its own, the
    /// session lives on the node that made it; a client that sent back only JSESSIONID would reach the other node and
    /// find itself logged out. The client sends back every cookie the recorder's side sets, so it stays on its node.
    /// </summary>
    [Fact]
    public async Task SES_4_Behind_a_balancer_that_keeps_a_client_on_a_node_by_its_own_cookie_every_request_finds_the_session()
    {
        // Arrange
        var recorder = StartRecorder();
        var balancer = new StickyBalancer { InnerHandler = recorder.CreateHandler() };
        await using var client = new RecorderClient(new HttpClient(balancer) { BaseAddress = recorder.BaseAddress }, new RecorderClientOptions { ReestablishExpiredSession = false });

        // Act
        await client.LoginAsync("admin", "secret");
        var couples = await client.ListCouplesAsync();
        var details = await client.GetDetailsAsync(Arrange.AgentsCouple);
        await client.PauseAsync(details);
        await client.ResumeAsync(details);
        await client.LogoutAsync();

        // Assert
        balancer.Strays.ShouldBe(0, "every request that named a session reached the node that made it");
        couples.Count.ShouldBe(3);
        recorder.Log.Lines.Count(l => l.Contains("paused", StringComparison.Ordinal)).ShouldBeGreaterThan(0);
        recorder.Recorder.Find(Arrange.AgentsCouple)!.Paused.ShouldBeFalse();
    }

    [Fact]
    public async Task A_server_without_the_login_path_is_reported_as_no_recorder()
    {
        using var http = new HttpClient(new StubRecorder(loginStatus: HttpStatusCode.NotFound, listStatus: HttpStatusCode.NotFound, listBody: ""))
        {
            BaseAddress = new Uri("http://recorder.example/"),
        };
        await using var client = new RecorderClient(http);

        var error = await Should.ThrowAsync<RecorderException>(() => client.LoginAsync("agent", "pw"));

        error.Error.ShouldBe(RecorderError.UnexpectedResponse);
        error.RuleId.ShouldBe("SES-1");
    }

    /// <summary>
    /// An http recorder that moved to https answers every request with a redirect, which the client does not follow: the
    /// login's check says where to point the client, not that the login failed.
    /// </summary>
    [Fact]
    public async Task A_recorder_that_redirects_to_another_origin_is_reported_with_the_address_to_give()
    {
        using var http = new HttpClient(new Redirecting(new Uri("https://recorder.example:8443/"))) { BaseAddress = new Uri("http://recorder.example/") };
        await using var client = new RecorderClient(http);

        var error = await Should.ThrowAsync<RecorderException>(() => client.LoginAsync("agent", "pw"));

        error.Error.ShouldBe(RecorderError.UnexpectedResponse);
        error.Message.ShouldContain("the recorder at http://recorder.example redirects to https://recorder.example:8443 (301): give that as the base address");
    }

    [Fact]
    public async Task An_unreachable_recorder_is_reported_as_such()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens there now
        await using var client = RecorderClient.Create(new Uri($"http://127.0.0.1:{port}/"));

        var error = await Should.ThrowAsync<RecorderException>(() => client.LoginAsync("agent", "pw"));

        error.Error.ShouldBe(RecorderError.Unreachable);
        error.InnerException.ShouldBeOfType<HttpRequestException>();
    }

    [Fact]
    public async Task SES_5_Logout_ends_the_session_and_dispose_logs_out()
    {
        var recorder = StartRecorder();
        var first = await Arrange.LoggedIn(recorder, "admin", "secret");
        var second = await Arrange.LoggedIn(recorder, "agent", "agent-pw");

        await first.LogoutAsync();
        var afterLogout = recorder.Recorder.SessionCount;
        await second.DisposeAsync();

        afterLogout.ShouldBe(1, "SES-5");
        recorder.Recorder.SessionCount.ShouldBe(0, "dispose logs out");
        var error = await Should.ThrowAsync<RecorderException>(() => first.ListCouplesAsync());
        error.Error.ShouldBe(RecorderError.NotLoggedIn, "after logout the client does not log in by itself");
    }

    [Fact]
    public async Task No_password_ever_reaches_the_log()
    {
        var recorder = StartRecorder();
        var logger = new RecordingLogger();
        await using var client = Arrange.Client(recorder, logger: logger);

        await Should.ThrowAsync<RecorderException>(() => client.LoginAsync("agent", "wrong-secret-pw"));
        await client.LoginAsync("agent", "agent-pw");
        await client.HoldAsync(CoupleQuery.ByPhone("10012"));

        logger.Lines.ShouldNotBeEmpty();
        logger.Lines.ShouldContain(l => l.Contains("agent", StringComparison.Ordinal));
        logger.Lines.ShouldAllBe(l => !l.Contains("agent-pw") && !l.Contains("wrong-secret-pw"));
    }

    /// <summary>A server that answers login and list with fixed statuses: the failure modes no simulator profile has.</summary>
    private sealed class Redirecting(Uri to) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var answer = new HttpResponseMessage(HttpStatusCode.MovedPermanently) { RequestMessage = request };
            answer.Headers.Location = new Uri(to, request.RequestUri!.PathAndQuery);
            return Task.FromResult(answer);
        }
    }

    private sealed class StubRecorder(HttpStatusCode loginStatus, HttpStatusCode listStatus, string listBody) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(request.RequestUri!.AbsolutePath.EndsWith("loginAction.do", StringComparison.Ordinal) ? loginStatus : listStatus)
            {
                Content = new StringContent(listBody),
            });
    }
}
