namespace PauseResume.Simulator.Domain;

/// <summary>A list request. <see cref="Examined"/> counts the couples looked at, to show the indexes work.</summary>
public sealed record ListResult(Access Access, string? Login, IReadOnlyList<ListedCouple> Couples, int Examined);

