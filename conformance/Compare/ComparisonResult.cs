namespace PauseResume.Conformance.Compare;

/// <summary>What a comparison found: the profile probed on the recorder, how many scenarios ran, every difference.</summary>
internal sealed record ComparisonResult(string ProbedProfile, int Scenarios, int Requests, IReadOnlyList<AnswerDifference> Differences, IReadOnlyList<string> Notes);
