namespace PauseResume.Simulator;

/// <summary>Documented by the vendor (D), or our inference (I), which the behaviour profile may change.</summary>
public enum RuleKind
{
    Documented,
    Inferred,
}
