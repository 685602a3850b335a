using System.Net;
using System.Text;
using PauseResume.Simulator.Tests.Support;
using static PauseResume.Simulator.Tests.Support.TestWorlds;

namespace PauseResume.Simulator.Tests.Http;

/// <summary>
/// A form is read alike whatever its charset or kind, as a servlet reads it: the simulator's own reading, never a
/// framework's that matches names in any case, finds separators inside other characters' bytes or counts empty
/// pieces (PSE-2, SES-1); and no form makes it answer 5xx (GEN-3).
/// </summary>
public sealed class FormBodyTests
{
    private const string PausedState = $"{LegacyClient.CouplesPath}/24197/pausedState";

    private static async Task<(FakeRecorder Recorder, LegacyClient Admin)> AdminAsync(params string[] settings)
    {
        var recorder = await FakeRecorder.StartAsync(Small(Profiles.With(settings)), TestContext.Current.CancellationToken);
        var admin = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", recorder.Recorder.Users().Single(u => u.Login == "admin").Password);
        return (recorder, admin);
    }

    private static bool Paused(FakeRecorder recorder) => recorder.Recorder.Couples().Single(c => c.Couple.Id == AgentsCouple).Paused;

    private static ByteArrayContent Form(byte[] body, string charset)
    {
        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", $"application/x-www-form-urlencoded; charset={charset}");
        return content;
    }

