namespace PauseResume.Simulator;

/// <summary>
/// The rule ids of RECORDER-API.md with their kind (D documented, I inferred), so tests, logs and reports can
/// name them. A test keeps this list and the document in agreement.
/// </summary>
public static class Rules
{
    public static IReadOnlyList<Rule> All { get; } =
    [
        new("SES-1", RuleKind.Documented, "Log in with POST /callrec/loginAction.do, form fields login and password"),
        new("SES-2", RuleKind.Documented, "A login request without any cookie does not log in"),
        new("SES-3", RuleKind.Documented, "The login response does not tell whether the login worked"),
        new("SES-4", RuleKind.Inferred, "Servlet session: fresh JSESSIONID on every login, Path=/callrec, HttpOnly"),
        new("SES-5", RuleKind.Documented, "Log out with a POST; afterwards the session is not logged in"),
        new("SES-6", RuleKind.Inferred, "Sessions expire after 30 minutes without a request"),
        new("LST-1", RuleKind.Documented, "GET /callrec/restful/couples.xml lists the couples in progress"),
        new("LST-2", RuleKind.Documented, "Listing when not logged in is 403"),
        new("LST-3", RuleKind.Documented, "Filters ipAddress/phoneNumber with directions CALLING, CALLED, BOTH (default BOTH)"),
        new("LST-4", RuleKind.Documented, "The two filters combine; both must match"),
        new("LST-5", RuleKind.Documented, "A listed couple carries its self link only if the user may see its details"),
        new("LST-6", RuleKind.Inferred, "Filter values match exactly; an invalid direction is 404"),
        new("LST-7", RuleKind.Inferred, "No Call List is 403; ended couples are not listed; no match is an empty list"),
        new("DET-1", RuleKind.Documented, "GET on a couple's details link returns an XML document"),
        new("DET-2", RuleKind.Documented, "The details carry the pausedState link only if the user may pause that call"),
        new("DET-3", RuleKind.Inferred, "Details path; 403 not logged in or outside access, 404 unknown or ended"),
        new("PSE-1", RuleKind.Documented, "POST or PUT paused=true pauses, paused=false resumes call and screen recording"),
        new("PSE-2", RuleKind.Documented, "Reading of a missing or non-boolean paused parameter (profile: strict or jaxrs-lenient)"),
        new("PSE-3", RuleKind.Inferred, "paused in form body or query; 204; repeating a pause or resume changes nothing"),
        new("PSE-4", RuleKind.Inferred, "403 without the right or access, 404 unknown couple, 405 for GET"),
        new("GEN-1", RuleKind.Inferred, "An unknown path under /callrec is 404"),
        new("GEN-2", RuleKind.Inferred, "A known path with a method it does not take is 405"),
        new("GEN-3", RuleKind.Inferred, "Nothing a client sends yields a 5xx or loses state"),
    ];
}
