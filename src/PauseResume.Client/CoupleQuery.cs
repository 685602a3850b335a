namespace PauseResume.Client;

/// <summary>The list filters (LST-3); set both and a couple must match both (LST-4). Values match exactly (LST-6).</summary>
public sealed record CoupleQuery(string? PhoneNumber = null, Side PhoneNumberSide = Side.Both, string? IpAddress = null, Side IpAddressSide = Side.Both)
{
    public static CoupleQuery All { get; } = new();

    public static CoupleQuery ByPhone(string phoneNumber, Side side = Side.Both) => new(PhoneNumber: phoneNumber, PhoneNumberSide: side);

    public static CoupleQuery ByIp(string ipAddress, Side side = Side.Both) => new(IpAddress: ipAddress, IpAddressSide: side);
}
