namespace PauseResume.Simulator.Audit;

/// <summary>
/// The memory a kept request takes, estimated from what it holds: the objects' headers and fields as a 64-bit runtime
/// lays them out, each text at two bytes a character. An estimate on the high side, for <see cref="ClientAudit.MaxKeptBytes"/>.
/// </summary>
internal static class AuditCost
{
    /// <summary>A trail: its object, its request list, its three sets, its label and its place in the audit's tables.</summary>
    public const long Trail = 640;

    /// <summary>
    /// The most a couple an answer linked can cost before it is kept: its place in the request's list, and a run of the
    /// trail's of its own (<see cref="LinkedIds"/>); counted before a request is accepted, so one cannot overshoot the bound.
    /// </summary>
    public const long PerLink = Link + LinkedIds.BytesPerRun;

    /// <summary>A couple kept as linked, in the request's list (an exactly sized array or list of ids).</summary>
    public const long Link = 8;

    /// <summary>A request's record with its three lists, before its texts.</summary>
    private const long Request = 200;

    public static long Of(AuditedRequest request) =>
        Request
        + Text(request.Method) + Text(request.Target) + Text(request.Rule) + Text(request.SessionId) + Text(request.IssuedSessionId) + Text(request.Login)
        + request.ParameterNames.Sum(Text) + request.PausedValues.Sum(Text);

    /// <summary>A string: its header and length, two bytes a character, and the reference that holds it.</summary>
    public static long Text(string? text) => text is null ? 0 : 32 + 2L * text.Length;
}
