using PauseResume.Simulator.Hosting;

namespace PauseResume.Conformance.Tests.Support;

/// <summary>
/// A deliberately deviant recorder: the simulator behind a handler that breaks exactly one rule. The handler may
/// rewrite requests and answers and reach into the simulator's domain, as a buggy server would behave.
/// </summary>
public sealed record Deviant(string Name, string BreaksRule, Func<FakeRecorder, HttpMessageHandler, DelegatingHandler> Wrap)
{
    public override string ToString() => Name;
}
