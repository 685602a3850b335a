using System.Security.Cryptography;

namespace PauseResume.Simulator.Domain;

/// <summary>
/// Where session ids come from. By default a cryptographic generator, so no client can guess another's id (SES-4);
/// a predictable sequence exists only for a test that asks for it by name.
/// </summary>
public sealed class SessionIds
{
    private readonly Random? predictable;

    // The pages' tokens, from a stream of their own, so a profile that shows them (loginPage=token) moves no session id.
    private readonly Random? predictableTokens;

    private SessionIds(Random? predictable, Random? predictableTokens) => (this.predictable, this.predictableTokens) = (predictable, predictableTokens);

    /// <summary>Ids from <see cref="RandomNumberGenerator"/>: 128 unguessable bits each.</summary>
    public static SessionIds Cryptographic() => new(null, null);

    /// <summary>The same ids on every run for the same <paramref name="seed"/>: never use this outside a test that needs it.</summary>
    public static SessionIds PredictableForTests(int seed) => new(new Random(seed), new Random(unchecked(seed * 31 + 7)));

    /// <summary>SES-4: 32 upper-case hex digits, then <c>.jvmRoute</c> when the profile names one. Callers hold the recorder's lock.</summary>
    internal string Next(string jvmRoute)
    {
        Span<byte> bytes = stackalloc byte[16];
        Fill(bytes, predictable);
        var id = Convert.ToHexString(bytes);
        return jvmRoute.Length == 0 ? id : $"{id}.{jvmRoute}";
    }

    /// <summary>SES-3 under loginPage=token: a page's token, a version 4 UUID, unguessable as the ids are (or predictable where they are). Callers hold the recorder's lock.</summary>
    internal string NextToken()
    {
        Span<byte> bytes = stackalloc byte[16];
        Fill(bytes, predictableTokens);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4 (random), as Guid lays its bytes out
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // the RFC 4122 variant
        return new Guid(bytes).ToString("D");
    }

    private static void Fill(Span<byte> bytes, Random? source)
    {
        if (source is null)
        {
            RandomNumberGenerator.Fill(bytes);
        }
        else
        {
            source.NextBytes(bytes);
        }
    }
}
