using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Targets;
using PauseResume.Conformance.Tests.Support;

namespace PauseResume.Conformance.Tests.Kit;

/// <summary>A target that stops answering (all of it, or one kind of request) ends the run early, said so, instead of costing a timeout per scenario for hours.</summary>
public sealed class StalledTargetTests
{
    [Fact]
    public async Task A_recorder_whose_pauses_get_no_answer_in_time_stops_the_run_after_a_few_scenarios()
    {
        // Arrange: every pause and resume waits past the client's timeout (the wire takes it as a timeout fault)
        await using var inner = new InProcessTarget((_, handler) => new Rewriting(async (request, send) =>
            Rewriting.IsPausedState(request) ? throw new TaskCanceledException("no answer in time") : await send(request)) { InnerHandler = handler });
        var progress = new StringWriter();
        var kit = new ConformanceKit(inner, KitProfile.Default, progress) { Seed = 1, Runs = 100 };

        // Act
        var result = await kit.RunAsync(TestContext.Current.CancellationToken);

        // Assert
        var why = progress.ToString();
        result.Runs.ShouldBeLessThan(100, why);
        result.Faults.ShouldAllBe(f => f.Fault.Kind == "timeout", why);
        result.Faults.Count.ShouldBeGreaterThanOrEqualTo(ConformanceKit.StalledAfter, why);
        why.ShouldContain("no more scenarios are started");
        result.Verdict.ShouldContain("The target stopped answering in time");
        result.ExitCode(requireAllChecked: false).ShouldBe(KitResult.ExitFaulted, why);
    }

    [Fact]
    public async Task Scenarios_that_meet_a_timeout_now_and_then_do_not_stop_the_run()
    {
        // Arrange: one pause or resume in forty gets no answer in time
        var sent = 0;
        await using var inner = new InProcessTarget((_, handler) => new Rewriting(async (request, send) =>
            Rewriting.IsPausedState(request) && Interlocked.Increment(ref sent) % 40 == 0 ? throw new TaskCanceledException("no answer in time") : await send(request)) { InnerHandler = handler });
        var progress = new StringWriter();
        var kit = new ConformanceKit(inner, KitProfile.Default, progress) { Seed = 1, Runs = 30, MaxRuns = 30 };

        // Act
        var result = await kit.RunAsync(TestContext.Current.CancellationToken);

        // Assert
        var why = progress.ToString();
        result.Runs.ShouldBe(30, why);
        result.Faults.ShouldNotBeEmpty(why);
        result.Stalled.ShouldBeFalse(why);
    }
}
