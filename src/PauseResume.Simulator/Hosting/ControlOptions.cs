namespace PauseResume.Simulator.Hosting;

/// <summary>Whether the <c>/simulator</c> control API is served, and the token it then requires (null: none).</summary>
public sealed record ControlOptions(bool Enabled = true, string? Token = null)
{
    /// <summary>A token a client can send in a header: not empty, without white space or control characters.</summary>
    internal static bool IsUsableToken(string token) => token.Length > 0 && !token.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));
}
