using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Targets;
using PauseResume.Simulator.Domain;

namespace PauseResume.Conformance.Tests.Kit;

public sealed class ConformingRecorderTests
{
    [Theory]
    [InlineData(RecorderProfile.DefaultName)]
    [InlineData(RecorderProfile.JaxRsLenientName)]
    public async Task The_unmodified_simulator_passes_under_every_built_in_profile_with_every_rule_checked(string profileName)
    {
        RecorderProfile.TryNamed(profileName, out var profile).ShouldBeTrue();
        await using var target = new InProcessTarget();
        var kit = new ConformanceKit(target, profile, TextWriter.Null) { Seed = 5, Runs = 200 };

        var result = await kit.RunAsync();

        result.Failure.ShouldBeNull(result.Failure is { } f ? $"{f.Check.Rule}: {f.Check.What}; expected {f.Check.Expected}, actual {f.Check.Actual}\n{string.Join("\n", f.Trace)}" : null);
        result.Rules.Where(r => r.Status != RuleStatus.Passed).Select(r => $"{r.Rule.Id}: {r.Detail}").ShouldBeEmpty();
    }

    [Fact]
    public void Every_built_in_profile_is_covered_by_the_theory_above()
    {
        RecorderProfile.BuiltIn.Select(p => p.Name).ShouldBe([RecorderProfile.DefaultName, RecorderProfile.JaxRsLenientName], ignoreOrder: true);
    }

    [Fact]
    public async Task Checked_against_the_wrong_profile_the_simulator_fails_the_inferred_rule_that_differs()
    {
        await using var target = new InProcessTarget((recorder, inner) =>
        {
            recorder.Recorder.Profile = RecorderProfile.JaxRsLenient;
            return new ProfilePinning(recorder, inner);
        });
        var kit = new ConformanceKit(target, RecorderProfile.Default, TextWriter.Null) { Seed = 3, Runs = 300 };

        var result = await kit.RunAsync();

        result.Failure!.Check.Rule.ShouldBe("PSE-2");
    }

    /// <summary>Keeps the simulator on jaxrs-lenient whatever profile a reset asks for: a server that is what it is.</summary>
    private sealed class ProfilePinning(Simulator.Hosting.FakeRecorder recorder, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            recorder.Recorder.Profile = RecorderProfile.JaxRsLenient;
            return response;
        }
    }
}
