namespace PauseResume.LoadRun;

/// <summary>The wrk Lua scripts that send the session cookie, and pausedState's form body.</summary>
public static class WrkScripts
{
    public static string WithCookie(string cookie) => $"wrk.headers[\"Cookie\"] = \"{cookie}\"\n";

    /// <summary>
    /// Pause, then resume, one couple after another: every request changes a couple's state (PSE-1) unless two
    /// connections happen to meet on the same couple (then PSE-3, also 204).
    /// </summary>
    public static string PauseAndResume(string cookie, IReadOnlyList<string> pausedStates) =>
        Pausing(cookie, pausedStates, couple: "(math.floor(n / 2) % #paths) + 1", pause: "n % 2 == 0");

    /// <summary>
    /// Pause every couple in turn, then resume every one, and again: with more couples than connections, no two requests
    /// in flight meet on one couple, so each changes its couple's state (PSE-1) and none waits on another's lock.
    /// </summary>
    public static string PauseAndResumeSpread(string cookie, IReadOnlyList<string> pausedStates) =>
        Pausing(cookie, pausedStates, couple: "(n % #paths) + 1", pause: "math.floor(n / #paths) % 2 == 0");

    /// <summary>The n-th request goes to the couple <paramref name="couple"/> says, a pause where <paramref name="pause"/> holds.</summary>
    private static string Pausing(string cookie, IReadOnlyList<string> pausedStates, string couple, string pause) => WithCookie(cookie) + $$"""
        wrk.method = "POST"
        wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
        local paths = { {{string.Join(", ", pausedStates.Select(p => $"\"{p}\""))}} }
        local n = 0
        request = function()
          local couple = {{couple}}
          local body = ({{pause}}) and "paused=true" or "paused=false"
          n = n + 1
          return wrk.format(nil, paths[couple], nil, body)
        end
        """;
}
