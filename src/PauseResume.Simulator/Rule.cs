namespace PauseResume.Simulator;

/// <summary>One rule of RECORDER-API.md.</summary>
public sealed record Rule(string Id, RuleKind Kind, string Summary);
