using System.Globalization;
using System.Net;
using System.Xml.Linq;
using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Hosting;
using static PauseResume.Conformance.Tests.Support.Rewriting;

namespace PauseResume.Conformance.Tests.Support;

/// <summary>
/// Recorders that read the inferred access rules otherwise (which number a phone mask applies to) and stay true to
/// their own links: a faithful server under another inference, which the kit must call different, never broken.
/// </summary>
public static class AccessDeviants
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    public static IReadOnlyList<Deviant> All { get; } =
    [
        new("applies phone masks to the called number only", "LST-5", (recorder, inner) => new Rewriting(async (request, send) =>
        {
            var user = UserOf(recorder, request);
            if (user is not { PhoneMasks.Count: > 0 })
            {
                return await send(request);
            }

            if (IsList(request))
            {
                return await WithXml(await send(request), root => root.Elements("couples")
                    .Where(c => Hidden(recorder, user, long.Parse(c.Attribute("id")!.Value, CultureInfo.InvariantCulture))).SelectMany(c => c.Elements(Atom + "link")).Remove());
            }

            // Details and pausedState of a couple whose called number matches no mask are refused before the simulator sees them.
            var segments = request.RequestUri!.AbsolutePath.Split('/');
            var id = IsPausedState(request) ? segments[^2] : segments[^1];
            return request.RequestUri.AbsolutePath.Contains("/couples.xml/", StringComparison.Ordinal) && long.TryParse(id, CultureInfo.InvariantCulture, out var couple) && Hidden(recorder, user, couple)
                && (request.Method == HttpMethod.Get) != IsPausedState(request)
                ? new HttpResponseMessage((HttpStatusCode)recorder.Recorder.Profile.OutsideAccessStatus) { Content = new StringContent("outside the phone masks (called number)") }
                : await send(request);
        }) { InnerHandler = inner }, InferredPart: true),

        // DET-2 documents the link only if the user may pause: one missing for a user who may is no documented fault.
        new("leaves the pausedState link out of the details of odd couples", "DET-2", (_, inner) => new Rewriting(async (request, send) =>
        {
            var response = await send(request);
            return IsDetails(request) && long.TryParse(request.RequestUri!.AbsolutePath.Split('/')[^1], CultureInfo.InvariantCulture, out var id) && id % 2 == 1
                ? await WithXml(response, root => root.Elements(Atom + "link").Where(l => (string?)l.Attribute("rel") == "pausedState").Remove())
                : response;
        }) { InnerHandler = inner }, InferredPart: true),
    ];

    public static bool IsDetails(HttpRequestMessage request) =>
        request.Method == HttpMethod.Get && System.Text.RegularExpressions.Regex.IsMatch(request.RequestUri!.AbsolutePath, @"/couples\.xml/\d+$");

    private static User? UserOf(FakeRecorder recorder, HttpRequestMessage request)
    {
        return recorder.Recorder.LoginOf(Rewriting.SessionOf(request)) is { } login ? recorder.Recorder.Users().FirstOrDefault(u => u.Login == login) : null;
    }

    private static bool Hidden(FakeRecorder recorder, User user, long coupleId) =>
        user.MayList && recorder.Recorder.Find(coupleId) is { EndedAt: null } state && !user.PhoneMasks.Any(m => PhoneMask.Matches(m, state.Couple.CalledNumber));
}
