namespace PauseResume.Client;

/// <summary>The list filters (LST-3); set both and a couple must match both (LST-4). Values match exactly (LST-6).</summary>
public sealed record CoupleQuery(string? PhoneNumber = null, Side PhoneNumberSide = Side.Both, string? IpAddress = null, Side IpAddressSide = Side.Both)
{
    /// <summary>No filter: every couple in progress (LST-1).</summary>
    public static CoupleQuery All { get; } = new();

    /// <summary>The couples whose calling or called number (or only the given side) is exactly <paramref name="phoneNumber"/>.</summary>
    public static CoupleQuery ByPhone(string phoneNumber, Side side = Side.Both) => new(PhoneNumber: phoneNumber, PhoneNumberSide: side);

    /// <summary>The couples whose calling or called IP address (or only the given side) is exactly <paramref name="ipAddress"/>.</summary>
    public static CoupleQuery ByIp(string ipAddress, Side side = Side.Both) => new(IpAddress: ipAddress, IpAddressSide: side);
}
