using System.Globalization;

namespace PauseResume.Simulator.Http;

/// <summary>A couple id from a path, as a JAX-RS server converts a long path parameter: anything else is no id (404).</summary>
internal static class CoupleId
{
    public static long? Parse(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}
