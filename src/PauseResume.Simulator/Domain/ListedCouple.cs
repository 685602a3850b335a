namespace PauseResume.Simulator.Domain;

/// <summary>A listed couple; <see cref="MaySeeDetails"/> decides whether it carries its self link (LST-5).</summary>
public sealed record ListedCouple(Couple Couple, bool MaySeeDetails);
