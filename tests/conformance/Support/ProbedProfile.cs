using PauseResume.Conformance.Probe;
using PauseResume.Conformance.Profiles;

namespace PauseResume.Conformance.Tests.Support;

/// <summary>A probe's profile as a user loads it: the file the probe writes, read back.</summary>
internal static class ProbedProfile
{
    public static async Task<(ProbeResult Probe, KitProfile Probed)> OfAsync(Prober prober)
    {
        var probe = await prober.ProbeAsync(TestContext.Current.CancellationToken);
        var path = Path.GetTempFileName();
        await File.WriteAllTextAsync(path, probe.Json, TestContext.Current.CancellationToken);
        var probed = ProfileJson.ReadFile(path);
        File.Delete(path);
        return (probe, probed);
    }
}
