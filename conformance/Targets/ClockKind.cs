namespace PauseResume.Conformance.Targets;

/// <summary>How time can pass on a target for SES-6: not at all, by moving its clock, or by waiting in real time.</summary>
internal enum ClockKind
{
    None,
    Virtual,
    Real,
}
