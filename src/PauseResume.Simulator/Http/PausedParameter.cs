using PauseResume.Simulator.Domain;

namespace PauseResume.Simulator.Http;

/// <summary>Reads <c>paused</c> from the form body or the query string (PSE-3) under the profile's reading (PSE-2).</summary>
internal static class PausedParameter
{
    public const string Name = "paused";
    private const string VendorTypo = "pause";

    public static bool? Read(Parameters parameters, PausedParameterReading reading, out string? error)
    {
        error = parameters.BodyError;
        if (error is not null)
        {
            return null;
        }

        var values = parameters[Name];
        if (reading == PausedParameterReading.JaxRsLenient)
        {
            // Java's Boolean.parseBoolean: missing, "pause=true" or "yes" all read as false, so they resume.
            return string.Equals(values.FirstOrDefault(), "true", StringComparison.OrdinalIgnoreCase);
        }

        var distinct = parameters.Form[Name].Concat(parameters.Query[Name]).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        error = distinct.Count switch
        {
            0 when parameters.Has(VendorTypo) => "parameter 'pause' is not known: send 'paused=true' or 'paused=false'",
            0 => "parameter 'paused' is missing: send 'paused=true' or 'paused=false'",
            > 1 => "parameter 'paused' is given more than once with different values",
            _ when !bool.TryParse(distinct[0], out _) => $"paused={ListFilter.Shorten(distinct[0] ?? string.Empty)} is not true or false",
            _ => null,
        };
        return error is null ? bool.Parse(distinct[0]!) : null;
    }
}
