namespace PauseResume.Simulator.Audit;

/// <summary>
/// Requests whose meaning depends on the server: <c>paused</c> spelled or valued for one reading only (PSE-2), list
/// parameters the recorder does not know and ignores (LST-3), GET on pausedState (PSE-4), methods and paths the API
/// does not have (GEN-2, GEN-1).
/// </summary>
internal static class ParameterFindings
{
    private static readonly HashSet<string> ListParameters = new(StringComparer.Ordinal)
    {
        "phoneNumber", "phoneNumberDirection", "ipAddress", "ipAddressDirection",
    };

    public static IEnumerable<AuditFinding> Find(AuditTrail trail)
    {
        foreach (var request in trail.Requests)
        {
            if (request.Kind == RequestKind.PausedState && request.Method is "POST" or "PUT" && PausedProblem(request) is { } problem)
            {
                yield return trail.Finding("ambiguous-paused", "PSE-2", problem, request);
            }

            if (request.Kind == RequestKind.List && request.ParameterNames.Where(n => !ListParameters.Contains(n)).ToList() is { Count: > 0 } unknown)
            {
                yield return trail.Finding(
                    "unknown-list-parameter", "LST-3",
                    $"the recorder does not know {string.Join(", ", unknown.Distinct().Select(n => $"'{n}'"))} and ignores it silently: the list is then not filtered by it (filter names are case-sensitive)",
                    request);
            }

            if (request.Kind == RequestKind.PausedState && request.Method == "GET")
            {
                yield return trail.Finding(
                    "get-pausedState", "PSE-4",
                    "pausedState cannot be read: a GET is refused (the status differs between servers); read 'paused' from the couple's details", request);
            }
            else if (request.Rule is "GEN-2" or "GEN-1")
            {
                yield return trail.Finding(
                    request.Rule == "GEN-2" ? "method-not-allowed" : "unknown-path", request.Rule,
                    "the API has no such request; a real recorder answers it with its own error page and status", request);
            }
        }
    }

    private static string? PausedProblem(AuditedRequest request)
    {
        if (request.PausedValues.Count == 0)
        {
            return request.ParameterNames.Contains("pause")
                ? "'pause=' instead of 'paused=': a strict recorder refuses it (400), a Java one reads it as a missing 'paused', which is false, so even pause=true resumes"
                : "no 'paused' parameter: a strict recorder refuses it (400), a Java one reads it as false and resumes";
        }

        return request.PausedValues.Distinct(StringComparer.Ordinal).ToList() switch
        {
            ["true"] or ["false"] => null,
            [var one] when one.Equals("true", StringComparison.OrdinalIgnoreCase) || one.Equals("false", StringComparison.OrdinalIgnoreCase) =>
                $"paused={one} is not the documented spelling: the strict and the Java reading both take it as {one.ToLowerInvariant()}, but PSE-2 documents exactly 'true' or 'false', and a recorder that compares the value as written would refuse it",
            [var one] => $"paused={one} is read differently by different recorders (a strict one refuses what is not a boolean, a Java one reads anything but 'true' in any case as false): send exactly 'true' or 'false'",
            _ => "'paused' given more than once with different values: one recorder takes the first, another refuses it",
        };
    }
}
