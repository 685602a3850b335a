namespace PauseResume.Conformance.Wire;

/// <summary>One request of a scenario and the answer it got, kept for the trace and the curl script.</summary>
internal sealed record Exchange(
    int Slot,
    string Method,
    string PathAndQuery,
    string? Cookie,
    string? Form,
    int Status,
    string? ContentType,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    string? Script = null)
{
    /// <summary>A line for the reproduction script that is no API request (a control action, a pause in time).</summary>
    public static Exchange Note(string script) => new(-1, string.Empty, string.Empty, null, null, 0, null, new Dictionary<string, string>(), string.Empty, script);

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public string Shape => $"{Status} {ContentType} {Body}";
}
