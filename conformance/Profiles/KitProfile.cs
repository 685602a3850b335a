using System.Collections.Immutable;
using System.Globalization;

// Values is banned elsewhere (BannedSymbols.txt): every other read goes through the indexer, which notes it (ProfileReads).
#pragma warning disable RS0030

namespace PauseResume.Conformance.Profiles;

/// <summary>
/// A behaviour profile as the kit reads it: a name and a value for every setting of <see cref="ProfileSettings"/>.
/// Every expectation the API reference does not document comes from here.
/// </summary>
internal sealed partial record KitProfile(string Name, ImmutableSortedDictionary<string, string> Values)
{
    public const string DefaultName = "default";
    public const string JaxRsLenientName = "jaxrs-lenient";

    public static KitProfile Default { get; } = new(DefaultName, ProfileSettings.All.ToImmutableSortedDictionary(s => s.Name, s => s.Default, StringComparer.Ordinal));

    /// <summary>The Java reading (PSE-2): anything but <c>true</c> is false, and of two values the first counts.</summary>
    public static KitProfile JaxRsLenient { get; } =
        Default.With(ProfileSettings.PausedParameter, "jaxrs-lenient").Profile!.With(ProfileSettings.RepeatedPaused, "first").Profile! with { Name = JaxRsLenientName };

    public static IReadOnlyList<KitProfile> BuiltIn { get; } = [Default, JaxRsLenient];

    public string this[string setting]
    {
        get
        {
            ProfileReads.Note(setting);
            return Values[setting];
        }
    }

    /// <summary>
    /// The settings whose values a probe measured on the server (read from its profile file): a diagnosis tries no other
    /// value of them, so a run never names a setting the probe saw otherwise.
    /// </summary>
    public System.Collections.Immutable.ImmutableHashSet<string> Measured { get; init; } = [];

    /// <summary>
    /// How late the details showed the pauses of the probe that wrote this profile (its file's <c>probe.detailsLag</c>, in
    /// seconds); null where it measured none. PSE-1 does not say how soon details show a pause: a run against the file
    /// waits long enough for such a lag unless told otherwise with --settle.
    /// </summary>
    public TimeSpan? DetailsLag { get; init; }

    // Java's String.trim: every character up to the space, at either end (Spring trims so before it reads a boolean).
    private static readonly char[] JavaBlanks = [.. Enumerable.Range(0, ' ' + 1).Select(c => (char)c)];

    /// <summary>PSE-2 (inferred): a missing or unreadable <c>paused</c> is refused with 400 (strict, spring), not read as false (jaxrs-lenient).</summary>
    public bool StrictPaused => this[ProfileSettings.PausedParameter] != "jaxrs-lenient";

    /// <summary>
    /// PSE-2 (inferred): what one value of <c>paused</c> reads as; null where it is refused. Java reads anything but
    /// <c>true</c> as false; Spring MVC binds on/off, yes/no and 1/0 too.
    /// </summary>
    public bool? PausedAs(string? value) => this[ProfileSettings.PausedParameter] switch
    {
        "jaxrs-lenient" => string.Equals(value, "true", StringComparison.OrdinalIgnoreCase),
        "spring" => value?.Trim(JavaBlanks) is { } word && System.Text.Ascii.IsValid(word) ? word.ToUpperInvariant() switch
        {
            "TRUE" or "ON" or "YES" or "1" => true,
            "FALSE" or "OFF" or "NO" or "0" => false,
            _ => null,
        } : null,
        _ => string.Equals(value, "true", StringComparison.OrdinalIgnoreCase) ? true : string.Equals(value, "false", StringComparison.OrdinalIgnoreCase) ? false : null,
    };

    /// <summary>PSE-3 (inferred): whether a <c>paused</c> sent so is where the server reads it.</summary>
    public bool ReadsPaused(bool put, bool inQuery) => this[ProfileSettings.PausedLocation] switch
    {
        "form" => !inQuery,
        "query" => inQuery,
        "post-form-and-query" => inQuery || !put,
        _ => true,
    };

