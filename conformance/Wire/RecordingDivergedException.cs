namespace PauseResume.Conformance.Wire;

/// <summary>A replay from a <see cref="Recording"/> came to a request the recording does not hold: only the target can answer it.</summary>
internal sealed class RecordingDivergedException : Exception
{
    public RecordingDivergedException()
        : base("the replay sent a request the recorded run did not")
    {
    }
}
