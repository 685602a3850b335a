using PauseResume.Conformance.Compare;

namespace PauseResume.Conformance.Reports;

/// <summary>What --compare prints: whether the simulator stands in for the recorder, and each difference with both transcripts.</summary>
internal static class ComparisonReport
{
    public static void Write(TextWriter output, ComparisonResult result, string recorder, string simulator)
    {
        output.WriteLine();
        foreach (var note in result.Notes)
        {
            output.WriteLine($"  note: {note}");
        }

        foreach (var difference in result.Differences)
        {
            output.WriteLine();
            output.WriteLine($"Difference (scenario {difference.Run}, shrunk to {difference.Scenario.Steps.Length} step(s)): {difference.What}");
            output.WriteLine($"  recorder:  {difference.Recorder}");
            output.WriteLine($"  simulator: {difference.Simulator}");
            if (difference.ElementsOnlyTheRecorderHas is { } beyond)
            {
                // DET-1 documents an XML document; which elements it holds is inferred, and no setting adds any.
                output.WriteLine($"  only the recorder's document holds {string.Join(", ", beyond)}, and nothing else differs: no profile setting adds elements, so here the simulator cannot stand in; a client that reads the elements it needs and passes over others (DET-1 documents an XML document, not its elements) meets no difference");
            }
            output.WriteLine($"  the recorder's transcript:");
            foreach (var line in difference.RecorderTranscript)
            {
                output.WriteLine($"    {line}");
            }

            output.WriteLine($"  the simulator's transcript:");
            foreach (var line in difference.SimulatorTranscript)
            {
                output.WriteLine($"    {line}");
            }
        }

        if (result.Faults.Count > 0)
        {
            output.WriteLine();
            foreach (var fault in result.Faults)
            {
                output.WriteLine($"FAULT {fault}");
            }
        }

        var faults = string.Join(", ", result.Faults.GroupBy(f => $"{f.Met.Fault.Kind} on the {f.Side}").Select(g => FormattableString.Invariant($"{g.Key} × {g.Count()}")));
        output.WriteLine();
        output.WriteLine(result.Differences.Count > 0
            ? $"The simulator does not stand in for {recorder}: {result.Differences.Count} kind(s) of request answered differently ({result.Scenarios} scenario(s), {result.Requests} request(s))."
            : result.NothingRun is { } why
            ? $"Not compared: {why}; run again with a larger --budget."
            : result.Faults.Count > 0
            ? $"Faults met: the {simulator}, under the profile probed on {recorder}, answered every request compared as the recorder did, but {result.Faults.Count} scenario(s) met a fault and were compared only up to it ({faults}): {result.Scenarios} scenario(s), {result.Requests} request(s)."
            : $"The {simulator}, under the profile probed on {recorder}, answered every request as the recorder did: {result.Scenarios} scenario(s), {result.Requests} request(s).");
    }
}
