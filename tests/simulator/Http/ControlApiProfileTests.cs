using System.Net;
using System.Text;
using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Hosting;
using PauseResume.Simulator.Tests.Support;
using static PauseResume.Simulator.Tests.Support.TestWorlds;

namespace PauseResume.Simulator.Tests.Http;

/// <summary>The profile through the control API: every setting shown, changed by name, and in effect at once.</summary>
public sealed class ControlApiProfileTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GET_profile_shows_every_setting_with_its_value()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);

        var profile = await Control.GetAsync(recorder.CreateClient(), "/simulator/profile");

        profile.EnumerateObject().Select(p => p.Name).ShouldBe([.. RecorderProfile.SettingNames, "name"], ignoreOrder: true);
        profile.GetProperty("refusalOrder").GetString().ShouldBe("call-list-first");
        profile.GetProperty("unknownPathStatus").GetString().ShouldBe("404");
    }

    [Fact]
    public async Task A_PATCH_of_the_new_settings_takes_effect_on_the_next_request()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var http = recorder.CreateClient();
        var guest = await LegacyClient.LoggedInAsync(http, "guest", "guest-pw");

        var patch = await http.PatchAsync("/simulator/profile", Json("""{"refusalOrder":"COUPLE-FIRST","unknownPathStatus":400,"loginParameters":"form-and-query"}"""), Cancel);
        var details = await guest.DetailsAsync(99999);
        var unknown = await guest.SendAsync(HttpMethod.Get, "/callrec/nothing");
        var byQuery = new LegacyClient(http);
        await byQuery.SendAsync(HttpMethod.Post, "/callrec/loginAction.do?login=admin&password=secret");

        patch.StatusCode.ShouldBe(HttpStatusCode.OK);
        var shown = await Control.JsonAsync(patch);
        shown["refusalOrder"]!.GetValue<string>().ShouldBe("couple-first");
        shown["unknownPathStatus"]!.GetValue<string>().ShouldBe("400");
        details.StatusCode.ShouldBe(HttpStatusCode.NotFound, "DET-3 under refusalOrder=couple-first");
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest, "GEN-1 under unknownPathStatus=400");
        (await byQuery.ListAsync()).StatusCode.ShouldBe(HttpStatusCode.OK, "SES-1 under loginParameters=form-and-query");
    }

    [Theory]
    [InlineData("""{"badParameterOrder":"whenever"}""", "(LST-6, PSE-2)")]
    [InlineData("""{"pausedStateGetStatus":"500"}""", "(PSE-4)")]
    [InlineData("""{"refusalOrder":"couple-first","methodNotAllowedStatus":"x"}""", "(GEN-2)")]
    public async Task A_bad_PATCH_is_400_naming_the_rule_and_changes_no_setting(string json, string rule)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);

        var response = await recorder.CreateClient().PatchAsync("/simulator/profile", Json(json), Cancel);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(Cancel)).ShouldContain(rule);
        recorder.Recorder.Profile.ShouldBe(RecorderProfile.Default, "a refused PATCH changes nothing, not even its valid settings");
    }

    [Fact]
    public async Task A_reset_to_a_world_file_takes_its_profile_settings()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);

        var response = await Control.PostAsync(recorder.CreateClient(), "/simulator/reset",
            """{"profile":{"name":"jaxrs-lenient","directionWithoutValue":"ignored","badParameterOrder":"before-login"}}""");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        recorder.Recorder.Profile.ShouldBe(RecorderProfile.JaxRsLenient with
        {
            DirectionWithoutValue = DirectionWithoutValue.Ignored,
            BadDirectionOrder = BadParameterOrder.BeforeLogin,
            BadPausedOrder = BadParameterOrder.BeforeLogin,
        });
    }

    [Fact]
    public async Task Two_partial_PATCHes_at_once_both_take_effect()
    {
        // Arrange
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var http = recorder.CreateClient();
        var lost = 0;

        // Act: rounds of two changes of different settings sent together, each from the default profile
        for (var round = 0; round < 100; round++)
        {
            (await http.PatchAsync("/simulator/profile", Json("""{"name":"default"}"""), Cancel)).EnsureSuccessStatusCode();
            await Task.WhenAll(
                http.PatchAsync("/simulator/profile", Json("""{"refusalOrder":"couple-first"}"""), Cancel),
                http.PatchAsync("/simulator/profile", Json("""{"unknownPathStatus":400}"""), Cancel));
            var profile = await Control.GetAsync(http, "/simulator/profile");
            lost += profile.GetProperty("refusalOrder").GetString() == "couple-first" && profile.GetProperty("unknownPathStatus").GetString() == "400" ? 0 : 1;
        }

        // Assert
        lost.ShouldBe(0, "a PATCH changes the profile in force when it is applied, not the one it read before");
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
