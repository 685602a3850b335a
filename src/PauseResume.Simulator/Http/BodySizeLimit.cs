using Microsoft.AspNetCore.Http.Metadata;

namespace PauseResume.Simulator.Http;

/// <summary>
/// The simulator's limit on request bodies, as endpoint metadata, so a host that mounts the simulator keeps its own
/// server-wide limit for everything else.
/// </summary>
internal sealed record BodySizeLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;
