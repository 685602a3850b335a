using PauseResume.Client.Tests.Support;
using PauseResume.Simulator.Audit;
using PauseResume.Simulator.Tests.Support;

namespace PauseResume.Client.Tests;

/// <summary>The audit's clean bill for this client is worth only as much as the tests it covers: all of them.</summary>
public sealed class AuditedRecorderTestsTests
{
    [Fact]
    public void Every_client_test_starts_its_in_process_recorder_through_the_audited_fixture()
    {
        var folder = Path.Combine(Repository.Root, "tests", "src", "PauseResume.Client");
        var fixture = Path.Combine(folder, "Support", nameof(AuditedRecorderTests) + ".cs");

        var bypassing = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && f != fixture
                        && File.ReadAllText(f).Contains("FakeRecorder" + ".Start(", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(folder, f))
            .ToList();

        bypassing.ShouldBeEmpty("a recorder started elsewhere is never audited: use AuditedRecorderTests.StartRecorder");
    }

    [Fact]
    public async Task A_finding_the_test_did_not_allow_fails_it_with_the_audits_text_and_an_allowed_one_does_not()
    {
        await using var careless = new Fixture();
        await using var allowing = new Fixture();

        await careless.LeaveASessionAsync();
        await allowing.LeaveASessionAsync("never-logged-out");

        Should.Throw<ClientAuditException>(careless.ShouldAllBeClean).Message.ShouldContain("SES-5 never-logged-out in session 1 (agent)");
        allowing.ShouldAllBeClean();
    }

    /// <summary>A test class as the fixture sees it, whose client logs in and never logs out (SES-5).</summary>
    private sealed class Fixture : AuditedRecorderTests
    {
        public async Task LeaveASessionAsync(params string[] allowed)
        {
            AllowFindings(allowed);
            var client = await Arrange.LoggedIn(StartRecorder(), "agent", "agent-pw");
            client.Dispose(); // releases without logging out
        }
    }
}
