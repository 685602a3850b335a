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

            if (request.MultipartForm && request.Kind is RequestKind.Login or RequestKind.PausedState)
            {
                yield return trail.Finding(
                    "multipart-form", request.Kind == RequestKind.Login ? "SES-1" : "PSE-2",
                    $"the form was sent as multipart/form-data: a servlet reads no parameter of it unless it is configured for multipart, and a JAX-RS @FormParam reads a form-encoded body only, so {(request.Kind == RequestKind.Login ? "the login may not take (its answer never says, SES-3)" : "a strict recorder refuses the pause (400) and a Java one reads no 'paused', which is false: even paused=true resumes")}. Send application/x-www-form-urlencoded",
                    request);
            }

            if (request.Kind == RequestKind.PausedState && PlaceProblem(request) is { } place)
            {
                yield return trail.Finding("paused-in-one-place", "PSE-3", place, request);
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

    /// <summary>
    /// PSE-3 (inferred): where a recorder reads <c>paused</c> is not documented. The vendor's examples post a form, so a
    /// POST's form body is the place every recorder is expected to read; the query string alone, or a PUT's body alone,
    /// is read by some recorders only (pausedLocation).
    /// </summary>
    private static string? PlaceProblem(AuditedRequest request) => (request.Method, request.PausedInBody, request.PausedInQuery) switch
    {
        ("POST" or "PUT", false, true) =>
            "'paused' only in the query string: a recorder that reads a form body only (a JAX-RS @FormParam) does not see it, so a strict one refuses it (400) and a Java one reads it as false: even paused=true resumes. Send it in the form body of a POST, or in both",
        ("PUT", true, false) =>
            "'paused' only in the form body of a PUT: a recorder on a servlet container parses no PUT body, so a strict one refuses it (400) and a Java one reads it as false: even paused=true resumes. Send it in the form body of a POST, or in the query string too",
        _ => null,
    };

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
