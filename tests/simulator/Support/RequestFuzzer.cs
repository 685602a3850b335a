using System.Text;
using System.Text.Json;

namespace PauseResume.Simulator.Tests.Support;

/// <summary>
/// Generates requests to the legacy API, the control API and world files (as reset bodies) from one seed:
/// mostly well-formed with one thing wrong, sometimes garbage, so both the checks and what lies behind them are hit.
/// </summary>
internal sealed class RequestFuzzer(int seed)
{
    // No %00: TestHost's client refuses to send it, and Kestrel answers it with a 400 before the app (StandaloneServerTests).
    private static readonly string[] Couples = ["24197", "24198", "24199", "24200", "0", "-1", "99999999999999999999", "24197.0", "%01", "%C3%A9", "x", ""];
    private static readonly string[] Texts =
    [
        "", "1", "10012", "5551234", "10031", "10.0.0.5", "fe80::1", "\u0001", "1\u00002", "10 01", "\t", "\u2028", "\uffff", "é中",
        "<x/>", "&amp;", "%ZZ", "'\"", "*1*1*1*1*1*1*1*2", "1001?", "6*", "[abc", "true", "false", "TRUE", "CALLING", "BOTH",
        "incoming,outgoing", "INCOMING", "1", "1e-300", "00:00:01", "-1", "9223372036854775807", "9223372036854775806", "admin", "secret",
    ];

    private static readonly string[] Charsets = ["", "; charset=utf-8", "; charset=utf-7", "; charset=bogus", "; charset=\"utf-8\"", "; charset=utf-16", "; charset="];
    private static readonly string[] Settings = ["pausedParameter", "invalidDirectionStatus", "sessionIdleTimeout", "name", "probe", "colour"];
    private static readonly string[] Directions = ["INCOMING", "OUTGOING", "INTERNAL", "UNKNOWN", "incoming,outgoing", "3", " INCOMING", "Internal", ""];

    private readonly Random random = new(seed);

    public FuzzRequest Next() => random.Next(10) switch
    {
        0 => Login(),
        1 => Legacy("POST", "/callrec/logoutAction.do"),
        2 or 3 => List(),
        4 => Legacy("GET", $"/callrec/restful/couples.xml/{Pick(Couples)}"),
        5 or 6 => PausedState(),
        7 => Control(),
        8 => World(),
        _ => Garbage(),
    };

    /// <summary>A world file's text, mostly valid JSON with one odd part.</summary>
    public string WorldText() => random.Next(8) == 0 ? Text(random.Next(40)) : JsonSerializer.Serialize(WorldObject(), TestJsonContext.Default.DictionaryStringObject);

    private FuzzRequest Login()
    {
        var fields = new List<string>();
        if (random.Next(5) > 0)
        {
            fields.Add("login=" + Uri.EscapeDataString(Pick(["admin", "agent", "monitor", "guest", "nobody", string.Empty, Pick(Texts)])));
        }

        if (random.Next(5) > 0)
        {
            fields.Add("password=" + Uri.EscapeDataString(Pick(["secret", "agent-pw", "monitor-pw", "guest-pw", "wrong", Pick(Texts)])));
        }

        return new("POST", "/callrec/loginAction.do" + Query(), "application/x-www-form-urlencoded" + Pick(Charsets), Encoding.UTF8.GetBytes(string.Join("&", fields)), Session(), Cookie());
    }

    private FuzzRequest List()
    {
        var query = new List<string>();
        foreach (var name in new[] { "phoneNumber", "phoneNumberDirection", "ipAddress", "ipAddressDirection" })
        {
            if (random.Next(3) == 0)
            {
                query.Add($"{name}={Uri.EscapeDataString(Pick(Texts))}");
            }
        }

        return Legacy("GET", "/callrec/restful/couples.xml" + (query.Count > 0 ? "?" + string.Join("&", query) : string.Empty));
    }

    private FuzzRequest PausedState()
    {
        var body = Pick(["paused=true", "paused=false", "pause=true", "paused=TRUE", "paused=yes", "paused=true&paused=false", string.Empty, "%%%", "paused=" + Pick(Texts)]);
        var type = Pick(["application/x-www-form-urlencoded", "text/plain", "application/json", "multipart/form-data; boundary=x"]) + Pick(Charsets);
        return new(Pick(["POST", "PUT", "GET", "DELETE"]), $"/callrec/restful/couples.xml/{Pick(Couples)}/pausedState" + Query(), type, Encoding.UTF8.GetBytes(body), Session(), Cookie());
    }

    private FuzzRequest Control() => random.Next(7) switch
    {
        0 => Json("POST", "/simulator/calls", CallObject()),
        1 => Json("POST", "/simulator/users", UserObject()),
        2 => new("GET", "/simulator/calls" + Pick(["", "?ended=true", "?ended=false", "?ended=maybe", "?ended=", "?ended=1"]), null, null, null, null),
        3 => new(Pick(["GET", "DELETE"]), $"/simulator/calls/{Pick(Couples)}", null, null, null, null),
        4 => Json(Pick(["PATCH", "PUT"]), "/simulator/profile", new Dictionary<string, object?> { [Pick(Settings)] = Pick<object?>([Pick(Texts), random.Next(-5, 1000), null, true]) }),
        5 => new("GET", Pick(["/simulator/profile", "/simulator/users", "/simulator/log"]), null, null, null, null),
        _ => new("POST", Pick(["/simulator/calls", "/simulator/users", "/simulator/profile"]), "application/json", Encoding.UTF8.GetBytes(Text(random.Next(30))), null, null),
    };

