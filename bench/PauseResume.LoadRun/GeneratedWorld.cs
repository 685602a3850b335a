using System.Globalization;
using System.Text.Json;

namespace PauseResume.LoadRun;

/// <summary>
/// A world file of many calls in progress, as a busy call centre has them: external numbers calling in and called
/// out, agents' numbers and phones' IPs, a few gateways' IPs shared by many couples, and some internal and unknown
/// calls. The same size and seed write the same file. <see cref="PhoneNumber"/> and <see cref="IpAddress"/> are
/// the calling number and the agent's phone IP of the couple in the middle, which the filtered lists ask for.
/// </summary>
public sealed record GeneratedWorld(string Path, int Calls, string PhoneNumber, string IpAddress)
{
    public const string Login = "admin";
    public const string Password = "admin";
    private const int Gateways = 24;

    public static GeneratedWorld Write(string path, int calls, int seed)
    {
        var random = new Random(seed);
        string? phone = null, ip = null;
        using (var stream = File.Create(path))
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteNumber("seed", seed);
            json.WriteStartArray("users");
            json.WriteStartObject();
            json.WriteString("login", Login);
            json.WriteString("password", Password);
            json.WriteStartArray("permissions");
            json.WriteStringValue("CallList");
            json.WriteStringValue("PauseAndResumeCalls");
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteStartArray("calls");
            for (var i = 0; i < calls; i++)
            {
                // Agents' numbers and phones are one per couple, as one agent is in one call at a time (LST-4); the
                // external side comes through one of a few gateways, so its IP is shared by thousands of couples.
                var external = string.Create(CultureInfo.InvariantCulture, $"+4{random.Next(1, 10)}{random.NextInt64(100_000_000, 999_999_999)}");
                var agent = string.Create(CultureInfo.InvariantCulture, $"+4202{i + 10_000_000:D8}");
                var agentIp = string.Create(CultureInfo.InvariantCulture, $"10.{(i >> 16) & 0xFF}.{(i >> 8) & 0xFF}.{i & 0xFF}");
                var gatewayIp = string.Create(CultureInfo.InvariantCulture, $"192.0.2.{random.Next(1, Gateways + 1)}");
                var kind = random.Next(100);
                var (direction, calling, called, callingIp, calledIp) = kind switch
                {
                    < 55 => ("INCOMING", external, agent, gatewayIp, agentIp),
                    < 85 => ("OUTGOING", agent, external, agentIp, gatewayIp),
                    < 95 => ("INTERNAL", agent, string.Create(CultureInfo.InvariantCulture, $"{random.Next(1000, 10_000)}"), agentIp, (string?)null),
                    _ => ("UNKNOWN", external, agent, (string?)null, agentIp),
                };
                if (i == calls / 2)
                {
                    (phone, ip) = (calling, agentIp);
                }

                json.WriteStartObject();
                json.WriteString("callingNumber", calling);
                json.WriteString("calledNumber", called);
                if (callingIp is not null)
                {
                    json.WriteString("callingIp", callingIp);
                }

                if (calledIp is not null)
                {
                    json.WriteString("calledIp", calledIp);
                }

                json.WriteString("direction", direction);
                json.WriteEndObject();
                if (i % 4096 == 0)
                {
                    json.Flush();
                }
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return new GeneratedWorld(path, calls, phone!, ip!);
    }
}
