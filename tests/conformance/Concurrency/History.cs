using PauseResume.Conformance.Concurrency;

namespace PauseResume.Conformance.Tests.Concurrency;

/// <summary>Hand-written histories: operations with their moments in milliseconds, as a timeline would show them.</summary>
internal static class History
{
    private static int ids;

    public static Operation Pause(string who, double from, double? to) => Write(who, OperationKind.Pause, from, to);

    public static Operation Resume(string who, double from, double? to) => Write(who, OperationKind.Resume, from, to);

    public static Operation Read(string who, double from, double to, bool paused) =>
        new(Interlocked.Increment(ref ids), 0, who, 1, OperationKind.Read, TimeSpan.FromMilliseconds(from), TimeSpan.FromMilliseconds(to), OperationOutcome.Done, paused, 200);

    private static Operation Write(string who, OperationKind kind, double from, double? to) =>
        new(Interlocked.Increment(ref ids), 0, who, 1, kind, TimeSpan.FromMilliseconds(from), to is { } t ? TimeSpan.FromMilliseconds(t) : null,
            to is null ? OperationOutcome.Unknown : OperationOutcome.Done, Status: to is null ? null : 204);
}
