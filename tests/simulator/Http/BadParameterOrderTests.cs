using System.Net;
using PauseResume.Simulator.Hosting;
using PauseResume.Simulator.Tests.Support;
using static PauseResume.Simulator.Tests.Support.TestWorlds;

namespace PauseResume.Simulator.Tests.Http;

/// <summary>
/// The profile settings badDirectionOrder (LST-6) and badPausedOrder (PSE-2): is a bad parameter refused after every
/// access check, right after the login check, or before even that? Each request follows its own setting.
/// </summary>
public sealed class BadParameterOrderTests
{
    private const long Unknown = 99999;
    private const string DirectionAfterAccess = "badDirectionOrder=after-access";
    private const string DirectionAfterLogin = "badDirectionOrder=after-login";
    private const string DirectionBeforeLogin = "badDirectionOrder=before-login";
    private const string AfterAccess = "badPausedOrder=after-access";
    private const string AfterLogin = "badPausedOrder=after-login";
    private const string BeforeLogin = "badPausedOrder=before-login";
    private const string BeforeCouple = "badPausedOrder=before-couple";
    private const string InvalidDirection = "phoneNumber=10031&phoneNumberDirection=SIDEWAYS";

    [Theory]
    [InlineData(null, null, 403, "LST-2")]
    [InlineData(DirectionAfterAccess, null, 403, "LST-2")]
    [InlineData(DirectionAfterLogin, null, 403, "LST-2")]
    [InlineData(DirectionBeforeLogin, null, 404, "LST-6")]
    [InlineData(null, "guest", 403, "LST-7")]
    [InlineData(DirectionAfterAccess, "guest", 403, "LST-7")]
    [InlineData(DirectionAfterLogin, "guest", 404, "LST-6")]
    [InlineData(DirectionBeforeLogin, "guest", 404, "LST-6")]
    [InlineData(null, "admin", 404, "LST-6")]
    [InlineData(DirectionAfterLogin, "admin", 404, "LST-6")]
    [InlineData(DirectionBeforeLogin, "admin", 404, "LST-6")]
    public async Task LST_6_badDirectionOrder_places_the_invalid_direction_among_the_access_checks(string? setting, string? login, int status, string rule)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(Profiles.With(setting)), TestContext.Current.CancellationToken);
        var client = await LogInAsync(recorder, login);

        var response = await client.ListAsync(InvalidDirection);

        ((int)response.StatusCode).ShouldBe(status, $"{rule} under {setting ?? "the default"}, {login ?? "not logged in"}");
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldEndWith($"({rule})\n");
    }

    [Fact]
    public async Task LST_6_Before_login_the_invalid_direction_has_the_invalidDirectionStatus_too()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(Profiles.With(DirectionBeforeLogin, "invalidDirectionStatus=400")), TestContext.Current.CancellationToken);

        var response = await new LegacyClient(recorder.CreateClient()).ListAsync(InvalidDirection);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, "LST-6 before login, under invalidDirectionStatus=400");
    }

    [Theory]
    [InlineData(null, null, AgentsCouple, 403, "PSE-4")]
    [InlineData(AfterAccess, null, AgentsCouple, 403, "PSE-4")]
    [InlineData(AfterLogin, null, AgentsCouple, 403, "PSE-4")]
    [InlineData(BeforeLogin, null, AgentsCouple, 400, "PSE-2")]
    [InlineData(null, "guest", AgentsCouple, 403, "PSE-4")]
    [InlineData(AfterLogin, "guest", AgentsCouple, 400, "PSE-2")]
    [InlineData(BeforeLogin, "guest", AgentsCouple, 400, "PSE-2")]
    [InlineData(null, "admin", Unknown, 404, "PSE-4")]
    [InlineData(AfterAccess, "admin", Unknown, 404, "PSE-4")]
    [InlineData(AfterLogin, "admin", Unknown, 400, "PSE-2")]
    [InlineData(BeforeLogin, "admin", Unknown, 400, "PSE-2")]
    [InlineData(null, "agent", OthersCouple, 403, "PSE-4")]
    [InlineData(AfterLogin, "agent", OthersCouple, 400, "PSE-2")]
    [InlineData(null, "monitor", AgentsCouple, 403, "PSE-4")]
    [InlineData(AfterLogin, "monitor", AgentsCouple, 400, "PSE-2")]
    [InlineData(null, "admin", AgentsCouple, 400, "PSE-2")]
    [InlineData(AfterLogin, "admin", AgentsCouple, 400, "PSE-2")]
    [InlineData(BeforeLogin, "admin", AgentsCouple, 400, "PSE-2")]
    [InlineData(BeforeCouple, null, AgentsCouple, 403, "PSE-4")]
    [InlineData(BeforeCouple, "guest", AgentsCouple, 403, "PSE-4")]
    [InlineData(BeforeCouple, "admin", Unknown, 400, "PSE-2")]
    [InlineData(BeforeCouple, "agent", OthersCouple, 400, "PSE-2")]
    [InlineData(BeforeCouple, "monitor", AgentsCouple, 400, "PSE-2")]
    public async Task PSE_2_badPausedOrder_places_a_bad_paused_among_the_access_checks(string? setting, string? login, long couple, int status, string rule)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(Profiles.With(setting)), TestContext.Current.CancellationToken);
        var client = await LogInAsync(recorder, login);

        var response = await client.SetPausedAsync(couple, "pause=true");

        ((int)response.StatusCode).ShouldBe(status, $"{rule} under {setting ?? "the default"}, {login ?? "not logged in"} on {couple}");
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldEndWith($"({rule})\n");
        recorder.Recorder.Couples().ShouldAllBe(c => c.History.Count == 0, "a refusal changes nothing");
    }

    [Theory]
    [InlineData("refusalOrder=rights-first", AfterAccess, 403, "lacks the Pause and Resume Calls permission")]
    [InlineData("refusalOrder=couple-first", AfterAccess, 404, "is not in progress")]
    [InlineData("refusalOrder=rights-first", AfterLogin, 400, "'pause' is not known")]
    [InlineData("refusalOrder=rights-first", BeforeCouple, 403, "lacks the Pause and Resume Calls permission")]
    [InlineData("refusalOrder=call-list-first", BeforeCouple, 400, "'pause' is not known")]
    [InlineData("refusalOrder=masks-first", BeforeCouple, 400, "'pause' is not known")]
    [InlineData("refusalOrder=couple-first", BeforeCouple, 400, "'pause' is not known")]
    public async Task PSE_2_The_bad_parameter_takes_its_place_among_the_access_checks_of_the_refusalOrder(string order, string setting, int status, string why)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(Profiles.With(order, setting)), TestContext.Current.CancellationToken);
        var monitor = await LogInAsync(recorder, "monitor");

        var response = await monitor.SetPausedAsync(Unknown, "pause=true");

        ((int)response.StatusCode).ShouldBe(status, $"PSE-2 under {order}, {setting}");
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain(why);
    }

    [Theory]
    [InlineData(DirectionBeforeLogin, AfterAccess, 404, 403)]
    [InlineData(DirectionAfterAccess, BeforeLogin, 403, 400)]
    [InlineData("badParameterOrder=before-login", null, 404, 400)]
    [InlineData("badParameterOrder=after-login", AfterAccess, 404, 403)]
    public async Task LST_6_PSE_2_The_list_and_pausedState_place_their_bad_parameters_each_by_its_own_setting(string first, string? then, int listed, int paused)
    {
        // badParameterOrder, the one setting of profiles written before the two were told apart, sets both; one written after it wins.
        await using var recorder = await FakeRecorder.StartAsync(Small(Profiles.With(then is null ? [first] : [first, then])), TestContext.Current.CancellationToken);
        var guest = await LogInAsync(recorder, "guest");

        var list = await guest.ListAsync(InvalidDirection);
        var pause = await guest.SetPausedAsync(AgentsCouple, "pause=true");

        ((int)list.StatusCode, (int)pause.StatusCode).ShouldBe((listed, paused), $"LST-6, PSE-2 under {first} {then}, for a user without Call List");
    }

    private static async Task<LegacyClient> LogInAsync(FakeRecorder recorder, string? login)
    {
        var http = recorder.CreateClient();
        return login is null
            ? new LegacyClient(http)
            : await LegacyClient.LoggedInAsync(http, login, recorder.Recorder.Users().Single(u => u.Login == login).Password);
    }
}
