using PauseResume.Conformance.Wire;

namespace PauseResume.Conformance.Kit;

/// <summary>A step of a scenario that met a fault, and so ended the scenario unjudged.</summary>
internal sealed record FaultMet(int Run, int Step, StepFault Fault);
