namespace PauseResume.Conformance.Concurrency;

/// <summary>
/// An operation as the checker sees it: its interval, and what it wrote or read. An optional one (no answer came, or
/// it straddles the edge of a window) may be left out of the order altogether, or placed anywhere after its call.
/// </summary>
internal readonly record struct CheckOp(long Call, long Return, bool Write, bool Value, string Login)
{
    public const long Never = long.MaxValue;

    public bool Optional => Return == Never;
}
