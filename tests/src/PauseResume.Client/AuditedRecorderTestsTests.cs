using PauseResume.Client.Tests.Support;
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
}
