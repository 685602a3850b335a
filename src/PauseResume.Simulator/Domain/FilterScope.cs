namespace PauseResume.Simulator.Domain;

/// <summary>What a filtered list holds (LST-4 documents that a filter finds a call; whether the list holds its other couples is inferred).</summary>
public enum FilterScope
{
    /// <summary>The couples the filters match.</summary>
    Couple,

    /// <summary>Every couple in progress of a call one of whose couples the filters match: a transfer's or a conference's other legs too.</summary>
    Call,
}
