namespace PauseResume.Simulator.Domain;

/// <summary>How the two list filters combine when both are given (LST-4 documents that they combine; how is inferred).</summary>
public enum FilterJoin
{
    /// <summary>A couple must match both.</summary>
    And,

    /// <summary>A couple matching either is listed.</summary>
    Or,
}
