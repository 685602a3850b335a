using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using PauseResume.Simulator.Hosting;

namespace PauseResume.Simulator.Tests.Hosting;

/// <summary>The standalone console log: the simple console logger's lines, one writer, and no line lost in ordinary use.</summary>
public sealed class ConsoleLineLogTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 11, 29, 12, 0, 1, TimeSpan.Zero));

    [Fact]
    public async Task A_line_reads_as_the_simple_console_loggers_single_line()
    {
        // Arrange
        var output = new StringWriter();
        var log = new ConsoleLineLog(output, Clock);

        // Act
        log.CreateLogger("PauseResume.Simulator.Http.RequestLog").LogInformation("{Decision}", "GET /callrec/restful/couples.xml → 200: admin listed 1 couple(s) (LST-5)");
        log.CreateLogger("Microsoft.Hosting").LogWarning("careful");
        await log.StopAsync();

        // Assert
        var time = Clock.GetLocalNow().ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        output.ToString().ReplaceLineEndings("\n").ShouldBe(
            $"{time} info: PauseResume.Simulator.Http.RequestLog[0] GET /callrec/restful/couples.xml → 200: admin listed 1 couple(s) (LST-5)\n"
            + $"{time} warn: Microsoft.Hosting[0] careful\n");
    }

    [Fact]
    public async Task A_lines_time_follows_the_clock_from_one_second_to_the_next_and_the_local_offset()
    {
        // Arrange: the stamp is made once a second, so a line a second later must not reuse it.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 12, 0, 1, 900, TimeSpan.Zero));
        clock.SetLocalTimeZone(TimeZoneInfo.Utc);
        var output = new StringWriter();
        var log = new ConsoleLineLog(output, clock);
        var logger = log.CreateLogger("test");

        // Act
        logger.LogInformation("first");
        clock.Advance(TimeSpan.FromMilliseconds(50));
        logger.LogInformation("same second");
        clock.Advance(TimeSpan.FromMilliseconds(100));
        logger.LogInformation("next second");
        clock.SetLocalTimeZone(TimeZoneInfo.CreateCustomTimeZone("plus two", TimeSpan.FromHours(2), "plus two", "plus two"));
        clock.Advance(TimeSpan.FromSeconds(1));
        logger.LogInformation("another offset");
        await log.StopAsync();

        // Assert
        output.ToString().ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line[..8])
            .ShouldBe(["12:00:01", "12:00:01", "12:00:02", "14:00:03"]);
    }

    [Fact]
    public async Task In_ordinary_use_every_line_is_written_in_order()
    {
        // Arrange
        var output = new StringWriter();
        var log = new ConsoleLineLog(output, Clock);
        var logger = log.CreateLogger("test");

        // Act
        for (var i = 0; i < 10_000; i++)
        {
            logger.LogInformation("{Line}", i);
        }

        await log.StopAsync();

        // Assert
        log.Dropped.ShouldBe(0);
        var lines = output.ToString().ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        lines.Select(line => int.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(Enumerable.Range(0, 10_000));
    }

    [Fact]
    public async Task Lines_the_console_cannot_keep_up_with_are_dropped_counted_and_said_once_it_catches_up()
    {
        // Arrange: a console that takes no line until released, and room for four waiting lines.
        using var release = new SemaphoreSlim(0);
        var output = new StalledWriter(release);
        var log = new ConsoleLineLog(output, Clock, capacity: 4);
        var logger = log.CreateLogger("test");

        // Act
        for (var i = 0; i < 100; i++)
        {
            logger.LogInformation("{Line}", i);
        }

        release.Release(int.MaxValue / 2);
        await log.StopAsync();

        // Assert
        var text = output.ToString();
        var written = text.Split('\n').Count(line => line.Contains(" info: test[0] ", StringComparison.Ordinal));
        log.Dropped.ShouldBeGreaterThanOrEqualTo(95, "at most the line being written and four waiting ones were taken");
        (written + log.Dropped).ShouldBe(100, "every line is either written or counted");
        text.ShouldContain($"warn: PauseResume.Simulator.Hosting.ConsoleLineLog[0] {log.Dropped} log line(s) dropped: the console did not keep up");
    }

    /// <summary>A console that blocks every write until the test lets it go.</summary>
    private sealed class StalledWriter(SemaphoreSlim release) : StringWriter
    {
        public override void WriteLine(string? value)
        {
            release.Wait(TestContext.Current.CancellationToken);
            base.WriteLine(value);
        }
    }
}