    /// <summary>
    /// LST-5, DET-2 (inferred): where the documents' links start: <paramref name="used"/>'s scheme, host and port (the
    /// default, linkOrigin=request), the recorder's own name for itself, or nothing (linkOrigin=relative: a path from the
    /// root, as <see cref="Comparable"/> gives a relative link).
    /// </summary>
    public string LinkOriginFor(Uri used) => this[ProfileSettings.LinkOrigin] switch
    {
        "request" => used.GetLeftPart(UriPartial.Authority),
        "relative" => string.Empty,
        var origin => origin,
    };

    /// <summary>
    /// A link as the kit compares it: its origin as a URI reads it (host in lower case, a default port left out, as the
    /// profile's linkOrigin is written), then its path and query exactly as sent. A relative link is resolved against
    /// <paramref name="document"/>, the URL of the document that holds it, and given as its path and query (so it never
    /// compares equal to an absolute one); without a document, and for a link of another scheme, the link is kept.
    /// </summary>
    public static string Comparable(string? href, Uri? document = null)
    {
        if (href is null || !Uri.TryCreate(href, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return href is not null && document is not null && IsRelative(href) && Uri.TryCreate(document, href, out var resolved)
                ? resolved.PathAndQuery
                : href ?? string.Empty;
        }

        var path = href.IndexOf('/', href.IndexOf("//", StringComparison.Ordinal) + 2);
        return uri.GetLeftPart(UriPartial.Authority) + (path < 0 ? string.Empty : href[path..]);
    }

    /// <summary>
    /// A link with each couple id written as the number it is: ids are numbers (LST-1, DET-1), and a recorder that writes
    /// them with leading zeros (<c>couples.xml/0000041000</c>) names the couple the kit knows as 41000.
    /// </summary>
    public static string PlainIds(string link) => PaddedId().Replace(link, "/couples.xml/$1");

    [System.Text.RegularExpressions.GeneratedRegex(@"/couples\.xml/0+(\d)")]
    private static partial System.Text.RegularExpressions.Regex PaddedId();

    /// <summary>
    /// Whether a link is a relative reference (a path, with no scheme): on Unix a path from the root also reads as an
    /// absolute file URI, so the scheme is looked for as written.
    /// </summary>
    public static bool IsRelative(string href) => Uri.TryCreate(href, UriKind.Relative, out _) && !href.StartsWith("//", StringComparison.Ordinal);

    /// <summary>LST-5 (inferred): whether a user's list leaves out the couples outside the user's phone masks (else: listed without a link).</summary>
    public bool OmitsUnseen => this[ProfileSettings.UnseenCouples] == "omitted";

    /// <summary>PSE-2 (inferred): which of several <c>paused</c> values counts: refused, first or last.</summary>
    public string RepeatedPaused => this[ProfileSettings.RepeatedPaused];

    /// <summary>
    /// PSE-2, PSE-3 (inferred): of the <c>paused</c> values a request sent in its form body and its query, those the server
    /// reads (pausedLocation), whether it refuses them as given twice, and the one value it takes (repeatedPaused; Spring
    /// binds a repeated parameter to a String joined with commas, and "true,true" is no boolean).
    /// </summary>
    public (string[] Seen, bool RefusedTwice, string? One) ReadPaused(bool put, IReadOnlyList<string> inBody, IReadOnlyList<string> inQuery)
    {
        string[] seen = [.. ReadsPaused(put, inQuery: false) ? inBody : [], .. ReadsPaused(put, inQuery: true) ? inQuery : []];
        var refusedTwice = RepeatedPaused switch
        {
            "refused" => seen.Distinct(StringComparer.Ordinal).Skip(1).Any(),
            "refused-any" => seen.Length > 1,
            _ => false,
        };
        var one = RepeatedPaused switch
        {
            "last" => seen.LastOrDefault(),
            "joined" => seen.Length == 0 ? null : string.Join(',', seen),
            _ => seen.FirstOrDefault(),
        };
        return (seen, refusedTwice, one);
    }

    public int InvalidDirectionStatus => Status(ProfileSettings.InvalidDirectionStatus);

    public bool DirectionCheckedWithoutValue => this[ProfileSettings.DirectionWithoutValue] == "checked";

    public string RefusalOrder => this[ProfileSettings.RefusalOrder];

    /// <summary>
    /// DET-3, PSE-4 (inferred): the phone masks are checked before whether the couple is in progress (refusalOrder=masks-first,
    /// rights-and-masks-first), so they are matched against the couples in progress and a user with masks is refused a
    /// couple that is unknown or has ended as one outside them.
    /// </summary>
    public bool MasksBeforeLookup => RefusalOrder is "masks-first" or "rights-and-masks-first";

    /// <summary>LST-6 (inferred): where among the list's access checks an invalid direction is refused.</summary>
    public string BadDirectionOrder => this[ProfileSettings.BadDirectionOrder];

    /// <summary>PSE-2 (inferred): where among pausedState's access checks a bad <c>paused</c> is refused.</summary>
    public string BadPausedOrder => this[ProfileSettings.BadPausedOrder];

    public TimeSpan SessionIdleTimeout => TimeSpan.Parse(this[ProfileSettings.SessionIdleTimeout], CultureInfo.InvariantCulture);

    public bool LoginReadsQuery => this[ProfileSettings.LoginParameters] == "form-and-query";

    public int PausedStateGetStatus => Status(ProfileSettings.PausedStateGetStatus);

    /// <summary>PSE-3: the status of a pause or resume that changes nothing (204: it succeeds).</summary>
    public int UnchangedPauseStatus => Status(ProfileSettings.UnchangedPauseStatus);

    /// <summary>PSE-3: the status of a pause or resume that changes the couple (204, or 200).</summary>
    public int PauseStatus => Status(ProfileSettings.PauseStatus);

    /// <summary>DET-3, PSE-4: the status of a couple that has ended, while the recorder knows it (404, or 410 Gone).</summary>
    public int EndedCoupleStatus => Status(ProfileSettings.EndedCoupleStatus);

    /// <summary>DET-3, PSE-4: the status of a couple the recorder does not know (404, or 410 Gone).</summary>
    public int UnknownCoupleStatus => Status(ProfileSettings.UnknownCoupleStatus);

    /// <summary>DET-3, PSE-4: the status of a couple in progress outside the user's phone masks (403, or 404 as one the user cannot see).</summary>
    public int OutsideAccessStatus => Status(ProfileSettings.OutsideAccessStatus);

    /// <summary>DET-3: the status of the details to a user without Call List (403, or 404 as a couple that user cannot see); a pause is refused 403 either way.</summary>
    public int WithoutCallListStatus => Status(ProfileSettings.WithoutCallListStatus);

    public int UnknownPathStatus => Status(ProfileSettings.UnknownPathStatus);

    public int MethodNotAllowedStatus => Status(ProfileSettings.MethodNotAllowedStatus);

    /// <summary>GEN-1 (inferred): a path of the API spelled in another case is served, not an unknown path.</summary>
    public bool PathsInAnyCase => this[ProfileSettings.PathCase] == "any";

    /// <summary>GEN-2 (inferred): a HEAD of the list or the details is answered as its GET.</summary>
    public bool HeadAsGet => this[ProfileSettings.HeadMethod] == "as-get";

    /// <summary>GEN-2, PSE-4: a request naming no logged-in session is refused as not logged in before its method is looked at (badMethodOrder=after-login).</summary>
    public bool MethodAfterLogin => this[ProfileSettings.BadMethodOrder] == "after-login";

    /// <summary>GEN-1: an unknown path of the API naming no logged-in session is refused as not logged in (unknownPathOrder=after-login).</summary>
    public bool UnknownPathAfterLogin => this[ProfileSettings.UnknownPathOrder] == "after-login";

    /// <summary>PSE-3 (inferred): a POST whose body is not a form is refused (400, 411 or 415) before the session is looked at.</summary>
    public bool RefusesFormlessPost => this[ProfileSettings.FormlessPost] == "refused";

    /// <summary>SES-3 (inferred): every login and logout page is the same byte for byte, not only up to numbers and tokens.</summary>
    public bool FixedLoginPage => this[ProfileSettings.LoginPage] == "fixed";

    /// <summary>SES-3 (inferred part): every login (and a logout answered as one) is answered with a redirect, not a page (loginPage=redirect).</summary>
    public bool LoginRedirects => this[ProfileSettings.LoginPage] == "redirect";

    /// <summary>SES-5 (inferred): a logout is answered as a login (logoutPage=login), not with a page of its own (own).</summary>
    public bool LogoutAnsweredAsLogin => this[ProfileSettings.LogoutPage] == "login";

    public string JvmRoute => this[ProfileSettings.JvmRoute];

    /// <summary>SES-4 (inferred): the session cookie is marked HttpOnly (sessionCookie=http-only), or not (plain).</summary>
    public bool HttpOnlyCookie => this[ProfileSettings.SessionCookie] == "http-only";

    public bool FreshSessionIds => this[ProfileSettings.LoginSessionId] == "fresh";

    /// <summary>SES-4 (loginSessionId=on-success): a login that works sets a new id, one that fails keeps the session it named.</summary>
    public bool FreshIdOnSuccess => this[ProfileSettings.LoginSessionId] == "on-success";

    /// <summary>LST-6 (inferred): directions are read in any case, and an empty one as none (BOTH).</summary>
    public bool DirectionsInAnyCase => this[ProfileSettings.DirectionCase] == "any";

    /// <summary>LST-6: an empty direction is read as absent (BOTH), not as an invalid one.</summary>
    public bool EmptyDirectionIsNone => this[ProfileSettings.EmptyDirection] == "none";

    /// <summary>SES-4/SES-5 (inferred): a logout answer sets no session cookie at all (the session invalidated, none made).</summary>
    public bool LogoutSetsNoCookie => this[ProfileSettings.LogoutSessionId] == "none";

    /// <summary>SES-5 (inferred), logoutSession=logged-out: a logout ends the login only; the id it names stays known, and no cookie replaces it.</summary>
    public bool LogoutKeepsSession => this[ProfileSettings.LogoutSession] == "logged-out";

    /// <summary>SES-4 (inferred): a login that works ends its user's other logged-in sessions.</summary>
    public bool OneSessionPerUser => this[ProfileSettings.SessionsPerUser] == "one";

    /// <summary>SES-4 (inferred): while a user is logged in, a login of that user in another session does nothing.</summary>
    public bool FirstSessionWins => this[ProfileSettings.SessionsPerUser] == "first-wins";

    public bool FailedLoginLogsOut => this[ProfileSettings.FailedLoginSession] == "logged-out";

    /// <summary>SES-4 (inferred): a login that works, answered with a new id, ends the logged-in session its request named.</summary>
    public bool SuccessfulLoginReplaces => this[ProfileSettings.SuccessfulLoginSession] == "replaced";

    /// <summary>DET-3 (inferred): the details show <c>&lt;paused&gt;</c> only with the pausedState link, not to every user.</summary>
    public bool PausedOnlyWithLink => this[ProfileSettings.DetailsPaused] == "with-link";

    /// <summary>endedCoupleDetails=served: the details of a couple that has ended are answered as while it was in progress (DET-3, inferred).</summary>
    public bool ServesEndedDetails => this[ProfileSettings.EndedCoupleDetails] == "served";

    /// <summary>
    /// anonymousSession=any-request or refusals: the refusal of a request that names no session opens one (SES-4,
    /// inferred); under refusals nothing else does, which no check of the kit's tells (it sends no other such request).
    /// </summary>
    public bool OpensAnonymousSessions => this[ProfileSettings.AnonymousSession] != "none";

    /// <summary>PSE-2 (inferred): whether a refusal of a bad paused comes with a message (errorBody=message) or with no body.</summary>
    public bool RefusalsHaveMessages => this[ProfileSettings.ErrorBody] == "message";

    /// <summary>LST-7 (inferred): whether a logged-in user without Call List gets an empty list (200) instead of a 403.</summary>
    public bool EmptyListWithoutCallList => this[ProfileSettings.ListWithoutCallList] == "empty";

    /// <summary>LST-5 (inferred): whether phone masks are matched against every couple of a call (maskScope=call) or each couple alone.</summary>
    public bool MasksByCall => this[ProfileSettings.MaskScope] == "call";

    /// <summary>LST-5 (inferred): which of a couple's numbers phone masks are matched against: either, calling or called.</summary>
    public string MaskSide => this[ProfileSettings.MaskSide];

    /// <summary>PSE-1 (which couples a pause reaches is inferred): a pause or resume reaches every couple in progress of the named couple's call.</summary>
    public bool PausesWholeCall => this[ProfileSettings.PauseScope] == "call";

    /// <summary>
    /// PSE-1, PSE-3 (inferred, under pauseScope=call): whether a pause or resume that changes nothing on the couple it
    /// names, answered <paramref name="status"/>, reaches the other legs of its call in the other state: where it is
    /// answered as a success (unchangedPauseReach=success), always (call), or never (named).
    /// </summary>
    public bool UnchangedPauseReaches(int status) => this[ProfileSettings.UnchangedPauseReach] switch
    {
        "call" => true,
        "named" => false,
        _ => status is >= 200 and < 300,
    };

    public static bool TryNamed(string name, out KitProfile profile)
    {
        profile = BuiltIn.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))!;
        return profile is not null;
    }

    /// <summary>This profile with one setting changed, or an error that says which values are accepted.</summary>
    public (KitProfile? Profile, string? Error) With(string setting, string value)
    {
        if (string.Equals(setting, ProfileSettings.BadParameterOrder, StringComparison.OrdinalIgnoreCase))
        {
            var (direction, error) = With(ProfileSettings.BadDirectionOrder, value);
            return direction is null
                ? (null, $"{ProfileSettings.BadParameterOrder} (which sets {ProfileSettings.BadDirectionOrder} and {ProfileSettings.BadPausedOrder}) must be {ProfileSettings.Find(ProfileSettings.BadDirectionOrder)!.Accepted}, not '{value}' (LST-6, PSE-2)")
                : direction.With(ProfileSettings.BadPausedOrder, value);
        }

        if (ProfileSettings.Find(setting) is not { } known)
        {
            return (null, $"unknown profile setting '{setting}'; known settings: {string.Join(", ", ProfileSettings.All.Select(s => s.Name))}");
        }

        return known.Normalize(value.Trim()) is { } normalized
            ? (this with { Values = Values.SetItem(known.Name, normalized) }, null)
            : (null, $"{known.Name} must be {known.Accepted}, not '{value}' ({known.Rules})");
    }

    /// <summary>The settings in which this profile differs from <paramref name="other"/>.</summary>
    public IEnumerable<(string Setting, string Value)> DifferencesFrom(KitProfile other) =>
        Values.Where(v => other.Values.GetValueOrDefault(v.Key) != v.Value).Select(v => (v.Key, v.Value));

    public override string ToString() => Name;

    private int Status(string setting) => int.Parse(this[setting], CultureInfo.InvariantCulture);

    public bool Equals(KitProfile? other) => other is not null && Name == other.Name && Values.SequenceEqual(other.Values);

    public override int GetHashCode() => HashCode.Combine(Name, Values.Count);
}
