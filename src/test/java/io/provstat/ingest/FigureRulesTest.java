package io.provstat.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.provstat.ingest.GsoTableParser.TableSpec;
import io.provstat.ingest.LineResult.Rejected;
import io.provstat.ingest.LineResult.Stated;
import io.provstat.ingest.ReportParser.ReportBytes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The rule set ({@link FigureRules}) is the only judge of a figure: the same bad figure read from a
 * tidy CSV line, a GSO table cell and a report's sentence is refused with the same reason code and
 * the same message; only the place the format names (a GSO year column, a report's quote) differs.
 */
class FigureRulesTest {

  private static final TableSpec EXPORTS = new TableSpec("export_value", "value", "mn_usd", false);

  /** A refusal as every format files it: the reason code, the field, and the message after the format's place. */
  private record Refusal(String reasonCode, String message) {}

  private static Refusal tidy(String line, ParseOptions options) {
    TidyCsvParser parser = TidyCsvParser.fromHeader("t.csv", 1, "province_code,year,indicator,measure,value", ',',
        options, new ArrayList<>());
    Rejected r = assertInstanceOf(Rejected.class, parser.parse(line));
    return new Refusal(r.reason().code(), r.message());
  }

  private static Refusal gso(int year, String row, ParseOptions options) {
    GsoTableParser parser = GsoTableParser.fromHeader("g.csv", 2, "Cities, provincies;" + year, ';', EXPORTS, options);
    Rejected r = assertInstanceOf(Rejected.class, parser.parse(row));
    String place = "column " + year + ": ";
    assertEquals(String.valueOf(year), r.field());
    assertTrue(r.message().startsWith(place), r.message());
    return new Refusal(r.reason().code(), r.message().substring(place.length()));
  }

  private static Refusal report(String text, ParseOptions options) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    List<ParsedLine> lines = new ReportParser(options).parse("r.txt", new ReportBytes(bytes, bytes.length), false);
    List<Rejected> refused = lines.stream().map(ParsedLine::result).filter(Stated.class::isInstance)
        .flatMap(r -> ((Stated) r).refused().stream()).toList();
    assertEquals(1, refused.size(), lines.toString());
    String reason = refused.get(0).message();
    // The report's place: "figure '<quote>' (characters a-b): ".
    int place = reason.indexOf("): ");
    assertTrue(reason.startsWith("figure '") && place > 0, reason);
    return new Refusal(refused.get(0).reason().code(), reason.substring(place + 3));
  }

  private static String expected(String ruleName, String message) {
    return FigureRules.rule(ruleName).reason().code() + ": " + message;
  }

  private static String seen(Refusal r) {
    return r.reasonCode() + ": " + r.message();
  }

  @Test
  void aYearOutsideTheRunIsRefusedAlikeInEveryFormat() {
    ParseOptions upTo2020 = new ParseOptions(1990, 2020, null, "94", null);
    String want = expected("year_in_run_range", "year 2022 is outside 1990..2020");
    assertEquals(want, seen(tidy("94,2022,export_value,value,900", upTo2020)));
    assertEquals(want, seen(report("Sở Công Thương tỉnh Sóc Trăng\nNăm 2022, kim ngạch xuất khẩu ước đạt 900 triệu USD.\n",
        upTo2020)));
    // In a GSO table the year is a column: the whole column, so the file, is refused, with the rule's message.
    InputException header = assertThrows(InputException.class, () -> gso(2022, "Sóc Trăng;900", upTo2020));
    assertTrue(header.getMessage().contains(": header: year 2022 is outside 1990..2020"), header.getMessage());
  }

  @Test
  void aProvinceNotInForceIsRefusedAlikeInEveryFormat() {
    // Hà Tây (28) was merged into Hà Nội in 2008.
    ParseOptions haTay = new ParseOptions(1990, 2050, null, "28", null);
    String want = expected("province_in_force", "Hà Tây ceased to be a province after 2007, so has no figure for 2010");
    assertEquals(want, seen(tidy("28,2010,export_value,value,900", haTay)));
    assertEquals(want, seen(gso(2010, "Hà Tây;900", haTay)));
    assertEquals(want, seen(report("Báo cáo của Sở Công Thương\nNăm 2010, kim ngạch xuất khẩu ước đạt 900 triệu USD.\n",
        haTay)));
  }

  @Test
  void anImplausibleMagnitudeIsRefusedAlikeInEveryFormat() {
    ParseOptions soc = new ParseOptions(1990, 2050, null, "94", null);
    String want = expected("magnitude_within_unit", "value 1.0E27 mn_usd is beyond what a figure in mn_usd can be "
        + "(at most 1.0E7; see /io/provstat/reference/units.csv)");
    assertEquals(want, seen(tidy("94,2022,export_value,value,1e27", soc)));
    assertEquals(want, seen(gso(2022, "Sóc Trăng;1e27", soc)));
    assertEquals(want, seen(report("Sở Công Thương tỉnh Sóc Trăng\n"
        + "Năm 2022, kim ngạch xuất khẩu ước đạt 1.000.000.000.000.000.000.000.000.000 triệu USD.\n", soc)));
  }

  @Test
  void aNegativeLevelIsRefusedAlikeInTheTableFormats() {
    String want = expected("level_not_negative", "a level cannot be negative: -5.0");
    assertEquals(want, seen(tidy("94,2021,export_value,value,-5", ParseOptions.defaults())));
    assertEquals(want, seen(gso(2021, "Sóc Trăng;-5", ParseOptions.defaults())));
  }

  @Test
  void everyRuleIsDeclaredOnceWithAllItsParts() {
    Set<String> names = new HashSet<>();
    for (FigureRules.Rule rule : FigureRules.RULES) {
      assertTrue(names.add(rule.name()), "rule " + rule.name() + " declared twice");
      assertTrue(rule.name().matches("[a-z_]+") && rule.reason() != null && rule.field() != null
          && !rule.template().isBlank() && rule.severity() != null, rule.toString());
    }
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> FigureRules.rule("nope"));
    assertEquals("no figure rule named 'nope'", unknown.getMessage());
  }
}
