namespace PauseResume.Simulator.Domain;

/// <summary>Which of several <c>paused</c> values a pausedState request is read by (PSE-2, inferred).</summary>
public enum RepeatedPaused
{
    /// <summary>Values that differ (ignoring case) are a 400 that says so.</summary>
    Refused,

    /// <summary>The first, as a servlet's <c>getParameter</c> and JAX-RS read a single-valued parameter.</summary>
    First,

    /// <summary>The last, as some frameworks bind a repeated field.</summary>
    Last,

    /// <summary>Any value given more than once is a 400 that says so, even values that agree.</summary>
    RefusedAny,

    /// <summary>
    /// Every value read, joined with commas, as one string (Spring binds a repeated parameter to a <c>String</c> so):
    /// <c>true,true</c> is no boolean, a 400 under the strict reading and a resume under the Java one.
    /// </summary>
    Joined,
}
