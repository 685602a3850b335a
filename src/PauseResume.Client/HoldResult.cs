namespace PauseResume.Client;

/// <summary>What a hold or unhold did: the couples it changed and those that already were in that state.</summary>
public sealed record HoldResult(IReadOnlyList<long> Changed, IReadOnlyList<long> AlreadyInState);
