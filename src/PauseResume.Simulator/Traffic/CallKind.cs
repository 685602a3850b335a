namespace PauseResume.Simulator.Traffic;

/// <summary>What becomes of a call: it stays one couple (simple), its agent hands it to another (consult transfer), or a third party joins.</summary>
public enum CallKind
{
    Simple,
    Transfer,
    Conference,
}
