using Microsoft.Extensions.Primitives;

namespace PauseResume.Simulator.Http;

/// <summary>
/// The request parameters a servlet would see: the form body (when it is a form) and the query string.
/// A body that is too large or malformed yields an error instead of an exception.
/// </summary>
internal sealed record Parameters(IFormCollection Form, IQueryCollection Query, string? BodyError)
{
    public static async Task<Parameters> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return new Parameters(FormCollection.Empty, request.Query, null);
        }

        try
        {
            return new Parameters(await request.ReadFormAsync(cancellationToken), request.Query, null);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            return new Parameters(FormCollection.Empty, request.Query, $"the form body could not be read: {e.Message}");
        }
    }

    /// <summary>The value from the form body, else from the query string; empty if the parameter is absent.</summary>
    public StringValues this[string name] => Form.TryGetValue(name, out var fromForm) ? fromForm : Query[name];

    public bool Has(string name) => Form.ContainsKey(name) || Query.ContainsKey(name);
}
