using System.Net;
using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Hosting;
using PauseResume.Simulator.Tests.Support;

namespace PauseResume.Simulator.Tests.Hosting;

public sealed class FakeRecorderTests
{
    [Fact]
    public async Task Without_a_world_it_starts_on_the_default_world()
    {
        using var recorder = FakeRecorder.Start();
        var admin = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin");

        var listed = await Documents.ListAsync(await admin.ListAsync());

        listed.Count.ShouldBe(recorder.Recorder.Couples().Count);
        listed.Count.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Two_recorders_share_nothing()
    {
        using var first = FakeRecorder.Start(TestWorlds.Small());
        using var second = FakeRecorder.Start(TestWorlds.Small());
        var admin = await LegacyClient.LoggedInAsync(first.CreateClient(), "admin", "secret");

        await admin.PauseAsync(TestWorlds.AgentsCouple);
        first.Recorder.PutUser(new User("only-first", "pw", Permissions.CallList));

        second.Recorder.Find(TestWorlds.AgentsCouple)!.Paused.ShouldBeFalse();
        second.Recorder.Users().ShouldNotContain(u => u.Login == "only-first");
        (await new LegacyClient(second.CreateClient()) { SessionId = admin.SessionId }.ListAsync()).StatusCode
            .ShouldBe(HttpStatusCode.Forbidden, "a session of one recorder is unknown to the other");
    }

    [Fact]
    public async Task Arranging_through_the_domain_shows_at_once_on_the_API()
    {
        using var recorder = FakeRecorder.Start(TestWorlds.Small());
        var couple = recorder.Recorder.StartCall(new NewCall("5550000", "10011", Direction: Direction.Incoming));
        recorder.Recorder.PutUser(new User("dora", "pw", Permissions.CallList | Permissions.PauseAndResumeCalls, "10011"));
        var dora = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "dora", "pw");

        var pause = await dora.PauseAsync(couple.Id);

        pause.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        recorder.Recorder.Find(couple.Id)!.History.ShouldHaveSingleItem().PausedBy.ShouldBe("dora");
    }

    [Fact]
    public async Task The_handler_can_be_wrapped_like_any_HttpMessageHandler()
    {
        using var recorder = FakeRecorder.Start(TestWorlds.Small());
        var cookies = new CookieContainer();
        cookies.Add(recorder.BaseAddress, new Cookie("dummy", "1", "/callrec"));
        using var http = new HttpClient(new CookieHandler(cookies) { InnerHandler = recorder.CreateHandler() }) { BaseAddress = recorder.BaseAddress };

        await http.PostAsync("/callrec/loginAction.do", new FormUrlEncodedContent([new("login", "admin"), new("password", "secret")]));
        var list = await http.GetAsync("/callrec/restful/couples.xml");

        list.StatusCode.ShouldBe(HttpStatusCode.OK, "SES-2/SES-4 through a cookie-keeping handler");
    }

    /// <summary>A minimal cookie-keeping handler, as HttpClientHandler would be over a socket.</summary>
    private sealed class CookieHandler(CookieContainer cookies) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var header = cookies.GetCookieHeader(request.RequestUri!);
            if (header.Length > 0)
            {
                request.Headers.Add("Cookie", header);
            }

            var response = await base.SendAsync(request, cancellationToken);
            foreach (var setCookie in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
            {
                cookies.SetCookies(request.RequestUri!, setCookie);
            }

            return response;
        }
    }
}
