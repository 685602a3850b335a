using System.Net;
using PauseResume.Simulator.Hosting;
using PauseResume.Client.Tests.Support;

namespace PauseResume.Client.Tests;

/// <summary>
/// A login that did not take is reported from what every recorder shows (SES-3, LST-2, LST-7), never from the rule
/// ids the simulator writes in its 403 bodies, which a real recorder does not.
/// </summary>
public sealed class LoginRejectedTests
{
    private static readonly Dictionary<string, (string Password, bool CallList)> Users = new()
    {
        ["agent"] = ("agent-pw", true),
        ["guest"] = ("guest-pw", false),
    };

    [Theory]
    [InlineData("agent", "wrong")]
    [InlineData("nobody", "agent-pw")]
    [InlineData("guest", "guest-pw")]
    public async Task SES_3_Against_the_simulator_a_login_that_did_not_take_is_LoginRejected_naming_both_causes(string login, string password)
    {
        await using var recorder = await FakeRecorder.StartAsync(Arrange.World(), TestContext.Current.CancellationToken);
        await using var client = Arrange.Client(recorder);

        var error = await Should.ThrowAsync<RecorderException>(() => client.LoginAsync(login, password, TestContext.Current.CancellationToken));

        error.Error.ShouldBe(RecorderError.LoginRejected, "SES-3: the kind may not depend on the simulator's rule ids");
        error.RuleId.ShouldBe("SES-3");
        error.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        error.Message.ShouldContain("login or password is wrong, or the user lacks Call List", customMessage: "SES-3");
        client.User.ShouldBeNull();
    }

    [Fact]
    public async Task SES_3_The_simulators_own_reason_still_reaches_the_caller_as_the_server_message()
    {
        await using var recorder = await FakeRecorder.StartAsync(Arrange.World(), TestContext.Current.CancellationToken);
        await using var client = Arrange.Client(recorder);

        var error = await Should.ThrowAsync<RecorderException>(() => client.LoginAsync("guest", "guest-pw", TestContext.Current.CancellationToken));

        error.ServerMessage.ShouldNotBeNull().ShouldContain("LST-7", customMessage: "the simulator's detail enriches the message");
        error.Error.ShouldBe(RecorderError.LoginRejected, "LST-7 in a body decides nothing");
    }

    [Theory]
    [InlineData("agent", "wrong")]
    [InlineData("nobody", "agent-pw")]
    [InlineData("guest", "guest-pw")]
    public async Task SES_3_Against_a_recorder_whose_403_names_no_rule_a_failed_login_is_LoginRejected_naming_both_causes(string login, string password)
    {
        using var http = new HttpClient(new PlainRecorder(Users)) { BaseAddress = new Uri("http://recorder.example/") };
        await using var client = new RecorderClient(http);

        var error = await Should.ThrowAsync<RecorderException>(() => client.LoginAsync(login, password, TestContext.Current.CancellationToken));

        error.Error.ShouldBe(RecorderError.LoginRejected, "SES-3, LST-2, LST-7");
        error.RuleId.ShouldBe("SES-3");
        error.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        error.Message.ShouldContain("login or password is wrong, or the user lacks Call List", customMessage: "SES-3");
        client.User.ShouldBeNull();
    }

    [Fact]
    public async Task SES_3_Against_a_recorder_whose_403_names_no_rule_a_good_login_is_checked_and_kept()
    {
        var recorder = new PlainRecorder(Users);
        using var http = new HttpClient(recorder) { BaseAddress = new Uri("http://recorder.example/") };
        await using var client = new RecorderClient(http);

        await client.LoginAsync("agent", "agent-pw", TestContext.Current.CancellationToken);
        var couples = await client.ListCouplesAsync(cancellationToken: TestContext.Current.CancellationToken);

        client.User.ShouldBe("agent", "SES-3: the check after the login answered 200");
        couples.ShouldBeEmpty("LST-7: no match is an empty list");
        recorder.Requests.ShouldBe(
            ["POST /callrec/loginAction.do", "GET /callrec/restful/couples.xml", "GET /callrec/restful/couples.xml"],
            "SES-3: one login, one check, one list");
    }
}
