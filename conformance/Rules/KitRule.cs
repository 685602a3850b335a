namespace PauseResume.Conformance.Rules;

/// <summary>One rule of the recorder's API as the kit reads it: its id, its kind and what it says.</summary>
/// <param name="Part">
/// Where most checks of the rule cannot tell it from a near miss (a list filtered by a value only one side carries says
/// nothing of whether the direction was read): the checks that can, which a run needs as it needs checks of the rule.
/// </param>
internal sealed record KitRule(string Id, RuleKind Kind, string Summary, string? Part = null)
{
    public bool Documented => Kind == RuleKind.Documented;

    public string KindLetter => Documented ? "D" : "I";
}
