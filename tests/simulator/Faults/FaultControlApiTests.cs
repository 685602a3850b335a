using System.Net;
using System.Text.Json;
using PauseResume.Simulator.Json;
using PauseResume.Simulator.Tests.Support;
using static PauseResume.Simulator.Tests.Support.TestWorlds;

namespace PauseResume.Simulator.Tests.Faults;

/// <summary>The faults of the control API: switched on, listed with their counts, switched off; the control API itself never faulted.</summary>
public sealed class FaultControlApiTests
{
    [Fact]
    public async Task A_fault_posted_is_listed_with_its_count_and_deleted_by_name()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var http = recorder.CreateClient();
        var admin = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");

        var created = await Control.PostAsync(http, "/simulator/faults", """{"name":"boom","kind":"status","status":500,"body":"oops","path":"/callrec/restful/*"}""");
        await admin.ListAsync();
        await admin.ListAsync();
        var listed = await Control.GetAsync(http, "/simulator/faults");
        var deleted = await http.DeleteAsync("/simulator/faults/boom", TestContext.Current.CancellationToken);
        var again = await http.DeleteAsync("/simulator/faults/boom", TestContext.Current.CancellationToken);
        var after = await admin.ListAsync();

        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var fault = listed.EnumerateArray().ShouldHaveSingleItem();
        (fault.GetProperty("name").GetString(), fault.GetProperty("kind").GetString(), fault.GetProperty("injected").GetInt64()).ShouldBe(("boom", "status", 2L));
        deleted.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        again.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        after.StatusCode.ShouldBe(HttpStatusCode.OK, "off again");
    }

    [Theory]
    [InlineData("""{"name":"x","kind":"explode"}""", "fault.kind: 'explode' is not one of latency, status, abort, truncate, restart, maintenance")]
    [InlineData("""{"name":"x","kind":"abort, status"}""", "fault.kind: 'abort, status' is not one of")]
    [InlineData("""{"name":"x","kind":"2"}""", "fault.kind: '2' is not one of")]
    [InlineData("""{"name":"x","kind":"latency"}""", "a latency fault needs some delay")]
    [InlineData("""{"name":"x","kind":"status","status":200}""", "status: an error status from 400 to 599, not 200")]
    [InlineData("""{"name":"x","kind":"abort","latencyMs":5}""", "latencyMs and jitterMs belong to latency, not to abort")]
    [InlineData("""{"name":"x","kind":"maintenance"}""", "durationSeconds: a maintenance window lasts more than 0 s")]
    [InlineData("""{"name":"x","kind":"latency","latencyMs":999999999999}""", "latencyMs and jitterMs are numbers from 0 to 600000, durationSeconds one above 0 and at most 2592000")]
    [InlineData("""{"name":"x","kind":"maintenance","durationSeconds":1e12}""", "at most 2592000")]
    [InlineData("""{"name":"x","kind":"abort","probability":1.5}""", "probability: from 0 to 1")]
    [InlineData("""{"name":"x y","kind":"abort"}""", "name: 1 to 64 characters")]
    [InlineData("""{"name":"x","kind":"status","rule":"PSE-1"}""", "acts before the request is decided")]
    [InlineData("""{"name":"x","kind":"abort","rule":"PSE-9"}""", "rule: a rule id of the API such as PSE-1, or a family of them (SES, LST, DET, PSE, GEN), not 'PSE-9'")] // it would never fire
    [InlineData("""{"name":"x","kind":"abort","rule":"XYZ"}""", "not 'XYZ'")]
    [InlineData("""{"name":"x","kind":"abort","injected":3}""", "injected, active and until are counted by the simulator")]
    [InlineData("""{"name":"x","kind":"abort","colour":"red"}""", "fault: 'colour' is not a field this request knows")]
    public async Task A_fault_the_simulator_cannot_switch_on_is_a_400_that_says_why(string body, string message)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);

        var response = await Control.PostAsync(recorder.CreateClient(), "/simulator/faults", body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, body);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain(message);
        recorder.Faults.Any.ShouldBeFalse();
    }

    [Fact]
    public async Task A_second_fault_of_the_same_name_is_a_409_and_deleting_all_switches_every_fault_off()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var control = recorder.CreateControlClient();
        await control.AddFaultAsync(new FaultJson("cut", "abort"), TestContext.Current.CancellationToken);
        await control.AddFaultAsync(new FaultJson("slow", "latency", LatencyMs: 5), TestContext.Current.CancellationToken);

        var taken = await Should.ThrowAsync<SimulatorControlException>(() => control.AddFaultAsync(new FaultJson("cut", "truncate"), TestContext.Current.CancellationToken));
        await control.ClearFaultsAsync(TestContext.Current.CancellationToken);

        taken.Status.ShouldBe(409);
        taken.Message.ShouldContain("a fault named cut is on already");
        (await control.ListFaultsAsync(TestContext.Current.CancellationToken)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Faults_never_touch_the_control_API_so_it_can_always_switch_them_off()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var control = recorder.CreateControlClient();
        await control.AddFaultAsync(new FaultJson("down", "status", Path: "/*", Status: 503), TestContext.Current.CancellationToken);
        await control.AddFaultAsync(new FaultJson("cut", "abort"), TestContext.Current.CancellationToken);

        var faults = await control.ListFaultsAsync(TestContext.Current.CancellationToken);
        await control.RemoveFaultAsync("down", TestContext.Current.CancellationToken);
        await control.RemoveFaultAsync("cut", TestContext.Current.CancellationToken);

        faults.Select(f => (f.Name, f.Injected)).ShouldBe([("down", 0L), ("cut", 0L)], "control requests are no legacy requests");
        recorder.Faults.Any.ShouldBeFalse();
    }

    [Fact]
    public async Task A_reset_keeps_the_faults_switched_on_and_refuses_a_world_that_names_faults()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var http = recorder.CreateClient();
        var control = recorder.CreateControlClient();
        await control.AddFaultAsync(new FaultJson("cut", "abort"), TestContext.Current.CancellationToken);

        await control.ResetAsync(cancellationToken: TestContext.Current.CancellationToken);
        var refused = await Control.PostAsync(http, "/simulator/reset", """{"faults":[{"name":"x","kind":"abort"}]}""");

        recorder.Faults.List().ShouldHaveSingleItem().Fault.Name.ShouldBe("cut", "faults are the recorder's surroundings, not its world");
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("a reset keeps the faults switched on; switch them with /simulator/faults");
    }

    [Fact]
    public async Task The_answers_of_the_control_API_describe_each_fault_by_its_own_parameters()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);

        var created = await Control.PostAsync(recorder.CreateClient(), "/simulator/faults", """{"name":"upgrade","kind":"maintenance","durationSeconds":60}""");
        var json = await Control.JsonAsync(created);

        json.ToJsonString(new JsonSerializerOptions { WriteIndented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }).ShouldBe(
            """{"name":"upgrade","kind":"maintenance","probability":1,"seed":0,"durationSeconds":60,"injected":0,"active":true,"until":"2026-11-27T12:01:00+00:00"}""");
    }
}
