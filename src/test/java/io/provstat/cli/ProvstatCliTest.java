package io.provstat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.provstat.testing.SharedData;
import io.provstat.testing.SparkTestBase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user meets it: exit codes, one-line errors, help. */
class ProvstatCliTest extends SparkTestBase {

  @TempDir Path dir;

  private record Outcome(int code, String out, String err) {}

  private static Outcome run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Provstat.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new Outcome(code, out.toString(), err.toString());
  }

  @Test
  void helpOnEveryCommand() {
    Outcome top = run("--help");
    assertEquals(0, top.code());
    assertTrue(top.out().contains("ingest"), top.out());
    Outcome ingest = run("ingest", "--help");
    assertEquals(0, ingest.code());
    assertTrue(ingest.out().contains("--warehouse=DIR"), ingest.out());
    assertTrue(ingest.out().contains("--indicator=CODE"), ingest.out());
  }

  @Test
  void noCommandsHelpPrintsAWarning() {
    // picocli reports a bad help text (an unescaped '%' in a description) through its tracer on
    // System.err, not through the command line's error writer: capture both.
    java.io.PrintStream systemErr = System.err;
    java.io.ByteArrayOutputStream traced = new java.io.ByteArrayOutputStream();
    List<String> commands = Provstat.commandLine().getSubcommands().keySet()
        .stream().filter(c -> !c.equals("help")).toList();
    try {
      System.setErr(new java.io.PrintStream(traced, true, StandardCharsets.UTF_8));
      for (String command : commands) {
        Outcome help = run(command, "--help");
        assertEquals(0, help.code(), command + ": " + help.err());
        assertEquals("", help.err(), command);
        assertTrue(help.out().contains("Usage: provstat " + command), command + ": " + help.out());
      }
      Outcome top = run("--help");
      assertEquals("", top.err());
    } finally {
      System.setErr(systemErr);
    }
    assertEquals("", traced.toString(StandardCharsets.UTF_8));
    assertTrue(commands.containsAll(List.of("ingest", "analyze", "pipeline", "generate", "sql", "describe", "ddl")),
        commands.toString());
  }

  @Test
  void theToleranceHelpShowsItsPercentSign() {
    for (String command : List.of("analyze", "pipeline")) {
      String help = run(command, "--help").out().replaceAll("\\s+", " ");
      assertTrue(help.contains("within this many points of 100 % attainment"), help);
    }
  }

  @Test
  void analyzeAndPipelineCommands() {
    assertEquals(0, run("analyze", "--help").code());
    Outcome pipelineHelp = run("pipeline", "--help");
    assertEquals(0, pipelineHelp.code());
    assertTrue(pipelineHelp.out().contains("--boundaries=B") && pipelineHelp.out().contains("--input=PATH"),
        pipelineHelp.out());
    Outcome empty = run("analyze", "--warehouse", dir.resolve("nothing").toString());
    assertEquals(2, empty.code());
    assertTrue(empty.err().contains("no warehouse at " + dir.resolve("nothing")), empty.err());
    Outcome boundaries = run("pipeline", "--input", "x", "--warehouse", "w", "--boundaries", "2026");
    assertEquals(2, boundaries.code());
    assertTrue(boundaries.err().contains("unknown --boundaries '2026'"), boundaries.err());
    Outcome tolerance = run("analyze", "--warehouse", "w", "--tolerance", "-1");
    assertEquals(2, tolerance.code());
  }

  @Test
  void anUnknownCommandIsOneLineListingTheCommands() {
    Outcome foo = run("foo", "--warehouse", "w");
    assertEquals(2, foo.code());
    assertEquals("provstat: unknown command 'foo'; commands: ingest, analyze, pipeline, sql, describe, ddl, "
        + "generate (see 'provstat --help')", foo.err().strip());
    assertEquals("", foo.out());
  }

  @Test
  void aMistypedCommandSuggestsTheNearestOne() {
    for (String[] typo : new String[][] {{"analyse", "analyze"}, {"ingets", "ingest"}, {"pipelin", "pipeline"},
        {"genrate", "generate"}, {"SQL", "sql"}, {"desc", "describe"}}) {
      Outcome o = run(typo[0]);
      assertEquals(2, o.code(), typo[0]);
      assertEquals(1, o.err().strip().lines().count(), o.err());
      assertTrue(o.err().startsWith("provstat: unknown command '" + typo[0] + "'; did you mean '" + typo[1] + "'?; "
          + "commands: ingest,"), o.err());
    }
    // Nothing is suggested for a word near no command.
    assertTrue(!run("xyzzy").err().contains("did you mean"));
    // An unknown option is still picocli's own message, not an unknown command.
    assertTrue(run("--frobnicate").err().contains("Unknown option: '--frobnicate'"));
  }

  @Test
  void unknownOptionIsOneLineAndExitTwo() {
    Outcome o = run("ingest", "--input", "x", "--warehouse", "w", "--frobnicate");
    assertEquals(2, o.code());
    assertEquals(1, o.err().strip().lines().count(), o.err());
    assertTrue(o.err().contains("Unknown option: '--frobnicate'"), o.err());
  }

  @Test
  void badValuesAreOneLineAndExitTwo() {
    Outcome format = run("ingest", "--input", "x", "--warehouse", "w", "--format", "xlsx");
    assertEquals(2, format.code());
    assertTrue(format.err().contains("unknown --format 'xlsx'"), format.err());
    Outcome year = run("ingest", "--input", "x", "--warehouse", "w", "--min-year", "twenty");
    assertEquals(2, year.code());
    assertEquals(1, year.err().strip().lines().count(), year.err());
    Outcome province = run("ingest", "--format", "report", "x.txt", "--warehouse", "w", "--province", "99");
    assertEquals(2, province.code());
    assertTrue(province.err().contains("--province '99'"), province.err());
    Outcome reportYear = run("ingest", "x.txt", "--warehouse", "w", "--year", "1850");
    assertEquals(2, reportYear.code());
    assertTrue(reportYear.err().contains("--year 1850"), reportYear.err());
    Outcome noInput = run("ingest", "--warehouse", "w");
    assertEquals(2, noInput.code());
    assertTrue(noInput.err().contains("no input given"), noInput.err());
    Outcome vintage = run("ingest", "--input", "x", "--warehouse", "w", "--vintage", "10/01/2023");
    assertEquals(2, vintage.code());
    assertTrue(vintage.err().contains("--vintage '10/01/2023'"), vintage.err());
  }

  @Test
  void aMissingInputExitsTwoNamingIt() {
    Path missing = dir.resolve("no-such-file.csv");
    Outcome o = run("ingest", "--input", missing.toString(), "--warehouse", dir.resolve("w").toString());
    assertEquals(2, o.code());
    assertEquals("provstat ingest: error: input not found: " + missing, o.err().strip());
    assertTrue(!Files.exists(dir.resolve("w/observations")));
  }

  @Test
  void anUnknownIndicatorOrUnreadableFormatExitsTwo() throws Exception {
    Path odd = dir.resolve("odd.csv");
    Files.writeString(odd, "a,b,c\n1,2,3\n", StandardCharsets.UTF_8);
    Outcome format = run("ingest", "--input", odd.toString(), "--warehouse", dir.resolve("w").toString());
    assertEquals(2, format.code());
    assertTrue(format.err().contains("cannot read odd.csv"), format.err());
    Outcome indicator = run("ingest", "--input", odd.toString(), "--warehouse", dir.resolve("w").toString(),
        "--indicator", "export_wine");
    assertEquals(2, indicator.code());
    assertTrue(indicator.err().contains("unknown indicator 'export_wine'"), indicator.err());
  }

  @Test
  void emptyFilesAreSkippedHiddenNamesRefusedAndSharedNamesKeptApart() throws Exception {
    Path a = dir.resolve("a/2022");
    Path b = dir.resolve("b/2022");
    Files.createDirectories(a);
    Files.createDirectories(b);
    String header = "province_name,year,indicator,measure,value\n";
    Files.writeString(a.resolve("x.csv"), header + "Sóc Trăng,2022,export_value,value,1500\n");
    Files.writeString(b.resolve("x.csv"), header + "Nghệ An,2022,export_value,value,1200\n");
    Files.writeString(b.resolve("empty.csv"), "");
    Outcome o = run("ingest", "--input", a.toString(), b.toString(), "--warehouse", dir.resolve("w").toString());
    assertEquals(0, o.code(), o.err());
    assertTrue(o.err().contains("skipped 2022/empty.csv (empty)"), o.err());
    assertTrue(o.out().contains(a.resolve("x.csv").toString()), o.out());
    assertTrue(o.out().contains(b.resolve("x.csv").toString()), o.out());

    Path hidden = dir.resolve("_draft.csv");
    Files.writeString(hidden, header);
    Outcome refused = run("ingest", "--input", hidden.toString(), "--warehouse", dir.resolve("w").toString());
    assertEquals(2, refused.code());
    assertTrue(refused.err().contains("hidden name"), refused.err());
  }

  @Test
  void aSparkMasterThatCannotStartIsAUsageError() throws Exception {
    // The shared test session is stopped for this: a session must be created from the options.
    stopSpark();
    try {
      Path input = dir.resolve("x.csv");
      Files.writeString(input, "province_name,year,indicator,measure,value\n");
      Outcome o = run("ingest", "--input", input.toString(), "--warehouse", dir.resolve("w").toString(), "--master",
          "bogus://nowhere");
      assertEquals(2, o.code(), o.err());
      assertEquals(1, o.err().strip().lines().count(), o.err());
      assertTrue(o.err().contains("cannot start Spark"), o.err());
    } finally {
      startSpark();
    }
  }

  @Test
  void quarantinedRowsExitZeroWithAWarningAndASummaryPerFile() throws Exception {
    Path input = dir.resolve("rows.csv");
    Files.writeString(input, String.join("\n",
        "province_name,year,indicator,measure,value",
        "Sóc Trăng,2022,export_value,value,1500",
        "Atlantis,2022,export_value,value,1",
        ""), StandardCharsets.UTF_8);
    Outcome o = run("ingest", "--input", input.toString(), "--warehouse", dir.resolve("w").toString());
    assertEquals(0, o.code(), o.err());
    assertTrue(o.out().lines().anyMatch(l -> l.matches("\\s+rows\\.csv\\s+tidy-csv\\s+2\\s+1\\s+1\\s+0")), o.out());
    assertTrue(o.err().contains("warning: 1 line(s) quarantined"), o.err());
  }

  @Test
  void theLauncherPassesTheSameJavaFlagsAsTheBuild() throws Exception {
    Path project = SharedData.project();
    List<String> launcher = Files.readAllLines(project.resolve("jobs/conf/java17-flags")).stream()
        .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    String pom = Files.readString(project.resolve("pom.xml"));
    String property = pom.substring(pom.indexOf("<spark.java17.flags>") + "<spark.java17.flags>".length(),
        pom.indexOf("</spark.java17.flags>"));
    assertEquals(List.of(property.strip().split("\\s+")), launcher);
  }
}
