using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Hosting;

namespace PauseResume.Simulator.Tests.Hosting;

public sealed class CommandLineTests
{
    private static CommandLine? Parse(params string[] args) => CommandLine.Parse(args, FakeRecorder.Epoch, out _);

    private static string Error(params string[] args)
    {
        CommandLine.Parse(args, FakeRecorder.Epoch, out var error).ShouldBeNull();
        return error.ShouldNotBeNull();
    }

    [Fact]
    public void Without_options_it_listens_on_loopback_8080_with_the_default_world_and_the_control_API()
    {
        var options = Parse()!;

        options.Urls.ShouldBe(Environment.GetEnvironmentVariable("ASPNETCORE_URLS") is { Length: > 0 } env ? env : "http://127.0.0.1:8080");
        options.World.Users.Count.ShouldBe(5);
        options.World.Profile.ShouldBe(RecorderProfile.Default);
        options.Control.ShouldBe(new ControlOptions(true, null));
    }

    [Fact]
    public void A_profile_is_chosen_by_name_and_overridden_setting_by_setting()
    {
        var options = Parse("--profile", "jaxrs-lenient", "--set", "sessionIdleTimeout=2", "--set", "invalidDirectionStatus=400")!;

        options.World.Profile.PausedParameter.ShouldBe(PausedParameterReading.JaxRsLenient);
        options.World.Profile.SessionIdleTimeout.ShouldBe(TimeSpan.FromMinutes(2));
        options.World.Profile.InvalidDirectionStatus.ShouldBe(400);
    }

    [Fact]
    public void A_world_file_and_a_profile_file_are_read()
    {
        var world = Path.GetTempFileName();
        var profile = Path.GetTempFileName();
        using var cleanUp = new TemporaryFiles(world, profile);
        File.WriteAllText(world, """{"users":[{"login":"x","password":"y","permissions":["CallList"]}],"calls":[{"callingNumber":"1","calledNumber":"2"}]}""");
        File.WriteAllText(profile, """{"name":"jaxrs-lenient","invalidDirectionStatus":"400"}""");

        var options = Parse("--world", world, "--profile-file", profile, "--no-control", "--urls", "http://127.0.0.1:0")!;

        options.World.Users.ShouldHaveSingleItem().Login.ShouldBe("x");
        options.World.Calls.ShouldHaveSingleItem();
        options.World.Profile.PausedParameter.ShouldBe(PausedParameterReading.JaxRsLenient);
        options.World.Profile.InvalidDirectionStatus.ShouldBe(400);
        options.Control.Enabled.ShouldBeFalse();
        options.Urls.ShouldBe("http://127.0.0.1:0");
    }

    [Theory]
    [InlineData("utf-8")]
    [InlineData("utf-16")]
    [InlineData("utf-16BE")]
    [InlineData("utf-32")]
    public void A_world_file_and_a_profile_file_saved_with_a_byte_order_mark_are_read(string encoding)
    {
        // Arrange: as an editor saves them (UTF-8 with a mark, or UTF-16), which the files' text always allowed
        var world = Path.GetTempFileName();
        var profile = Path.GetTempFileName();
        using var cleanUp = new TemporaryFiles(world, profile);
        var text = System.Text.Encoding.GetEncoding(encoding);
        File.WriteAllText(world, """{"users":[{"login":"x","password":"y","permissions":["CallList"]}],"calls":[{"callingNumber":"1","calledNumber":"2"}]}""", text);
        File.WriteAllText(profile, """{"name":"jaxrs-lenient","invalidDirectionStatus":"400"}""", text);

        // Act
        var options = CommandLine.Parse(["--world", world, "--profile-file", profile, "--no-control"], FakeRecorder.Epoch, out var error);

        // Assert
        error.ShouldBeNull($"a {encoding} file with its byte-order mark is the same world");
        options!.World.Users.ShouldHaveSingleItem().Login.ShouldBe("x");
        options.World.Calls.ShouldHaveSingleItem().CallingNumber.ShouldBe("1");
        options.World.Profile.InvalidDirectionStatus.ShouldBe(400, "LST-6: the profile file is read too");
    }

