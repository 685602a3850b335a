using PauseResume.Simulator.Domain;

namespace PauseResume.Simulator.Http;

/// <summary>The <c>login</c> and <c>password</c> of a login request, read where the profile says (SES-1).</summary>
internal sealed record LoginFields(string? Login, string? Password, string Source)
{
    // Names as spelled (Login=admin is no login field), as a servlet's getParameter matches them.
    public static LoginFields Read(Parameters parameters, LoginParameters source) => source switch
    {
        // A servlet's getParameter reads the body and the query string alike; the body's value comes first.
        LoginParameters.FormAndQuery => new(parameters.First("login"), parameters.First("password"), "the form body or the query string"),
        _ => new(parameters.FormValues("login").FirstOrDefault(), parameters.FormValues("password").FirstOrDefault(), "the form body"),
    };
}
