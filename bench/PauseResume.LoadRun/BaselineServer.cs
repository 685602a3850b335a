using System.Net.Mime;

namespace PauseResume.LoadRun;

/// <summary>
/// A floor: Kestrel answering every request with one fixed status and body (a simulator's answer, captured), with no
/// routing, no logging and no work per request beyond writing the bytes. Each simulator scenario has the floor of its
/// own answer, loaded with the same requests (the same wrk script), so a ratio compares the servers' work alone.
/// </summary>
public static class BaselineServer
{
    public static async Task<int> RunAsync(string bodyFile, int status)
    {
        var body = await File.ReadAllBytesAsync(bodyFile);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        app.Run(context =>
        {
            context.Response.StatusCode = status;
            if (body.Length == 0)
            {
                return Task.CompletedTask;
            }

            context.Response.ContentType = MediaTypeNames.Application.Xml;
            context.Response.ContentLength = body.Length;
            return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
        });
        await app.StartAsync();
        ChildServer.Announce(app.Urls.First());
        await app.WaitForShutdownAsync();
        return 0;
    }
}
