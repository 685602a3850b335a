using PauseResume.Conformance.Scenarios;

namespace PauseResume.Conformance.Compare;

/// <summary>
/// A request the recorder and the simulator answered differently, with the minimal scenario that shows it and both
/// transcripts up to that request.
/// </summary>
internal sealed record AnswerDifference(string What, string Recorder, string Simulator, Scenario Scenario, IReadOnlyList<string> RecorderTranscript, IReadOnlyList<string> SimulatorTranscript, int Run)
{
    /// <summary>
    /// The elements the recorder's document holds beyond the simulator's, where that is all the answers differ in (the
    /// details of a recorder that writes more than DET-1's inferred elements): no setting adds elements.
    /// </summary>
    public IReadOnlyList<string>? ElementsOnlyTheRecorderHas { get; init; }
}
