using System.Net;
using PauseResume.Simulator.Faults;
using PauseResume.Simulator.Hosting;
using PauseResume.Simulator.Json;
using PauseResume.Simulator.Tests.Support;

namespace PauseResume.Simulator.Tests.Faults;

/// <summary><c>--fault SPEC</c> and a world file's <c>faults</c>, and the standalone simulator meeting them over Kestrel.</summary>
public sealed class FaultCommandLineTests
{
    [Fact]
    public void A_fault_spec_names_its_kind_first_then_keys_as_in_JSON_with_the_body_last()
    {
        var fault = FaultJson.Parse("status,name=boom,path=/callrec/*,user=agent,probability=0.25,seed=9,status=502,body=Bad gateway, try again").Value!;

        fault.ShouldBe(new Fault("boom", FaultKind.Status)
        {
            Path = "/callrec/*", User = "agent", Probability = 0.25, Seed = 9, Status = 502, Body = "Bad gateway, try again",
        });
        FaultJson.Parse("latency,latencyMs=200,jitterMs=50").Value.ShouldBe(
            new Fault("latency", FaultKind.Latency) { Latency = TimeSpan.FromMilliseconds(200), Jitter = TimeSpan.FromMilliseconds(50) },
            "without a name the fault is named after its kind");
    }

    [Theory]
    [InlineData("explode", "'explode' is not one of latency, status, abort, truncate, restart, maintenance")]
    [InlineData("abort,colour=red", "'colour=red' is not one of name=…, path=…")]
    [InlineData("abort,probability=often", "probability, latencyMs, jitterMs and durationSeconds are numbers")]
    [InlineData("abort,path=pausedState", "path: a glob starting with '/'")]
    [InlineData("maintenance", "durationSeconds: a maintenance window lasts")]
    public void A_bad_fault_spec_is_refused_with_what_is_accepted(string spec, string message)
    {
        CommandLine.Parse(["--fault", spec], FakeRecorder.Epoch, out var error).ShouldBeNull();

        error.ShouldNotBeNull().ShouldContain(message);
    }

    [Fact]
    public void A_world_files_faults_come_first_and_the_command_lines_follow_them()
    {
        var world = Path.GetTempFileName();
        try
        {
            File.WriteAllText(world, """{"faults":[{"name":"upgrade","kind":"maintenance","durationSeconds":600}]}""");

            var options = CommandLine.Parse(["--world", world, "--fault", "abort,name=cut,rule=PSE-1"], FakeRecorder.Epoch, out var error);

            error.ShouldBeNull();
            options!.Faults.Select(f => (f.Name, f.Kind)).ShouldBe([("upgrade", FaultKind.Maintenance), ("cut", FaultKind.Abort)]);
            CommandLine.Parse(["--world", world, "--fault", "abort,name=upgrade"], FakeRecorder.Epoch, out var twice).ShouldBeNull();
            twice.ShouldBe("two faults are named upgrade; give each a name=");
        }
        finally
        {
            File.Delete(world);
        }
    }

    [Fact]
    public async Task A_bad_fault_spec_stops_the_standalone_simulator_with_exit_code_2_and_the_message()
    {
        var (exitCode, _, errors) = await StandaloneSimulator.RunToExitAsync(null, "--urls", "http://127.0.0.1:0", "--fault", "abort,probability=2");

        exitCode.ShouldBe(2);
        errors.ShouldContain("--fault.probability: from 0 to 1, not 2");
    }

    [Fact]
    public async Task Over_Kestrel_a_truncated_answer_arrives_half_and_an_aborted_one_not_at_all_and_the_log_names_both()
    {
        await using var simulator = await StandaloneSimulator.StartAsync(
            "--urls", "http://127.0.0.1:0", "--fault", "truncate,name=half,path=/callrec/restful/couples.xml", "--fault", "abort,name=cut,path=/callrec/*/pausedState");
        using var http = new HttpClient { BaseAddress = simulator.Address };
        var client = await LegacyClient.LoggedInAsync(http, "admin", "admin");
        using var request = new HttpRequestMessage(HttpMethod.Get, LegacyClient.CouplesPath);
        request.Headers.Add("Cookie", $"JSESSIONID={client.SessionId}");

        using var list = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        var received = new MemoryStream();
        var cut = await Should.ThrowAsync<HttpRequestException>(() => list.Content.CopyToAsync(received, TestContext.Current.CancellationToken));
        var aborted = await Should.ThrowAsync<HttpRequestException>(() => client.PauseAsync(24197));
        await simulator.WaitForOutputAsync(line => line.Contains("fault cut (abort)", StringComparison.Ordinal));

        list.StatusCode.ShouldBe(HttpStatusCode.OK);
        list.Headers.GetValues("X-Simulator-Fault").ShouldBe(["half"]);
        cut.InnerException.ShouldBeOfType<HttpIOException>().HttpRequestError.ShouldBe(HttpRequestError.ResponseEnded);
        received.Length.ShouldBe(list.Content.Headers.ContentLength!.Value / 2, cut.Message);
        aborted.ShouldNotBeNull();
        simulator.Output.ShouldContain(line => line.Contains("(LST-5); fault half (truncate)", StringComparison.Ordinal));
    }
}
