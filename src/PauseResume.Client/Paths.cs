using System.Globalization;

namespace PauseResume.Client;

/// <summary>The recorder's paths, relative to its root, and the list query string.</summary>
internal static class Paths
{
    public const string Login = "callrec/loginAction.do";                // SES-1
    public const string Logout = "callrec/logoutAction.do";              // SES-5
    public const string Couples = "callrec/restful/couples.xml";         // LST-1
    public const string SessionCookie = "JSESSIONID";                    // SES-4

    /// <summary>DET-3 (inferred): where the self links point.</summary>
    public static string Couple(long coupleId) => $"{Couples}/{coupleId.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>DET-2: the vendor documents this construction of the pausedState link.</summary>
    public static string PausedState(long coupleId) => $"{Couple(coupleId)}/pausedState";

    /// <summary>LST-3: a direction is sent only when it is not BOTH, the server's default.</summary>
    public static string Query(CoupleQuery query)
    {
        var parts = new List<string>();
        Add(parts, "phoneNumber", query.PhoneNumber, "phoneNumberDirection", query.PhoneNumberSide);
        Add(parts, "ipAddress", query.IpAddress, "ipAddressDirection", query.IpAddressSide);
        return parts.Count == 0 ? string.Empty : "?" + string.Join("&", parts);
    }

    private static void Add(List<string> parts, string name, string? value, string directionName, Side side)
    {
        if (value is null)
        {
            return;
        }

        parts.Add($"{name}={Uri.EscapeDataString(value)}");
        if (side != Side.Both)
        {
            parts.Add($"{directionName}={(side == Side.Calling ? "CALLING" : "CALLED")}");
        }
    }
}