    /// <summary>
    /// UTF-16 or UTF-32 with a code unit that is no character (half of a surrogate pair, a number past U+10FFFF) is refused
    /// with its place, as bytes that are not UTF-8 are; it was read with U+FFFD in its place, another world than the file's.
    /// </summary>
    [Theory]
    [InlineData("utf-16LE", 42, "UTF-16")]
    [InlineData("utf-16BE", 42, "UTF-16")]
    [InlineData("utf-32LE", 84, "UTF-32")]
    public void A_world_file_in_UTF_16_or_UTF_32_that_holds_no_character_is_refused_with_its_place(string encoding, int offset, string name)
    {
        // Arrange: a login whose first unit is a lone high surrogate (UTF-32: the number 0x110000), after the mark
        var world = Path.GetTempFileName();
        using var cleanUp = new TemporaryFiles(world);
        var text = System.Text.Encoding.GetEncoding(encoding);
        byte[] bad = name == "UTF-16" ? (encoding.EndsWith("BE", StringComparison.Ordinal) ? [0xD8, 0x00] : [0x00, 0xD8]) : [0x00, 0x00, 0x11, 0x00];
        File.WriteAllBytes(world, [.. text.GetPreamble(), .. text.GetBytes("{\"users\":[{\"login\":\""), .. bad, .. text.GetBytes("x\",\"password\":\"y\"}]}")]);

        // Act
        var options = CommandLine.Parse(["--world", world], FakeRecorder.Epoch, out var error);

        // Assert
        options.ShouldBeNull();
        error.ShouldNotBeNull().ShouldContain($"it is not {name} text: the byte(s) at offset {offset} are no character");
    }

    /// <param name="tail">What follows the mark and the start of a login, as UTF-16LE bytes in hex.</param>
    /// <param name="offset">The offset of the first unit that is no character, or -1 where the file is read.</param>
    [Theory]
    [InlineData("3DD800DE78002200", -1)] // U+1F600 as its pair, then x": read
    [InlineData("00DC78002200", 42)] // a low half alone
    [InlineData("3DD8", 42)] // a high half at the end
    [InlineData("78", 42)] // a unit cut short
    public void A_UTF_16_world_file_is_read_up_to_its_first_unit_that_is_no_character(string tail, int offset)
    {
        var world = Path.GetTempFileName();
        using var cleanUp = new TemporaryFiles(world);
        var text = System.Text.Encoding.Unicode;
        var end = offset < 0 ? text.GetBytes(",\"password\":\"y\"}]}") : [];
        File.WriteAllBytes(world, [.. text.GetPreamble(), .. text.GetBytes("{\"users\":[{\"login\":\""), .. Convert.FromHexString(tail), .. end]);

        var options = CommandLine.Parse(["--world", world], FakeRecorder.Epoch, out var error);

        if (offset < 0)
        {
            error.ShouldBeNull();
            options!.World.Users.ShouldHaveSingleItem().Login.ShouldBe("\U0001F600x");
        }
        else
        {
            error.ShouldNotBeNull().ShouldContain($"it is not UTF-16 text: the byte(s) at offset {offset} are no character");
        }
    }

    [Fact]
    public void A_world_file_saved_in_another_encoding_without_a_mark_is_refused_with_where_it_stops_being_UTF_8()
    {
        // Arrange: Latin-1, as an old editor saves "Müller", without a byte-order mark
        var world = Path.GetTempFileName();
        using var cleanUp = new TemporaryFiles(world);
        File.WriteAllBytes(world, [.. "{\n \"users\":[{\"login\":\"M"u8, 0xFC, .. "ller\",\"password\":\"y\"}]}"u8]);

        // Act
        var options = CommandLine.Parse(["--world", world], FakeRecorder.Epoch, out var error);

        // Assert
        options.ShouldBeNull();
        error.ShouldNotBeNull().ShouldContain("it is not UTF-8 text: the byte at line 2, column 22 (offset 23) is not part of a UTF-8 character; save it as UTF-8");
    }

    /// <summary>GEN-3: an escape of half a surrogate pair in a file ended the process with an unhandled exception.</summary>
    [Theory]
    [InlineData("--world", """{"users":[{"login":"a","password":"b"}],"calls":[{"callingNumber":"\ud800","calledNumber":"1"}]}""", "not a valid world file: the escape \\ud800 at line 1, column 68 (offset 67) is half of a UTF-16 surrogate pair")]
    [InlineData("--world", """{"\ud800":1}""", "not a valid world file: the escape \\ud800 at line 1, column 3 (offset 2)")]
    [InlineData("--profile-file", """{"name":"\ud800"}""", "not valid JSON text: the escape \\ud800 at line 1, column 10 (offset 9)")]
    public void A_file_that_escapes_half_of_a_surrogate_pair_is_refused_with_its_place(string option, string json, string message)
    {
        var file = Path.GetTempFileName();
        using var cleanUp = new TemporaryFiles(file);
        File.WriteAllText(file, json);

        var options = CommandLine.Parse([option, file], FakeRecorder.Epoch, out var error);

        options.ShouldBeNull();
        error.ShouldNotBeNull().ShouldContain(message);
    }

