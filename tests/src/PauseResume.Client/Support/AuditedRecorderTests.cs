using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Hosting;

namespace PauseResume.Client.Tests.Support;

/// <summary>
/// The base of every client test against the in-process simulator: each recorder a test starts here is audited when the
/// test ends, and the test fails with the audit's text unless the test itself allowed every finding by name. That every
/// client test passes it is the proof that the client keeps the documented procedure and that the audit does not cry
/// wolf.
/// </summary>
public abstract class AuditedRecorderTests : IAsyncLifetime
{
    private readonly List<FakeRecorder> recorders = [];
    private readonly List<string> allowed = [];

    /// <summary>A recorder on the small world of <see cref="Arrange"/>, audited and disposed when the test ends.</summary>
    protected FakeRecorder StartRecorder(RecorderProfile? profile = null)
    {
        var recorder = FakeRecorder.Start(Arrange.World(profile));
        recorders.Add(recorder);
        return recorder;
    }

    /// <summary>Findings this test provokes on purpose, by name (<c>never-logged-out</c>); every other one fails it.</summary>
    protected void AllowFindings(params string[] names) => allowed.AddRange(names);

    /// <summary>What the end of every test asserts: the audit of each recorder is clean but for the findings allowed.</summary>
    internal void ShouldAllBeClean()
    {
        foreach (var recorder in recorders)
        {
            recorder.Audit.ShouldBeClean([.. allowed]);
        }
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        try
        {
            // A test that failed already keeps its own failure as the one reported; the audit speaks for those that passed.
            if (TestContext.Current.TestState?.Result == TestResult.Passed)
            {
                ShouldAllBeClean();
            }
        }
        finally
        {
            foreach (var recorder in recorders)
            {
                await recorder.DisposeAsync();
            }
        }
    }
}
