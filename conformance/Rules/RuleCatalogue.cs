namespace PauseResume.Conformance.Rules;

/// <summary>
/// The kit's own copy of the rule ids of the API reference, kept apart from the simulator's so that a mistake in
/// one cannot become the other's expectation. A test compares it with the reference.
/// </summary>
internal static class RuleCatalogue
{
    public static IReadOnlyList<KitRule> All { get; } =
    [
        new("SES-1", RuleKind.Documented, "Log in with POST /callrec/loginAction.do, form fields login and password"),
        new("SES-2", RuleKind.Documented, "A login request that carries no cookie at all does not log in"),
        new("SES-3", RuleKind.Documented, "The login answer is the same whether or not the login worked"),
        new("SES-4", RuleKind.Inferred, "A servlet session: JSESSIONID cookie, its shape and renewal as the profile says"),
        new("SES-5", RuleKind.Documented, "Log out with a POST; afterwards the session is not logged in"),
        new("SES-6", RuleKind.Inferred, "A session expires after the profile's idle time without a request"),
        new("LST-1", RuleKind.Documented, "GET /callrec/restful/couples.xml lists the couples in progress"),
        new("LST-2", RuleKind.Documented, "Listing without a logged-in session is 403"),
        new("LST-3", RuleKind.Documented, "Filters phoneNumber/ipAddress with directions CALLING, CALLED, BOTH (absent: BOTH)",
            Part: "with a direction of one side where reading it as BOTH would list another couple"),
        new("LST-4", RuleKind.Documented, "The two filters combine: both must match"),
        new("LST-5", RuleKind.Documented, "A listed couple carries its self link only if the user may see its details"),
        new("LST-6", RuleKind.Inferred, "Filter values match exactly; an invalid direction is refused as the profile says"),
        new("LST-7", RuleKind.Inferred, "No Call List is 403; ended couples are not listed; no match is an empty list"),
        new("DET-1", RuleKind.Documented, "GET on a couple's details link returns an XML document"),
        new("DET-2", RuleKind.Documented, "The details carry the pausedState link only if the user may pause the call"),
        new("DET-3", RuleKind.Inferred, "Details path; 403 not logged in or outside access, 404 unknown or ended, in the profile's order"),
        new("PSE-1", RuleKind.Documented, "POST or PUT paused=true pauses, paused=false resumes call and screen recording"),
        new("PSE-2", RuleKind.Documented, "The reading of a missing or non-boolean paused (profile: strict or jaxrs-lenient)"),
        new("PSE-3", RuleKind.Inferred, "paused in the form body or the query; 204; repeating a pause or resume changes nothing"),
        new("PSE-4", RuleKind.Inferred, "403 without the right or access, 404 unknown couple, in the profile's order; GET as the profile says"),
        new("GEN-1", RuleKind.Inferred, "An unknown path is answered with the profile's status (404)"),
        new("GEN-2", RuleKind.Inferred, "A known path with a method it does not take is answered with the profile's status (405)"),
        new("GEN-3", RuleKind.Inferred, "Nothing a client sends is answered 5xx or loses state"),
    ];

    public static KitRule Get(string id) => All.FirstOrDefault(r => r.Id == id) ?? throw new ArgumentException($"no rule {id}", nameof(id));
}
