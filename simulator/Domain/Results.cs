namespace PauseResume.Simulator.Domain;

/// <summary>A login: the fresh session id every login answer carries (SES-4) and what really happened.</summary>
public sealed record LoginResult(string SessionId, LoginVerdict Verdict, string? Login);

/// <summary>A logout: the fresh session id, and who was logged out (null if nobody was).</summary>
public sealed record LogoutResult(string SessionId, string? Login);

/// <summary>A listed couple; <see cref="MaySeeDetails"/> decides whether it carries its self link (LST-5).</summary>
public sealed record ListedCouple(Couple Couple, bool MaySeeDetails);

/// <summary>A list request. <see cref="Examined"/> counts the couples looked at, to show the indexes work.</summary>
public sealed record ListResult(Access Access, string? Login, IReadOnlyList<ListedCouple> Couples, int Examined);

public sealed record DetailsResult(Access Access, string? Login, CoupleState? State, bool MayPause);

public sealed record PauseResult(Access Access, string? Login, bool Changed);
