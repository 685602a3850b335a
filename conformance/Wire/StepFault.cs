namespace PauseResume.Conformance.Wire;

/// <summary>
/// A request whose answer says nothing about the rules: a fault of the simulator (<c>X-Simulator-Fault</c>), a server or
/// gateway that says it is unavailable (502, 503, 504) or limits the rate (429), an answer cut short or a connection
/// dropped, no answer in time.
/// The kit judges no rule by it: the scenario stops there, since the request may or may not have taken effect.
/// </summary>
/// <param name="Kind">What met the request, in a word: the simulator fault's name, <c>503</c>, <c>cut</c>, <c>timeout</c>.</param>
internal sealed record StepFault(string Kind, string Request, string What)
{
    public const string Header = "X-Simulator-Fault";

    /// <summary>The longest <c>Retry-After</c> waited for before a request is sent again.</summary>
    public static readonly TimeSpan LongestRetryAfter = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long the server asked the kit to wait before it asks again (<c>Retry-After</c> of a 503 or 429, at most
    /// <see cref="LongestRetryAfter"/>); null where it asked nothing.
    /// </summary>
    public TimeSpan? RetryAfter { get; init; }

    public override string ToString() => $"{Request}: {What}";
}
