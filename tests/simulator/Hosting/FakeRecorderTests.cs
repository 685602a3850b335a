using System.Net;
using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Hosting;
using PauseResume.Simulator.Tests.Support;

namespace PauseResume.Simulator.Tests.Hosting;

public sealed class FakeRecorderTests
{
    [Fact]
    public async Task Started_without_a_world_it_is_empty_so_a_tests_own_calls_meet_no_others()
    {
        // Act
        await using var recorder = await FakeRecorder.StartAsync(TestContext.Current.CancellationToken);

        // Assert
        recorder.Recorder.Users().ShouldBeEmpty("the empty world is FakeRecorder's default");
        recorder.Recorder.Couples().ShouldBeEmpty("the empty world is FakeRecorder's default");
    }

    [Fact]
    public async Task Asked_for_the_default_world_it_serves_the_standalone_servers_accounts_and_calls()
    {
        // Arrange
        await using var recorder = await FakeRecorder.CreateBuilder().WithDefaultWorld().StartAsync(TestContext.Current.CancellationToken);
        var admin = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin");

        // Act
        var listed = await Documents.ListAsync(await admin.ListAsync());

        // Assert
        listed.Count.ShouldBe(recorder.Recorder.Couples().Count, "LST-1");
        listed.Count.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task The_builder_arranges_users_and_calls_that_the_API_then_serves()
    {
        // Arrange
        await using var recorder = await FakeRecorder.CreateBuilder()
            .WithUser("dora", "pw", Permissions.CallList | Permissions.PauseAndResumeCalls, "10031")
            .WithCall("5550100", "10031", Direction.Incoming)
            .WithCall("5550101", "10032")
            .StartAsync(TestContext.Current.CancellationToken);
        var dora = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "dora", "pw");

        // Act
        var listed = await Documents.ListAsync(await dora.ListAsync());

        // Assert
        listed.Count.ShouldBe(2, "LST-7: a couple outside the masks is still listed, without its self link");
        recorder.Recorder.Couples().Count(c => c.Couple.CalledNumber == "10031").ShouldBe(1, "only the test's own call is on 10031");
    }

    [Fact]
    public async Task An_injected_clock_dates_the_calls_and_is_the_owners_to_move()
    {
        // Arrange
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero));
        await using var recorder = await FakeRecorder.CreateBuilder().WithTime(time).WithCall("5550100", "10031")
            .StartAsync(TestContext.Current.CancellationToken);
        await using var onSystemTime = await FakeRecorder.CreateBuilder().WithTime(TimeProvider.System).StartAsync(TestContext.Current.CancellationToken);

        // Act
        recorder.Advance(TimeSpan.FromMinutes(5));

        // Assert
        recorder.Clock.Host.ShouldBeSameAs(time, "the injected clock is the host clock the recorder's clock follows");
        recorder.Clock.Setting.Mode.ShouldBe(PauseResume.Simulator.Time.ClockMode.Real, "an injected clock is followed in real time");
        recorder.Time.GetUtcNow().ShouldBe(time.GetUtcNow());
        recorder.Recorder.Couples().ShouldHaveSingleItem().Couple.Start.ShouldBe(new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero));
        time.GetUtcNow().ShouldBe(new DateTimeOffset(2030, 1, 2, 3, 9, 5, TimeSpan.Zero));
        Should.Throw<InvalidOperationException>(() => onSystemTime.Advance(TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task A_world_the_recorder_cannot_start_from_fails_the_start()
    {
        // Arrange
        var builder = FakeRecorder.CreateBuilder().WithUser("dora", "a", Permissions.CallList).WithUser("dora", "b", Permissions.CallList);

        // Act
        var failure = await Should.ThrowAsync<Microsoft.Extensions.Options.OptionsValidationException>(
            () => builder.StartAsync(TestContext.Current.CancellationToken));

        // Assert
        failure.Message.ShouldContain("is already the login of users[0]");
    }

    [Fact]
    public async Task Two_recorders_share_nothing()
    {
        await using var first = await FakeRecorder.StartAsync(TestWorlds.Small(), TestContext.Current.CancellationToken);
        await using var second = await FakeRecorder.StartAsync(TestWorlds.Small(), TestContext.Current.CancellationToken);
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
        await using var recorder = await FakeRecorder.StartAsync(TestWorlds.Small(), TestContext.Current.CancellationToken);
        var couple = recorder.Recorder.StartCall(new NewCall("5550000", "10011", Direction: Direction.Incoming));
        recorder.Recorder.PutUser(new User("dora", "pw", Permissions.CallList | Permissions.PauseAndResumeCalls, "10011"));
        var dora = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "dora", "pw");

        var pause = await dora.PauseAsync(couple.Id);

        pause.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        recorder.Recorder.Find(couple.Id)!.History.ShouldHaveSingleItem().PausedBy.ShouldBe("dora");
    }

    [Fact]
    public async Task The_cookie_client_keeps_the_session_a_login_issues()
    {
        // Arrange
        var cancel = TestContext.Current.CancellationToken;
        await using var recorder = await FakeRecorder.StartAsync(TestWorlds.Small(), cancel);
        var cookies = new CookieContainer();
        cookies.Add(recorder.BaseAddress, new Cookie("dummy", "1", "/callrec")); // SES-2: a login needs some cookie
        using var http = recorder.CreateCookieClient(cookies);

        // Act
        using var login = await http.PostAsync(
            "/callrec/loginAction.do", new FormUrlEncodedContent([new("login", "admin"), new("password", "secret")]), cancel);
        using var list = await http.GetAsync("/callrec/restful/couples.xml", cancel);

        // Assert
        list.StatusCode.ShouldBe(HttpStatusCode.OK, "SES-2/SES-4 through the cookie-keeping handler");
        cookies.GetCookies(new Uri(recorder.BaseAddress, "/callrec/")).Select(c => c.Name).ShouldContain("JSESSIONID");
    }

    [Fact]
    public async Task Without_a_cookie_of_its_own_the_cookie_clients_first_login_is_ignored()
    {
        // Arrange
        var cancel = TestContext.Current.CancellationToken;
        await using var recorder = await FakeRecorder.StartAsync(TestWorlds.Small(), cancel);
        using var http = recorder.CreateCookieClient();

        // Act
        using var login = await http.PostAsync(
            "/callrec/loginAction.do", new FormUrlEncodedContent([new("login", "admin"), new("password", "secret")]), cancel);
        using var list = await http.GetAsync("/callrec/restful/couples.xml", cancel);

        // Assert
        list.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "SES-2: the login carried no cookie, so the session it got is not logged in");
    }
}
