using System.Text;

namespace PauseResume.Conformance.Wire;

/// <summary>
/// Writes a transcript as a bash script of curl commands that replays it against a target: each slot's session id
/// is taken from the Set-Cookie of its login and logout answers, as a browser would.
/// </summary>
internal static class CurlScript
{
    /// <param name="failingAt">Where the failing step's requests begin in the transcript: the failure is told beside the first
    /// of them (the step's own; the kit may have sent more to explain it, the details of a couple a list left out, say).</param>
    public static string From(IReadOnlyList<Exchange> transcript, Uri origin, string? setup, string? failure = null, int? failingAt = null)
    {
        var script = new StringBuilder();
        script.AppendLine("#!/usr/bin/env bash");
        script.AppendLine("# Replays the failing steps against a recorder: bash this-script.sh [TARGET], by default the target below");
        script.AppendLine(FormattableString.Invariant($"T=${{1:-{origin.GetLeftPart(UriPartial.Authority)}}}"));
        script.AppendLine("session() { sed -n 's/^[Ss]et-[Cc]ookie: JSESSIONID=\\([^;]*\\).*/\\1/p' | tr -d '\\r' | tail -n 1; }");
        if (setup is not null)
        {
            script.AppendLine("# The first step resets the simulator to the scenario's world: its calls, users and profile are replaced.");
            script.AppendLine(setup);
        }

        var last = transcript.LastOrDefault(e => e.Script is null);
        var failing = failingAt is { } at ? transcript.Skip(at).FirstOrDefault(e => e.Script is null) ?? last : last;
        for (var i = 0; i < transcript.Count; i++)
        {
            var step = transcript[i];
            if (step.Script is not null)
            {
                script.AppendLine(step.Script);
                continue;
            }

            // A slot that goes on with its old session id ignores the Set-Cookie of this answer: the script keeps the id too.
            var keepsOld = i + 1 < transcript.Count && transcript[i + 1].Script == KeepsOldSession(step.Slot);

            var name = Model.ModelSlot.Name(step.Slot);
            var cookie = step.Cookie is null ? string.Empty
                : step.Cookie.StartsWith("JSESSIONID=", StringComparison.Ordinal) ? $" -H \"Cookie: JSESSIONID=${name}; {Wire.DummyCookie}\""
                : step.Cookie.Contains("JSESSIONID", StringComparison.Ordinal) ? $" -H \"Cookie: {Wire.DummyCookie}; JSESSIONID=${name}\""
                : $" -H 'Cookie: {Wire.DummyCookie}'";
            // A POST or PUT without a body goes as the kit's HttpClient sent it, with a length of 0 (curl sends none).
            var body = step.Form is not null ? $" -H 'Content-Type: application/x-www-form-urlencoded' --data-raw {Quote(step.Form)}"
                : step.Method is "POST" or "PUT" ? " -H 'Content-Length: 0'"
                : string.Empty;
            // curl -X HEAD would wait for the body the Content-Length announces; -I asks for the head alone.
            var method = step.Method == "HEAD" ? "-I" : $"-i -X {step.Method}";
            var curl = $"curl -s {method} \"$T\"{Quote(step.PathAndQuery)}{cookie}{body}";
            // A comment as one line: it may quote the recorder's answer (a body, a paused value), and a line break in it
            // would end the comment, so bash would run the rest of the answer as commands.
            var note = Reports.Printable.OneLine(ReferenceEquals(step, failing) && failure is not null ? $"   # {failure}" : $"   # got {step.Status}{Shown(step)}");
            script.AppendLine(Wire.SetCookieSession(step) is null || ReferenceEquals(step, last) || keepsOld
                ? $"{curl} | {(IsDetails(step) ? "grep -Eo '^HTTP/[0-9.]+ [0-9]+|<paused>[^<]*</paused>|<[^>]*rel=\"pausedState\"[^>]*>'" : "head -n 1")}{note}"
                : $"{name}=$({curl} | session); echo \"{name}=${name}\"{note}");
        }

        return script.ToString();
    }

    /// <summary>The transcript's note that <paramref name="slot"/> ignored the Set-Cookie of the answer before it, as a comment of the script.</summary>
    public static string KeepsOldSession(int slot) => $"# {Model.ModelSlot.Name(slot)} goes on with its old session id: the Set-Cookie above is ignored, as a client that ignores it would";

    /// <summary>A GET of a couple's details: the script shows what the kit judges there (DET-2, PSE-1), its paused state and its pausedState link, not the status alone.</summary>
    private static bool IsDetails(Exchange step) =>
        step.Method == "GET" && System.Text.RegularExpressions.Regex.IsMatch(step.PathAndQuery, @"^/callrec/restful/couples\.xml/[0-9]+$");

    /// <summary>What a details answer the kit got showed: its paused state and whether it gave the pausedState link.</summary>
    private static string Shown(Exchange step) =>
        IsDetails(step) && step.Status == 200 && Documents.Of(step.Body) is { } details
            ? $", paused {details.Paused ?? "not shown"}, {(details.PausedStateHref is null ? "no pausedState link" : "a pausedState link")}"
            : string.Empty;

    private static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
