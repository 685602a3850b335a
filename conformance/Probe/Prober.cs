using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PauseResume.Conformance.Model;
using PauseResume.Conformance.Scenarios;
using PauseResume.Conformance.Targets;
using PauseResume.Simulator.Domain;

namespace PauseResume.Conformance.Probe;

/// <summary>
/// Records what a target actually does where RECORDER-API.md can only infer (the I rules): status codes, content
/// types, the login answer, the XML element names and how <c>paused</c> is read. It writes a behaviour profile file
/// with the settings it could observe and its observations under <c>probe</c>; the simulator loads it with
/// --profile-file. Read-only, except one pause request with <c>pause=true</c> on an allowed couple (which a strict
/// server refuses and a lenient one reads as a resume of a running couple: no change either way).
/// </summary>
internal sealed partial class Prober(ITarget target, IReadOnlyList<ModelUser> accounts, IReadOnlyList<long> pausable, TimeSpan pace)
{
    public async Task<ProbeResult> ProbeAsync(CancellationToken cancellationToken)
    {
        var account = accounts.Where(a => a.CallList).OrderBy(a => a.Masks.Length).FirstOrDefault();
        if (target.Control is { } control)
        {
            account = new ModelUser("probe", "probe-pw", true, true, []);
            await control.ResetAsync(new WorldSpec(1, [account], [new CallSpec("5550100", "10021", "10.0.0.5", "10.0.1.21")]), RecorderProfile.Default, cancellationToken);
        }

        if (account is null)
        {
            throw new TargetException("probing a real recorder needs an --account with Call List");
        }

        using var http = target.CreateClient();
        var wire = new Wire.Wire(http, pace, TimeProvider.System);
        var observed = new JsonObject();
        var profile = new JsonObject { ["name"] = RecorderProfile.DefaultName }; // what was not observed keeps the default
        var summary = new List<string>();
        void Note(string rule, JsonNode value, string line)
        {
            observed[rule] = value;
            summary.Add($"{rule}: {line}");
        }

        var wrong = await wire.SendAsync(1, HttpMethod.Post, "callrec/loginAction.do", "login=probe-nobody&password=x", cancellationToken: cancellationToken);
        var login = await wire.LoginAsync(0, account, cancellationToken);
        var setCookie = login.Header("Set-Cookie") ?? string.Empty;
        Note("SES-4", new JsonObject
        {
            ["status"] = login.Status,
            ["contentType"] = login.ContentType,
            ["bodyLength"] = login.Body.Length,
            ["setCookie"] = Regex.Replace(setCookie, "JSESSIONID=[^;]*", "JSESSIONID=…"),
            ["servletSessionId"] = ServletSession().IsMatch(setCookie),
            ["sameAnswerForAFailedLogin"] = wrong.Shape == login.Shape,
        }, $"login answers {login.Status} {login.ContentType}, cookie '{Regex.Replace(setCookie, "JSESSIONID=[^;]*", "JSESSIONID=…")}'");

        var list = await wire.SendAsync(0, HttpMethod.Get, "callrec/restful/couples.xml", cancellationToken: cancellationToken);
        var listed = Wire.Documents.List(list.Body) ?? [];
        var badDirection = await wire.SendAsync(0, HttpMethod.Get, "callrec/restful/couples.xml?phoneNumber=0&phoneNumberDirection=EITHER", cancellationToken: cancellationToken);
        var none = await wire.SendAsync(0, HttpMethod.Get, "callrec/restful/couples.xml?phoneNumber=0000000", cancellationToken: cancellationToken);
        Note("LST-6", new JsonObject { ["invalidDirectionStatus"] = badDirection.Status }, $"an invalid direction is answered {badDirection.Status}");
        if (badDirection.Status is >= 400 and <= 499)
        {
            profile["invalidDirectionStatus"] = badDirection.Status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        Note("LST-7", new JsonObject { ["noMatchStatus"] = none.Status, ["noMatchBody"] = none.Body.Length <= 200 ? none.Body : none.Body[..200] }, $"a list with no match is answered {none.Status} with {(Wire.Documents.List(none.Body) is { Count: 0 } ? "an empty list" : "something else")}");

        var missing = await wire.SendAsync(0, HttpMethod.Get, "callrec/restful/couples.xml/987654321", cancellationToken: cancellationToken);
        var visible = listed.FirstOrDefault(l => l.SelfHref is not null);
        var details = visible is null ? null : await wire.SendAsync(0, HttpMethod.Get, new Uri(visible.SelfHref!).PathAndQuery, cancellationToken: cancellationToken);
        var document = details is null ? null : Wire.Documents.Of(details.Body);
        Note("DET-3", new JsonObject
        {
            ["unknownCoupleStatus"] = missing.Status,
            ["selfLink"] = visible?.SelfHref,
            ["elements"] = document is null ? null : new JsonArray(document.ElementNames.Select(n => (JsonNode)n).ToArray()),
        }, $"an unknown couple is answered {missing.Status}; details elements: {(document is null ? "not seen (no visible couple)" : string.Join(", ", document.ElementNames))}");

        var get = await wire.SendAsync(0, HttpMethod.Get, $"callrec/restful/couples.xml/{visible?.Id ?? 987654321}/pausedState", cancellationToken: cancellationToken);
        Note("PSE-4", new JsonObject { ["getPausedStateStatus"] = get.Status }, $"GET on pausedState is answered {get.Status}");

        var couple = pausable.FirstOrDefault(id => listed.Any(l => l.Id == id));
        if (target.Control is not null)
        {
            couple = listed.Count > 0 ? listed[0].Id : 0;
        }

        if (couple != 0)
        {
            var typo = await wire.SendAsync(0, HttpMethod.Post, $"callrec/restful/couples.xml/{couple}/pausedState", "pause=true", cancellationToken: cancellationToken);
            var reading = typo.Status == 400 ? "strict" : typo.Status is >= 200 and < 300 ? RecorderProfile.JaxRsLenientName : null;
            if (reading is not null)
            {
                profile["pausedParameter"] = reading;
            }

            Note("PSE-2", new JsonObject { ["pauseTypoStatus"] = typo.Status, ["reading"] = reading }, $"'pause=true' is answered {typo.Status}: {reading ?? "neither reading"}");
        }
        else
        {
            summary.Add("PSE-2: not probed (needs --allow-pause and a --couple in progress)");
        }

        summary.Add("SES-6: not probed (a session would have to idle for 30 minutes); the default is kept");
        await wire.LogoutAsync(0, cancellationToken);
        await wire.LogoutAsync(1, cancellationToken);
        profile["probe"] = new JsonObject { ["target"] = target.Description, ["observed"] = observed };
        return new ProbeResult(profile.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }), summary);
    }

    [GeneratedRegex("JSESSIONID=[0-9A-F]{32}; *Path=/callrec; *HttpOnly", RegexOptions.IgnoreCase)]
    private static partial Regex ServletSession();
}
