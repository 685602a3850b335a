using System.Net;
using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Hosting;
using PauseResume.Simulator.Tests.Support;
using static PauseResume.Simulator.Tests.Support.TestWorlds;

namespace PauseResume.Simulator.Tests.Http;

/// <summary>
/// The profile setting refusalOrder (DET-3, PSE-4): which refusal a details or pausedState request gets when several
/// apply. Only requests that break two rules at once tell the orders apart; all others are answered alike.
/// </summary>
public sealed class RefusalOrderTests
{
    private const long Unknown = 99999;
    private const string CallListFirst = "refusalOrder=call-list-first";
    private const string CoupleFirst = "refusalOrder=couple-first";
    private const string RightsFirst = "refusalOrder=rights-first";
    private const string MasksFirst = "refusalOrder=masks-first";
    private const string RightsAndMasksFirst = "refusalOrder=rights-and-masks-first";

    /// <summary>Call List but no Pause and Resume Calls, and masks no couple of the small world matches.</summary>
    private static readonly User Reviewer = new("reviewer", "reviewer-pw", Permissions.CallList, "6*");

    [Theory]
    [InlineData(null, "guest", Unknown, 403, "lacks the Call List permission")]
    [InlineData(CallListFirst, "guest", Unknown, 403, "lacks the Call List permission")]
    [InlineData(CoupleFirst, "guest", Unknown, 404, "is not in progress")]
    [InlineData(RightsFirst, "guest", Unknown, 403, "lacks the Call List permission")]
    [InlineData(MasksFirst, "guest", Unknown, 403, "lacks the Call List permission")]
    [InlineData(null, "reviewer", Unknown, 404, "is not in progress")]
    [InlineData(RightsFirst, "reviewer", Unknown, 404, "is not in progress")]
    [InlineData(MasksFirst, "reviewer", Unknown, 403, "has no number within the phone masks")]
    [InlineData(MasksFirst, "monitor", Unknown, 404, "is not in progress")]
    [InlineData(RightsAndMasksFirst, "guest", Unknown, 403, "lacks the Call List permission")]
    [InlineData(RightsAndMasksFirst, "reviewer", Unknown, 403, "has no number within the phone masks")]
    [InlineData(RightsAndMasksFirst, "monitor", Unknown, 404, "is not in progress")]
    public async Task DET_3_refusalOrder_decides_between_no_Call_List_and_an_unknown_couple(
        string? setting, string login, long couple, int status, string why)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(Profiles.With(setting)), TestContext.Current.CancellationToken);
        var client = await LogInAsync(recorder, login);

        var response = await client.DetailsAsync(couple);

        ((int)response.StatusCode).ShouldBe(status, $"DET-3 under {setting ?? "the default"}");
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain(why);
    }

    [Theory]
    [InlineData(null, "guest", Unknown, 403, "lacks the Call List permission")]
    [InlineData(CallListFirst, "guest", Unknown, 403, "lacks the Call List permission")]
    [InlineData(CoupleFirst, "guest", Unknown, 404, "is not in progress")]
    [InlineData(RightsFirst, "guest", Unknown, 403, "lacks the Call List permission")]
    [InlineData(null, "monitor", Unknown, 404, "is not in progress")]
    [InlineData(CallListFirst, "monitor", Unknown, 404, "is not in progress")]
    [InlineData(CoupleFirst, "monitor", Unknown, 404, "is not in progress")]
    [InlineData(RightsFirst, "monitor", Unknown, 403, "lacks the Pause and Resume Calls permission")]
    [InlineData(null, "reviewer", AgentsCouple, 403, "has no number within the phone masks")]
    [InlineData(CallListFirst, "reviewer", AgentsCouple, 403, "has no number within the phone masks")]
    [InlineData(CoupleFirst, "reviewer", AgentsCouple, 403, "has no number within the phone masks")]
    [InlineData(RightsFirst, "reviewer", AgentsCouple, 403, "lacks the Pause and Resume Calls permission")]
    [InlineData(MasksFirst, "guest", Unknown, 403, "lacks the Call List permission")]
    [InlineData(MasksFirst, "monitor", Unknown, 404, "is not in progress")]
    [InlineData(MasksFirst, "reviewer", Unknown, 403, "has no number within the phone masks")]
    [InlineData(MasksFirst, "reviewer", AgentsCouple, 403, "has no number within the phone masks")]
    [InlineData(RightsAndMasksFirst, "guest", Unknown, 403, "lacks the Call List permission")]
    [InlineData(RightsAndMasksFirst, "monitor", Unknown, 403, "lacks the Pause and Resume Calls permission")]
    [InlineData(RightsAndMasksFirst, "reviewer", Unknown, 403, "lacks the Pause and Resume Calls permission")]
    [InlineData(RightsAndMasksFirst, "reviewer", AgentsCouple, 403, "lacks the Pause and Resume Calls permission")]
    [InlineData(RightsAndMasksFirst, "agent", Unknown, 403, "has no number within the phone masks")]
    [InlineData(RightsAndMasksFirst, "admin", Unknown, 404, "is not in progress")]
    public async Task PSE_4_refusalOrder_decides_between_no_Call_List_an_unknown_couple_the_masks_and_the_pause_right(
        string? setting, string login, long couple, int status, string why)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(Profiles.With(setting)), TestContext.Current.CancellationToken);
        var client = await LogInAsync(recorder, login);

        var response = await client.PauseAsync(couple);

        ((int)response.StatusCode).ShouldBe(status, $"PSE-4 under {setting ?? "the default"}");
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain(why);
        recorder.Recorder.Couples().ShouldAllBe(c => c.History.Count == 0, "PSE-4: a refusal changes nothing");
    }

    [Theory]
    [InlineData(CallListFirst)]
    [InlineData(CoupleFirst)]
    [InlineData(RightsFirst)]
    [InlineData(MasksFirst)]
    [InlineData(RightsAndMasksFirst)]
    public async Task DET_3_and_PSE_4_Every_order_checks_the_login_first_and_agrees_where_one_rule_is_broken(string setting)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(Profiles.With(setting)), TestContext.Current.CancellationToken);
        var nobody = new LegacyClient(recorder.CreateClient());
        var admin = await LogInAsync(recorder, "admin");
        var agent = await LogInAsync(recorder, "agent");
        var monitor = await LogInAsync(recorder, "monitor");

        (await nobody.DetailsAsync(Unknown)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"DET-3 under {setting}: login first");
        (await nobody.PauseAsync(Unknown)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"PSE-4 under {setting}: login first");
        (await admin.DetailsAsync(Unknown)).StatusCode.ShouldBe(HttpStatusCode.NotFound, $"DET-3 under {setting}");
        (await admin.PauseAsync(Unknown)).StatusCode.ShouldBe(HttpStatusCode.NotFound, $"PSE-4 under {setting}");
        (await agent.DetailsAsync(OthersCouple)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"DET-3 under {setting}: masks");
        (await agent.PauseAsync(OthersCouple)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"PSE-4 under {setting}: masks");
        (await monitor.DetailsAsync(AgentsCouple)).StatusCode.ShouldBe(HttpStatusCode.OK, $"DET-3 under {setting}: no pause right needed");
        (await monitor.PauseAsync(AgentsCouple)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"PSE-4 under {setting}: pause right");
        (await admin.PauseAsync(AgentsCouple)).StatusCode.ShouldBe(HttpStatusCode.NoContent, $"PSE-1 under {setting}");
    }

    [Theory]
    [InlineData(CallListFirst, 404, "is not in progress")]
    [InlineData(MasksFirst, 403, "has no number within the phone masks of agent among the couples in progress")]
    [InlineData(RightsAndMasksFirst, 403, "has no number within the phone masks of agent among the couples in progress")]
    public async Task DET_3_and_PSE_4_Under_masks_first_a_user_with_masks_is_refused_an_ended_couple_within_them_as_an_unknown_one(string setting, int status, string why)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(Profiles.With(setting)), TestContext.Current.CancellationToken);
        var agent = await LogInAsync(recorder, "agent");
        (await agent.DetailsAsync(AgentsCouple)).StatusCode.ShouldBe(HttpStatusCode.OK, "within agent's masks while in progress");

        recorder.Recorder.EndCall(AgentsCouple).ShouldBeTrue();

        var details = await agent.DetailsAsync(AgentsCouple);
        var pause = await agent.PauseAsync(AgentsCouple);
        ((int)details.StatusCode).ShouldBe(status, $"DET-3 under {setting}");
        ((int)pause.StatusCode).ShouldBe(status, $"PSE-4 under {setting}");
        (await details.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain(why);
    }

    private static async Task<LegacyClient> LogInAsync(FakeRecorder recorder, string login)
    {
        recorder.Recorder.PutUser(Reviewer);
        var password = recorder.Recorder.Users().Single(u => u.Login == login).Password;
        return await LegacyClient.LoggedInAsync(recorder.CreateClient(), login, password);
    }
}