    /// <summary>GEN-3: a byte that is not UTF-8 in a string of a profile file ended the process with an unhandled exception.</summary>
    [Fact]
    public void A_profile_file_with_a_byte_that_is_not_UTF_8_is_refused_with_its_place()
    {
        var profile = Path.GetTempFileName();
        using var cleanUp = new TemporaryFiles(profile);
        File.WriteAllBytes(profile, [.. "{\"name\":\""u8, 0xFF, .. "\"}"u8]);

        Error("--profile-file", profile).ShouldContain("not valid JSON text: it is not UTF-8 text: the byte at line 1, column 10 (offset 9) is not part of a UTF-8 character");
    }

    [Fact]
    public void A_profile_file_larger_than_any_profile_is_refused_without_reading_it_all()
    {
        var profile = Path.GetTempFileName();
        using var cleanUp = new TemporaryFiles(profile);
        File.WriteAllText(profile, "{\"name\": \"default\"" + new string(' ', 2 << 20) + "}");

        Error("--profile-file", profile).ShouldContain("larger than 1 MiB");
    }

    /// <summary>
    /// A named pipe no program writes to blocked the start for ever, with nothing said; it is now one line, as every other
    /// file the simulator cannot read, after a few seconds of waiting for a writer (a pipe a shell made with a writer opens at once).
    /// </summary>
    [Fact]
    public async Task A_named_pipe_nobody_writes_to_is_refused_in_a_few_seconds()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "named pipes by path are Unix's");
        var fifo = Path.Combine(Path.GetTempPath(), $"world-{Guid.NewGuid():N}.fifo");
        using var cleanUp = new TemporaryFiles(fifo);
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [fifo]))
        {
            mkfifo.WaitForExit();
            mkfifo.ExitCode.ShouldBe(0);
        }

        var cancel = TestContext.Current.CancellationToken;
        var parsing = Task.Run(() => Error("--world", fifo), cancel);
        var answered = await Task.WhenAny(parsing, Task.Delay(TimeSpan.FromSeconds(30), cancel)) == parsing;

        // A writer at last, so the open left waiting (the simulator's, or the start's without the bound) ends.
        var writer = Task.Run(() => new FileStream(fifo, FileMode.Open, FileAccess.Write).Dispose(), cancel);
        await Task.WhenAny(writer, Task.Delay(TimeSpan.FromSeconds(5), cancel));
        answered.ShouldBeTrue("the start waited for a writer that never came");
        (await parsing).ShouldContain($"{fifo}: cannot be read: nothing opened it for writing within 5 s");
    }

    /// <summary>
    /// A device or a pipe may give one byte first (/dev/urandom's length is 0): a first read of blanks decides nothing,
    /// and the reads after it are looked at until a byte does, so random bytes after a blank are refused at once.
    /// </summary>
    [Theory]
    [InlineData(new byte[] { (byte)' ' }, new byte[] { (byte)'x' }, false)]
    [InlineData(new byte[] { (byte)'\n', (byte)' ' }, new byte[] { (byte)'\t', (byte)'{' }, true)]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF, (byte)' ' }, new byte[] { 0xFF }, false)]
    [InlineData(new byte[] { 0xFF, 0xFE, (byte)' ', 0 }, new byte[] { (byte)'{', 0 }, true)]
    [InlineData(new byte[] { (byte)'{' }, new byte[] { 0xFF }, true)]
    public void The_opening_of_a_file_is_decided_by_its_first_byte_that_is_not_blank_in_whichever_read_it_comes(byte[] first, byte[] second, bool anObject)
    {
        var opening = new CommandLineWorld.Opening();

        var afterFirst = opening.Read(first);
        var afterSecond = opening.Read(second);

        afterSecond.ShouldBe(anObject);
        if (afterFirst is not null)
        {
            afterFirst.ShouldBe(anObject, "once decided, it stays");
        }
    }

    /// <summary>A world file over the bound (a sparse file here, so no disk is used) is refused from its length, unread.</summary>
    [Fact]
    public void A_world_file_larger_than_the_bound_is_refused_from_its_length_without_reading_it()
    {
        var world = Path.GetTempFileName();
        using var cleanUp = new TemporaryFiles(world);
        using (var file = new FileStream(world, FileMode.Create))
        {
            file.WriteByte((byte)'{');
            file.SetLength((1L << 30) + 1);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Error("--world", world);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        error.ShouldContain("larger than 1024 MiB");
        allocated.ShouldBeLessThan(64L << 20, "refused from its length: the gigabyte is never read into memory");
    }

    [Fact]
    public void A_world_file_in_UTF_16_with_its_byte_order_mark_is_still_read()
    {
        var world = Path.GetTempFileName();
        using var cleanUp = new TemporaryFiles(world);
        File.WriteAllText(world, "{\"users\":[{\"login\":\"M\u00fcller\",\"password\":\"y\"}]}", new System.Text.UnicodeEncoding(bigEndian: false, byteOrderMark: true));

        Parse("--world", world)!.World.Users.ShouldContain(u => u.Login == "M\u00fcller");
    }

    [Fact]
    public void The_seed_changes_the_generated_calls()
    {
        Parse("--seed", "1")!.World.Calls.ShouldNotBe(Parse("--seed", "2")!.World.Calls);
    }

    [Theory]
    [InlineData("Unrecognized command or argument '--colour'", "--colour")]
    [InlineData("Required argument missing for option: '--world'", "--world")]
    [InlineData("cannot be read", "--world", "/nonexistent/world.json")]
    [InlineData("--seed needs a whole number", "--seed", "many")]
    [InlineData("unknown profile 'fast'", "--profile", "fast")]
    [InlineData("--set needs SETTING=VALUE", "--set", "pausedParameter")]
    [InlineData("pausedParameter must be", "--set", "pausedParameter=sometimes")]
    [InlineData("maxActiveSessions must be", "--set", "maxActiveSessions=0")]
    [InlineData("maxActiveSessions must be a whole number from 1 to 100000", "--set", "maxActiveSessions=100001")]
    [InlineData("'notaurl' is not an address to listen on", "--urls", "notaurl")]
    [InlineData("has port 99999", "--urls", "http://127.0.0.1:99999")]
    [InlineData("has a port that is not a number", "--urls", "http://127.0.0.1:abc")]
    [InlineData("has a port that is not a number", "--urls", "http://127.0.0.1:95x0")]
    [InlineData("has a port that is not a number", "--urls", "http://[::1]:abc")]
    [InlineData("listens beyond this machine", "--urls", "http://0.0.0.0:9312")]
    [InlineData("--allow-remote", "--urls", "http://127.0.0.1:0;http://*:9312")]
    [InlineData("listens beyond this machine", "--urls", "http://recorder-sim:9312")]
    [InlineData("--control-token: needs a value of visible ASCII characters", "--control-token", "")]
    [InlineData("--control-token: needs a value of visible ASCII characters", "--control-token", "a\tb")]
    [InlineData("--control-token: needs a value of visible ASCII characters", "--control-token", "a b")]
    [InlineData("--control-token: needs a value of visible ASCII characters", "--control-token", "pw\u20AC")]
    [InlineData("--control-token: needs a value of visible ASCII characters", "--control-token", "\u00E9t\u00E9")]
    [InlineData("/dev/zero: not a JSON object", "--world", "/dev/zero")]
    [InlineData("/dev/zero: not a JSON object", "--profile-file", "/dev/zero")]
    public void Bad_usage_gets_an_error_that_says_what_is_accepted(string message, params string[] args)
    {
        Error(args).ShouldContain(message);
    }

    [Theory]
    [InlineData("http://127.0.0.1:0")]
    [InlineData("http://localhost:8080")]
    [InlineData("http://[::1]:0;https://127.0.0.2:0")]
    public void Loopback_addresses_need_no_permission(string urls)
    {
        Parse("--urls", urls)!.BeyondLoopback.ShouldBeFalse();
    }

    [Theory]
    [InlineData("--allow-remote")]
    [InlineData("--no-control")]
    [InlineData("--control-token", "t0k3n")]
    public void Listening_beyond_loopback_is_allowed_with_a_token_without_control_or_when_asked_for(params string[] options)
    {
        Parse(["--urls", "http://0.0.0.0:9312", .. options])!.BeyondLoopback.ShouldBeTrue();
    }

    [Fact]
    public void Help_is_no_error()
    {
        CommandLine.Parse(["--help"], FakeRecorder.Epoch, out var error).ShouldBeNull();
        error.ShouldBeNull();
    }

    [Fact]
    public void Given_twice_the_last_value_counts()
    {
        var options = Parse("--urls", "http://127.0.0.1:0", "--seed", "1", "--urls", "http://127.0.0.1:9312", "--seed", "2")!;

        options.Urls.ShouldBe("http://127.0.0.1:9312", "a script may append --urls to what a user gave");
        options.WorldSource.ShouldBe("default world (seed 2)");
    }

    [Fact]
    public void Profile_file_and_settings_apply_over_the_named_profile_whatever_their_order()
    {
        var profile = Path.GetTempFileName();
        using var cleanUp = new TemporaryFiles(profile);
        File.WriteAllText(profile, """{"invalidDirectionStatus":"400"}""");

        var options = Parse("--set", "unknownPathStatus=410", "--profile-file", profile, "--profile", "jaxrs-lenient")!;

        options.World.Profile.PausedParameter.ShouldBe(PausedParameterReading.JaxRsLenient);
        options.World.Profile.InvalidDirectionStatus.ShouldBe(400);
        options.World.Profile.UnknownPathStatus.ShouldBe(410);
    }

    private sealed class TemporaryFiles(params string[] paths) : IDisposable
    {
        public void Dispose()
        {
            foreach (var path in paths)
            {
                File.Delete(path);
            }
        }
    }
}
