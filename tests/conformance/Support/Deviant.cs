using PauseResume.Conformance.Rules;
using PauseResume.Simulator.Hosting;

namespace PauseResume.Conformance.Tests.Support;

/// <summary>
/// A deliberately deviant recorder: the simulator behind a handler that breaks exactly one rule. The handler may
/// rewrite requests and answers and reach into the simulator's domain, as a buggy server would behave. A deviant of
/// a documented rule must be reported broken; one of an inferred rule only as differing from the profile, and where a
/// profile setting describes what it does, with that setting's value (<see cref="Matches"/>).
/// </summary>
public sealed record Deviant(string Name, string BreaksRule, Func<FakeRecorder, HttpMessageHandler, DelegatingHandler> Wrap, string? Matches = null, bool InferredPart = false)
{
    /// <summary>
    /// A documented rule broken, which no profile setting explains (PSE-2's reading of a bad value is a setting; that
    /// LST-4's two filters must both match is an inferred part of a documented rule).
    /// </summary>
    public bool Documented => Matches is null && !InferredPart && RuleCatalogue.Get(BreaksRule).Documented;

    public override string ToString() => Name;
}
