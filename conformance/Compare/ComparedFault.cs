using PauseResume.Conformance.Kit;

namespace PauseResume.Conformance.Compare;

/// <summary>A step a fault met on one side of a comparison: the scenario was compared only up to it.</summary>
internal sealed record ComparedFault(string Side, FaultMet Met)
{
    public override string ToString() => $"scenario {Met.Run} step {Met.Step}, on the {Side}: {Met.Fault}";
}
