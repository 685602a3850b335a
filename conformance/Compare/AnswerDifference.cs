using PauseResume.Conformance.Scenarios;

namespace PauseResume.Conformance.Compare;

/// <summary>
/// A request the recorder and the simulator answered differently, with the minimal scenario that shows it and both
/// transcripts up to that request.
/// </summary>
internal sealed record AnswerDifference(string What, string Recorder, string Simulator, Scenario Scenario, IReadOnlyList<string> RecorderTranscript, IReadOnlyList<string> SimulatorTranscript, int Run);
