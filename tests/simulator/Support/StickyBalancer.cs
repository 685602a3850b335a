using System.Collections.Concurrent;

namespace PauseResume.Simulator.Tests.Support;

/// <summary>
/// Two nodes of one recorder behind a load balancer that keeps a client on a node by a cookie of its own (as HAProxy's
/// <c>cookie SERVERID insert</c> does): a request without that cookie goes to the nodes in turn, and its answer sets
/// the cookie. Used by the kit's tests and the client's (linked into each). Sessions live only on the node that made them (no replication), so a request that names a session of
/// the other node is served as if it named none; the calls are the one recorder's behind both.
/// </summary>
public sealed class StickyBalancer : DelegatingHandler
{
    public const string Cookie = "SERVERID";

    private readonly ConcurrentDictionary<string, string> nodeOf = new(StringComparer.Ordinal);
    private int turn;
    private int strays;

    /// <summary>Requests that named a session another node made: a client that does not keep the balancer's cookie.</summary>
    public int Strays => strays;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var cookies = request.Headers.TryGetValues("Cookie", out var lines) ? lines.SelectMany(l => l.Split(';')).Select(c => c.Trim()).Where(c => c.Length > 0).ToList() : [];
        var chosen = cookies.FirstOrDefault(c => c.StartsWith(Cookie + "=", StringComparison.Ordinal))?[(Cookie.Length + 1)..];
        var node = chosen is "node1" or "node2" ? chosen : Interlocked.Increment(ref turn) % 2 == 0 ? "node1" : "node2";
        var session = cookies.FirstOrDefault(c => c.StartsWith("JSESSIONID=", StringComparison.Ordinal))?["JSESSIONID=".Length..];
        if (session is not null && nodeOf.TryGetValue(session, out var home) && home != node)
        {
            Interlocked.Increment(ref strays);
            request.Headers.Remove("Cookie");
            request.Headers.TryAddWithoutValidation("Cookie", string.Join("; ", cookies.Where(c => !c.StartsWith("JSESSIONID=", StringComparison.Ordinal))));
        }

        var response = await base.SendAsync(request, cancellationToken);
        foreach (var set in response.Headers.TryGetValues("Set-Cookie", out var sets) ? sets : [])
        {
            if (set.StartsWith("JSESSIONID=", StringComparison.Ordinal) && set.Split(';')[0]["JSESSIONID=".Length..] is { Length: > 0 } id)
            {
                nodeOf[id] = node;
            }
        }

        if (chosen != node)
        {
            response.Headers.Add("Set-Cookie", $"{Cookie}={node}; Path=/");
        }

        return response;
    }
}
