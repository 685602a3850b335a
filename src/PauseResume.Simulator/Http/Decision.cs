namespace PauseResume.Simulator.Http;

/// <summary>
/// What a legacy handler decided (status, why, the rule that decided it), noted on the request so that one filter
/// writes the log line and feeds the audit, instead of every reply doing so.
/// </summary>
internal sealed record Decision(int Status, string Why, string Rule)
{
    private static readonly object Key = new();

    public static void Set(HttpContext context, int status, string why, string rule) => context.Items[Key] = new Decision(status, why, rule);

    public static Decision? Of(HttpContext context) => context.Items.TryGetValue(Key, out var decision) ? decision as Decision : null;
}