    private FuzzRequest World() => new("POST", "/simulator/reset", "application/json", Encoding.UTF8.GetBytes(WorldText()), null, null);

    private FuzzRequest Garbage()
    {
        var path = Pick(["/callrec/loginAction.do", "/callrec/restful/couples.xml", "/simulator/calls", "/simulator/users", "/simulator/reset", "/callrec", "/nothing"]);
        var size = random.Next(50) == 0 ? (int)Simulator.Hosting.SimulatorOptions.MaxRequestBodyBytes + random.Next(1, 4096) : random.Next(0, 300);
        var bytes = new byte[size];
        random.NextBytes(bytes);
        return new(Pick(["POST", "PUT", "PATCH", "DELETE", "OPTIONS"]), path, Pick(["application/json", "application/x-www-form-urlencoded", "text/plain"]) + Pick(Charsets), bytes, Session(), Cookie());
    }

    private Dictionary<string, object?> WorldObject()
    {
        var world = new Dictionary<string, object?>();
        if (random.Next(3) == 0)
        {
            world["profile"] = random.Next(2) == 0 ? Pick<object>(["default", "jaxrs-lenient", "turbo"]) : new Dictionary<string, object?> { [Pick(Settings)] = Pick(Texts) };
        }

        world["users"] = Enumerable.Range(0, random.Next(4)).Select(_ => (object?)UserObject()).Append(random.Next(20) == 0 ? null : UserObject()).ToList();
        world["calls"] = Enumerable.Range(0, random.Next(5)).Select(_ => CallObject()).ToList();
        if (random.Next(10) == 0)
        {
            world[Pick(["seed", "usres", "firstCoupleId"])] = Pick<object?>([1, "x", null]);
        }

        return world;
    }

    private Dictionary<string, object?> CallObject()
    {
        var call = new Dictionary<string, object?>
        {
            ["callingNumber"] = Maybe(() => Pick(["5551234", "10012", "10031"]), () => Pick(Texts)),
            ["calledNumber"] = Maybe(() => Pick(["10012", "10013", "6001"]), () => Pick(Texts)),
        };
        Optional(call, "callingIp", () => Maybe(() => "10.0.0.5", () => Pick(Texts)));
        Optional(call, "calledIp", () => Maybe(() => "10.0.1.12", () => Pick(Texts)));
        Optional(call, "direction", () => Pick(Directions));
        Optional(call, "coupleType", () => Pick(["NORMAL", "CONF", "conf,barge", "7", "BARGE"]));
        Optional(call, "callId", () => Pick<object?>([24142L, long.MaxValue, long.MaxValue - 1, 0L, -3L, "x"]));
        return call;
    }

    private Dictionary<string, object?> UserObject()
    {
        var user = new Dictionary<string, object?>
        {
            ["login"] = Maybe(() => Pick(["ann", "bob", "admin"]), () => Pick(Texts)),
            ["password"] = Maybe(() => "pw", () => null),
        };
        Optional(user, "permissions", () => Enumerable.Range(0, random.Next(3)).Select(_ => Pick(["CallList", "PauseAndResumeCalls", "CallList,PauseAndResumeCalls", "3", "None", "Admin"])).ToList());
        Optional(user, "phoneMasks", () => Enumerable.Range(0, random.Next(3)).Select(_ => Maybe(() => Pick(["1001?", "6*", "*1*1*1*1*1*1*1*2"]), () => Pick(Texts))).ToList());
        return user;
    }

    private FuzzRequest Legacy(string method, string path) => new(method, path, null, null, Session(), Cookie());

    private static FuzzRequest Json(string method, string path, Dictionary<string, object?> value) =>
        new(method, path, "application/json", JsonSerializer.SerializeToUtf8Bytes(value, TestJsonContext.Default.DictionaryStringObject), null, null);

    private string Query() => random.Next(4) == 0 ? $"?{Pick(["paused", "login", "password", "x"])}={Uri.EscapeDataString(Pick(Texts))}" : string.Empty;

    private int? Session() => random.Next(4) == 0 ? null : random.Next(8);

    private string? Cookie() => Pick([null, "dummy=1", "dummy=1", "JSESSIONID=0123456789ABCDEF0123456789ABCDEF", "JSESSIONID=", "=;;"]);

    private void Optional(Dictionary<string, object?> target, string name, Func<object?> value)
    {
        if (random.Next(2) == 0)
        {
            target[name] = value();
        }
    }

    private object? Maybe(Func<object?> usual, Func<object?> odd) => random.Next(6) == 0 ? odd() : usual();

    private string Text(int length) => new([.. Enumerable.Range(0, length).Select(_ => (char)random.Next(0, 0x80))]);

    private T Pick<T>(T[] choices) => choices[random.Next(choices.Length)];
}
