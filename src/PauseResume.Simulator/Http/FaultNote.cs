using PauseResume.Simulator.Faults;

namespace PauseResume.Simulator.Http;

/// <summary>
/// The faults that hit a request, kept on it for its log line: each named as <c>fault NAME (kind): what it did</c>. When a
/// fault answered instead of the handler, <see cref="Answer"/> holds the status it answered and the request has no decision.
/// </summary>
internal sealed class FaultNote
{
    public const string Header = "X-Simulator-Fault";
    private static readonly object Key = new();
    private readonly List<string> hits = [];
    private readonly List<string> names = [];

    public int? Answer { get; private set; }

    public static FaultNote? Of(HttpContext context) => context.Items.TryGetValue(Key, out var note) ? note as FaultNote : null;

    /// <summary>Notes a hit and names it in the answer's <c>X-Simulator-Fault</c> header (when there is an answer at all).</summary>
    public static void Hit(HttpContext context, Fault fault, string what, int? answer = null)
    {
        if (Of(context) is not { } note)
        {
            context.Items[Key] = note = new FaultNote();
        }

        note.hits.Add($"fault {fault.Name} ({fault.Kind.ToString().ToLowerInvariant()}): {what}");
        note.names.Add(fault.Name);
        note.Answer = answer ?? note.Answer;
        context.Response.Headers[Header] = string.Join(", ", note.names);
    }

    /// <summary>The log line's tail for a request a fault hit, or empty.</summary>
    public static string Suffix(HttpContext context) => Of(context) is { } note ? "; " + note.Why : string.Empty;

    public string Why => string.Join("; ", hits);
}