    private static ByteArrayContent Multipart(params (string Name, string Value, string? Charset)[] parts)
    {
        var body = string.Concat(parts.Select(part =>
            $"--XX\r\nContent-Disposition: form-data; name=\"{part.Name}\"\r\n{(part.Charset is null ? string.Empty : $"Content-Type: text/plain; charset={part.Charset}\r\n")}\r\n{part.Value}\r\n"));
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body + "--XX--\r\n"));
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=XX");
        return content;
    }

    [Theory]
    [InlineData("utf-7")]
    [InlineData("UNICODE-1-1-UTF-7")]
    [InlineData("bogus")]
    public async Task GEN_3_A_multipart_part_in_a_charset_no_server_decodes_is_refused_with_400_not_500(string charset)
    {
        var (recorder, admin) = await AdminAsync();
        await using var owned = recorder;
        var client = new LegacyClient(recorder.CreateClient());

        var pause = await admin.SendAsync(HttpMethod.Post, PausedState, Multipart(("paused", "true", charset)));
        var login = await client.SendAsync(HttpMethod.Post, "/callrec/loginAction.do", Multipart(("login", "admin", charset), ("password", "admin", null)));

        pause.StatusCode.ShouldBe(HttpStatusCode.BadRequest, "GEN-3: a part's charset is the client's mistake, not the server's");
        (await pause.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain(charset);
        login.StatusCode.ShouldBe(HttpStatusCode.OK, "SES-3: the login page, as for a form in that charset: a login that does not work");
        (await client.ListAsync()).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "SES-1: nobody logged in");
        Paused(recorder).ShouldBeFalse("nothing changes");
        recorder.Log.Lines.ShouldContain(line => line.Contains(PausedState, StringComparison.Ordinal) && line.Contains("400", StringComparison.Ordinal), "the refusal is in the request log");
    }

    [Theory]
    [InlineData("strict", "PAUSED", "x")]
    [InlineData("strict", "Paused", "false")]
    [InlineData("jaxrs-lenient", "PAUSED", "x")]
    [InlineData("jaxrs-lenient", "Paused", "false")]
    public async Task PSE_2_A_multipart_form_matches_paused_by_its_exact_name(string reading, string other, string value)
    {
        var (recorder, admin) = await AdminAsync($"pausedParameter={reading}");
        await using var owned = recorder;

        var response = await admin.SendAsync(HttpMethod.Post, PausedState, Multipart((other, value, null), ("paused", "true", null)));

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent, $"PSE-2: '{other}' is no 'paused' ({reading})");
        Paused(recorder).ShouldBeTrue("the pause asked for is the one taken");
    }

    [Theory]
    [InlineData("FORM-DATA")]
    [InlineData("Form-Data")]
    public async Task PSE_2_A_multipart_fields_disposition_is_read_in_any_case(string type)
    {
        var (recorder, admin) = await AdminAsync();
        await using var owned = recorder;
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes($"--XX\r\nContent-Disposition: {type}; name=\"paused\"\r\n\r\ntrue\r\n--XX--\r\n"));
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=XX");

        var response = await admin.SendAsync(HttpMethod.Post, PausedState, content);

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent, $"PSE-2: a '{type}' part named paused (RFC 6266: the type in any case)");
        Paused(recorder).ShouldBeTrue();
    }

    [Fact]
    public async Task PSE_2_A_file_part_of_any_size_beside_paused_is_no_parameter()
    {
        var (recorder, admin) = await AdminAsync();
        await using var owned = recorder;
        var body = $"--XX\r\nContent-Disposition: form-data; name=\"note\"; filename=\"a.txt\"\r\n\r\n{new string('x', 300_000)}\r\n"
            + "--XX\r\nContent-Disposition: form-data; name=\"paused\"\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\uFEFFtrue\r\n--XX--\r\n";
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=XX");

        var response = await admin.SendAsync(HttpMethod.Post, PausedState, content);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, "PSE-2: the file is skipped; a UTF-8 mark is part of the value, as in a form-encoded body, so '\uFEFFtrue' is no boolean");
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("paused");
        Paused(recorder).ShouldBeFalse();
    }

    /// <summary>
    /// GEN-3: every part counts against the form's 256 values, a part that is no field too: a body of a hundred thousand
    /// empty parts (no login needed to send it) is refused at the 257th, not read to its end.
    /// </summary>
    [Theory]
    [InlineData("\r\n")] // no headers at all
    [InlineData("Content-Disposition: form-data; name=\"f\"; filename=\"f.txt\"\r\n")]
    public async Task GEN_3_A_multipart_form_of_more_parts_than_values_allowed_is_refused_whatever_the_parts_are(string headers)
    {
        var (recorder, admin) = await AdminAsync();
        await using var owned = recorder;
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat($"--XX\r\n{headers}\r\n\r\n", 256)) + "--XX\r\nContent-Disposition: form-data; name=\"paused\"\r\n\r\ntrue\r\n--XX--\r\n"));
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=XX");

        var response = await admin.SendAsync(HttpMethod.Post, PausedState, content);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, "GEN-3: the 257th part is past the form's limit");
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("over 256 fields");
        Paused(recorder).ShouldBeFalse("nothing changes");
    }

    [Fact]
    public async Task SES_1_A_multipart_part_with_an_empty_file_name_is_a_file_not_a_field()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var client = new LegacyClient(recorder.CreateClient());
        var password = recorder.Recorder.Users().Single(u => u.Login == "admin").Password;
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(
            $"--XX\r\nContent-Disposition: form-data; name=\"login\"\r\n\r\nadmin\r\n--XX\r\nContent-Disposition: form-data; name=\"password\"; filename=\"\"\r\n\r\n{password}\r\n--XX--\r\n"));
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=XX");

        await client.SendAsync(HttpMethod.Post, "/callrec/loginAction.do", content);
        var list = await client.ListAsync();

        list.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "SES-1: an empty file input named password is a file part, as a servlet reads it, so the login has no password");
    }

    [Fact]
    public async Task SES_1_A_multipart_login_matches_its_fields_by_their_exact_names()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var client = new LegacyClient(recorder.CreateClient());
        var password = recorder.Recorder.Users().Single(u => u.Login == "admin").Password;

        await client.SendAsync(HttpMethod.Post, "/callrec/loginAction.do", Multipart(("LOGIN", "nobody", null), ("login", "admin", null), ("password", password, null)));
        var list = await client.ListAsync();

        list.StatusCode.ShouldBe(HttpStatusCode.OK, "SES-1: 'LOGIN' is no 'login'; the login took");
    }

    /// <summary>
    /// In UTF-16 and UTF-32 the bytes of '&amp;' (26 00) can stand across two characters (☀ U+2600 then 一 U+4E00 is
    /// 00 26 00 4E): a reader that splits the bytes sees a separator there, the simulator splits the text.
    /// </summary>
    [Theory]
    [InlineData("utf-16LE", "x=☀一", 600)]
    [InlineData("utf-16BE", "x=一☀", 600)]
    [InlineData("utf-32LE", "x=☀☀", 300)]
    [InlineData("utf-16LE", "x=", 40_000)]
    public async Task PSE_2_A_wide_charset_form_is_split_in_its_text_not_its_bytes(string charset, string start, int padding)
    {
        var (recorder, admin) = await AdminAsync();
        await using var owned = recorder;
        var body = Encoding.GetEncoding(charset).GetBytes(start + new string('v', padding) + "&paused=true");

        var response = await admin.SendAsync(HttpMethod.Post, PausedState, Form(body, charset));

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent, $"PSE-2: a well-formed {charset} form with paused=true");
        Paused(recorder).ShouldBeTrue();
    }

    [Theory]
    [InlineData("utf-8")]
    [InlineData("iso-8859-1")]
    [InlineData("utf-16LE")]
    [InlineData("utf-32LE")]
    public async Task PSE_2_Empty_pieces_count_for_no_pair_in_any_charset(string charset)
    {
        var (recorder, admin) = await AdminAsync();
        await using var owned = recorder;
        var body = Encoding.GetEncoding(charset).GetBytes("paused=true" + new string('&', 300));

        var response = await admin.SendAsync(HttpMethod.Post, PausedState, Form(body, charset));

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent, $"PSE-2: one pair and 300 empty pieces in {charset}, as in UTF-8");
        Paused(recorder).ShouldBeTrue();
    }

    [Theory]
    [InlineData("utf-8")]
    [InlineData("iso-8859-1")]
    [InlineData("utf-16LE")]
    public async Task GEN_3_More_pairs_than_the_limit_are_refused_in_any_charset(string charset)
    {
        var (recorder, admin) = await AdminAsync();
        await using var owned = recorder;
        var body = Encoding.GetEncoding(charset).GetBytes(string.Concat(Enumerable.Repeat("a=1&", 300)) + "paused=true");

        var response = await admin.SendAsync(HttpMethod.Post, PausedState, Form(body, charset));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, $"GEN-3: 301 pairs in {charset}");
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("it has over 256 fields");
        Paused(recorder).ShouldBeFalse();
    }

    /// <summary>
    /// <c>utf-16</c> and <c>utf-32</c> without a byte order are read as Java reads them: in the order a byte-order mark
    /// names, big-endian without one; with a byte order named, a mark is a character (of the first name).
    /// </summary>
    [Theory]
    [InlineData("utf-16", "FEFF", true, true)]
    [InlineData("utf-16", "", true, true)]
    [InlineData("utf-16", "FFFE", false, true)]
    [InlineData("utf-16", "", false, false)]
    [InlineData("UTF16", "FEFF", true, true)]
    [InlineData("utf-32", "0000FEFF", true, true)]
    [InlineData("utf-32", "", true, true)]
    [InlineData("utf-32", "FFFE0000", false, true)]
    [InlineData("utf-16LE", "FFFE", false, false)]
    [InlineData("utf-16LE", "", false, true)]
    public async Task PSE_2_A_UTF_16_or_UTF_32_form_is_read_in_the_byte_order_Java_reads_it(string charset, string mark, bool bigEndian, bool pauses)
    {
        var (recorder, admin) = await AdminAsync();
        await using var owned = recorder;
        var wide = charset.Contains("32", StringComparison.Ordinal);
        Encoding order = wide ? new UTF32Encoding(bigEndian, byteOrderMark: false) : new UnicodeEncoding(bigEndian, byteOrderMark: false);
        var body = Convert.FromHexString(mark).Concat(order.GetBytes("paused=true")).ToArray();

        var response = await admin.SendAsync(HttpMethod.Post, PausedState, Form(body, charset));

        response.StatusCode.ShouldBe(pauses ? HttpStatusCode.NoContent : HttpStatusCode.BadRequest, $"PSE-2: {charset}, mark '{mark}', {(bigEndian ? "big" : "little")}-endian");
        Paused(recorder).ShouldBe(pauses);
    }
}
