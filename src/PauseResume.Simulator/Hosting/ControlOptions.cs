namespace PauseResume.Simulator.Hosting;

/// <summary>Whether the <c>/simulator</c> control API is served, and the token it then requires (null: none).</summary>
public sealed record ControlOptions(bool Enabled = true, string? Token = null)
{
    /// <summary>
    /// A token every client can send in a header: not empty, of visible ASCII characters only. A header's bytes past ASCII
    /// are not read as UTF-8 (Kestrel reads them as Latin-1, or refuses them), so a token with <c>€</c> (or <c>é</c> sent as UTF-8) could never be matched: the control API
    /// would be locked to everyone.
    /// </summary>
    internal static bool IsUsableToken(string token) => token.Length > 0 && token.All(c => c is > ' ' and <= '~');
}
