namespace PauseResume.Conformance.Rules;

/// <summary>One rule of the recorder's API as the kit reads it: its id, its kind and what it says.</summary>
internal sealed record KitRule(string Id, RuleKind Kind, string Summary)
{
    public bool Documented => Kind == RuleKind.Documented;

    public string KindLetter => Documented ? "D" : "I";
}
