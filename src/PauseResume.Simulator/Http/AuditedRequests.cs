using Microsoft.AspNetCore.Http.Features;
using PauseResume.Simulator.Audit;

namespace PauseResume.Simulator.Http;

/// <summary>Turns a decided request of the legacy API into what the audit needs, and nothing more (no password, no body).</summary>
internal static class AuditedRequests
{
    /// <summary>
    /// The distinct paused values kept of one request: the findings tell only one value from several (PSE-2), so two
    /// would do; four show a reader what was sent.
    /// </summary>
    private const int MaxPausedValues = 4;

    /// <summary>
    /// The distinct parameter names kept of one request: the findings judge a list's names the recorder does not know
    /// (LST-3, four of them known) and <c>pause</c> for <c>paused</c> (PSE-2).
    /// </summary>
    private const int MaxNames = 8;

    /// <summary>
    /// The most of a session id a request named that the audit keeps: a servlet id and a jvmRoute fit; a longer one (a
    /// header's worth, sent to fill the audit) is no id the simulator issued, and stays one none matches once cut.
    /// </summary>
    private const int MaxSessionId = 100;

    /// <param name="target">The path with its query string, passwords masked, as the log line has it.</param>
    public static AuditedRequest From(HttpContext context, string target, AuditNote? note, int status, string? rule)
    {
        var request = context.Request;
        var form = context.Features.Get<IFormFeature>()?.Form; // read already by the handler, if it was a form at all
        var kind = rule == "GEN-1" ? RequestKind.Other : KindOf(context); // a known path misspelled is no request of its kind

        // paused as the recorder read it, names as spelled (Paused=true is no paused); none if no handler read it.
        var read = kind == RequestKind.PausedState ? Parameters.ReadBy(context) : null;
        // The audit keeps requests up to its caps (ClientAudit.MaxRequests, MaxKeptBytes): each of a client's texts is cut.
        return new AuditedRequest(ClientText.Escaped(ClientText.Cut(request.Method, 40)), ClientText.Cut(target), status, rule, kind)
        {
            CarriedCookie = SessionCookie.Carried(request),
            SessionId = SessionCookie.Read(request) is { } session ? ClientText.Cut(session, MaxSessionId) : null,
            IssuedSessionId = Issued(context.Response),
            CoupleId = request.RouteValues.TryGetValue("coupleId", out var id) ? CoupleId.Parse(id as string ?? string.Empty) : null,
            Login = note?.Login is { } login ? ClientText.Escaped(ClientText.Cut(login)) : null,
            LoggedIn = note?.LoggedIn ?? false,
            SessionNotLoggedIn = note?.SessionNotLoggedIn ?? false,
            NamedLoggedInSession = note?.NamedLoggedInSession ?? false,
            Links = note?.Links ?? [], // the audit keeps only those new to the client (ClientAudit.Observe)
            ParameterNames = ParameterNames(request, form),
            PausedValues = read is null ? [] : [.. read.FormValues(PausedParameter.Name).Concat(read.QueryValues(PausedParameter.Name)).Distinct(StringComparer.Ordinal).Take(MaxPausedValues).Select(v => ClientText.Escaped(ClientText.Cut(v, 40)))],
            PausedInQuery = read?.QueryValues(PausedParameter.Name).Any() == true,
            PausedInBody = read?.FormValues(PausedParameter.Name).Any() == true,
            MultipartForm = request.HasFormContentType && request.ContentType!.TrimStart().StartsWith("multipart/", StringComparison.OrdinalIgnoreCase),
        };
    }

    private static List<string> ParameterNames(HttpRequest request, IFormCollection? form)
    {
        var query = request.QueryString.HasValue ? request.Query : null; // no query string: no collection to parse
        return [.. (query?.Keys ?? []).Concat(form?.Keys ?? []).Distinct(StringComparer.Ordinal).Take(MaxNames).Select(n => ClientText.Escaped(ClientText.Cut(n, 40)))];
    }

    private static RequestKind KindOf(HttpContext context) =>
        (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText switch
        {
            LegacyApi.LoginPath => RequestKind.Login,
            LegacyApi.LogoutPath => RequestKind.Logout,
            LegacyApi.CouplesPath => RequestKind.List,
            LegacyApi.CouplePath => RequestKind.Details,
            LegacyApi.PausedStatePath => RequestKind.PausedState,
            _ => RequestKind.Other,
        };

    private static string? Issued(HttpResponse response) => response.Headers.SetCookie.Count == 0 ? null
        : response.Headers.SetCookie
            .Select(c => c?.Split(';')[0].Trim())
            .Where(c => c is not null && c.StartsWith(SessionCookie.Name + "=", StringComparison.Ordinal))
            .Select(c => c![(SessionCookie.Name.Length + 1)..])
            .LastOrDefault();
}
