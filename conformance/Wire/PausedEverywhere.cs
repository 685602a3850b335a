namespace PauseResume.Conformance.Wire;

/// <summary>
/// A pause or resume of the kit's own (an agent's, a clean-up's) that a recorder reads as meant wherever it reads
/// <c>paused</c>: that place is inferred (PSE-3: a form body, the query string, or a POST's body only), and a lenient
/// server that does not look where the value is reads it as false, so the value goes in the query and in the POST's
/// form body alike. Two equal values are no conflict under any reading (PSE-2).
/// </summary>
internal static class PausedEverywhere
{
    public static (string PathAndQuery, string Form) Of(string pausedStatePath, bool paused)
    {
        var value = paused ? "paused=true" : "paused=false";
        return (pausedStatePath + (pausedStatePath.Contains('?', StringComparison.Ordinal) ? "&" : "?") + value, value);
    }
}
