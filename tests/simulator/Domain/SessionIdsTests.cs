using System.Net;
using Microsoft.Extensions.Time.Testing;
using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Hosting;
using PauseResume.Simulator.Tests.Support;

namespace PauseResume.Simulator.Tests.Domain;

/// <summary>Session ids nobody can guess and nothing hands out twice (SES-4).</summary>
public sealed class SessionIdsTests
{
    [Fact]
    public void SES_4_Two_fresh_starts_on_the_same_world_hand_out_different_ids()
    {
        var first = new Recorder(TestWorlds.Small(), new FakeTimeProvider(FakeRecorder.Epoch));
        var second = new Recorder(TestWorlds.Small(), new FakeTimeProvider(FakeRecorder.Epoch));

        var firstIds = Enumerable.Range(0, 3).Select(_ => first.Login("admin", "secret", true, null).SessionId).ToList();
        var secondIds = Enumerable.Range(0, 3).Select(_ => second.Login("admin", "secret", true, null).SessionId).ToList();

        firstIds.Intersect(secondIds).ShouldBeEmpty("SES-4: the ids after a start must not be predictable from the world or its seed");
        firstIds.ShouldAllBe(id => System.Text.RegularExpressions.Regex.IsMatch(id, "^[0-9A-F]{32}$"), "SES-4: 32 upper-case hex digits");
    }

    [Fact]
    public async Task SES_4_After_a_reset_another_users_login_never_gets_an_id_handed_out_before()
    {
        await using var recorder = await FakeRecorder.StartAsync(TestWorlds.Small(), TestContext.Current.CancellationToken);
        var http = recorder.CreateClient();
        var admin = await LegacyClient.LoggedInAsync(http, "admin", "secret");
        (await http.PostAsync("/simulator/reset", null, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

        var monitor = await LegacyClient.LoggedInAsync(http, "monitor", "monitor-pw");
        var adminsOldCookie = await admin.ListAsync();

        monitor.SessionId.ShouldNotBe(admin.SessionId, "SES-4: a reset must not restart the ids");
        adminsOldCookie.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "a reset ends every session; the old cookie must not now be monitor's");
    }

    [Fact]
    public void SES_4_Predictable_ids_are_given_only_to_a_test_that_asks_for_them_by_name()
    {
        var one = new Recorder(TestWorlds.Small(), new FakeTimeProvider(FakeRecorder.Epoch), SessionIds.PredictableForTests(7));
        var other = new Recorder(TestWorlds.Small(), new FakeTimeProvider(FakeRecorder.Epoch), SessionIds.PredictableForTests(7));

        var ids = Enumerable.Range(0, 3).Select(_ => (one.Login("admin", "secret", true, null).SessionId, other.Login("admin", "secret", true, null).SessionId));

        ids.ShouldAllBe(pair => pair.Item1 == pair.Item2, "the same seed asked for by name gives the same ids");
    }

    [Fact]
    public void SES_3_Login_page_tokens_come_with_the_login_unguessable_and_predictable_only_by_name()
    {
        var tokenPage = RecorderProfile.Default.With("loginPage", "token").Profile!;
        var one = new Recorder(TestWorlds.Small(tokenPage), new FakeTimeProvider(FakeRecorder.Epoch), SessionIds.PredictableForTests(7));
        var other = new Recorder(TestWorlds.Small(tokenPage), new FakeTimeProvider(FakeRecorder.Epoch), SessionIds.PredictableForTests(7));
        var unguessable = new Recorder(TestWorlds.Small(tokenPage), new FakeTimeProvider(FakeRecorder.Epoch));
        string Token(Recorder recorder) => recorder.Login("admin", "wrong", true, null).PageToken!;

        var tokens = Enumerable.Range(0, 3).Select(_ => (Token(one), Token(other), Token(unguessable))).ToList();

        tokens.ShouldAllBe(t => t.Item1 == t.Item2, "the same seed asked for by name gives the same tokens");
        tokens.Select(t => t.Item1).Distinct().Count().ShouldBe(3, "SES-3 (loginPage=token): a fresh token each time");
        tokens.Select(t => t.Item3 != t.Item1 && Guid.TryParse(t.Item3, out var parsed) && parsed != Guid.Empty).ShouldAllBe(unseeded => unseeded, "by default a UUID no seed gives");
        tokens.SelectMany(t => new[] { t.Item1, t.Item3 }).ShouldAllBe(token => token[14] == '4' && "89ab".Contains(token[19]), "a version 4 (random) UUID of RFC 4122's variant");
    }

    [Fact]
    public void SES_4_Showing_page_tokens_moves_no_predictable_session_id()
    {
        var plain = new Recorder(TestWorlds.Small(), new FakeTimeProvider(FakeRecorder.Epoch), SessionIds.PredictableForTests(7));
        var tokens = new Recorder(TestWorlds.Small(RecorderProfile.Default.With("loginPage", "token").Profile!), new FakeTimeProvider(FakeRecorder.Epoch), SessionIds.PredictableForTests(7));

        var ids = Enumerable.Range(0, 3).Select(_ => (plain.Login("admin", "secret", true, null), tokens.Login("admin", "secret", true, null))).ToList();

        ids.ShouldAllBe(pair => pair.Item1.SessionId == pair.Item2.SessionId, "loginPage=token draws its tokens from a stream of their own");
        ids.ShouldAllBe(pair => pair.Item1.PageToken == null && pair.Item2.PageToken != null, "SES-3: a token only where the page shows one");
    }

    [Fact]
    public void SES_4_A_reset_keeps_even_predictable_ids_going_instead_of_starting_them_again()
    {
        var recorder = new Recorder(TestWorlds.Small(), new FakeTimeProvider(FakeRecorder.Epoch), SessionIds.PredictableForTests(7));
        var before = recorder.Login("admin", "secret", true, null).SessionId;

        recorder.Reset(TestWorlds.Small());
        var after = recorder.Login("monitor", "monitor-pw", true, null).SessionId;

        after.ShouldNotBe(before, "SES-4: a reset never brings an id back");
    }
}
