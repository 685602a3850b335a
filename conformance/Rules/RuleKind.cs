namespace PauseResume.Conformance.Rules;

/// <summary>Documented by the vendor (a server that breaks it has a bug) or inferred (a profile's choice).</summary>
internal enum RuleKind
{
    Documented,
    Inferred,
}
