package io.provstat.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.provstat.ingest.GsoTableParser.TableSpec;
import io.provstat.ingest.LineResult.Accepted;
import io.provstat.ingest.LineResult.Rejected;
import java.util.List;
import org.junit.jupiter.api.Test;

class GsoTableParserTest {

  private static final String HEADER = "\"Cities, provincies\";\"2007\";\"2015\";\"Prel. 2016\"";
  private final GsoTableParser parser = GsoTableParser.fromHeader("t.csv", 3, HEADER, ';',
      new TableSpec("retail_sales_services", "value", "bn_vnd", false), ParseOptions.defaults());

  @Test
  void recognisesTheHeader() {
    assertTrue(GsoTableParser.looksLikeHeader(HEADER, ';'));
    assertFalse(GsoTableParser.looksLikeHeader("\"Retail sales of goods\"", ';'));
    assertEquals(3, parser.years().size());
    assertTrue(parser.years().get(2).preliminary());
  }

  @Test
  void provinceRowsBecomeObservationsWithPreliminaryStatus() {
    Accepted a = assertInstanceOf(Accepted.class, parser.parse("\"Soc Trang\";9090.4;47265.1;56918.8"));
    assertEquals(3, a.observations().size());
    Figure prel = a.observations().get(2);
    assertEquals("94", prel.provinceCode());
    assertEquals(2016, prel.year());
    assertEquals("preliminary", prel.status().code());
    assertEquals(56918.8, prel.value());
    assertEquals("final", a.observations().get(0).status().code());
    assertTrue(a.aggregates().isEmpty());
  }

  @Test
  void countryAndRegionRowsBecomeAggregates() {
    Accepted a = assertInstanceOf(Accepted.class, parser.parse("\" WHOLE COUNTRY\";1;2;3"));
    assertEquals("VN", a.aggregates().get(0).scope());
    Accepted r = assertInstanceOf(Accepted.class, parser.parse("\"Mekong River Delta\";1;..;3"));
    assertEquals("MRD", r.aggregates().get(0).scope());
    assertEquals(2, r.aggregates().size());
    assertEquals(1, r.notAvailable());
  }

  @Test
  void notAvailableIsNotAnError() {
    Accepted a = assertInstanceOf(Accepted.class, parser.parse("\"Ha Tay\";24509.1;..;.."));
    assertEquals(1, a.observations().size());
    assertEquals("28", a.observations().get(0).provinceCode());
    assertEquals(2, a.notAvailable());
  }

  @Test
  void badLinesAreRejectedWhole() {
    Rejected unknown = assertInstanceOf(Rejected.class, parser.parse("\"Atlantis\";1;2;3"));
    assertEquals(QuarantineReason.UNKNOWN_PROVINCE, unknown.reason());
    assertEquals("unknown province or region 'Atlantis'", unknown.message());
    Rejected bad = assertInstanceOf(Rejected.class, parser.parse("\"Ha Noi\";1;x2;3"));
    assertEquals(QuarantineReason.UNPARSABLE_NUMBER, bad.reason());
    assertEquals("column 2015: 'x2' is not a number", bad.message());
    Rejected count = assertInstanceOf(Rejected.class, parser.parse("\"Ha Noi\";1;2"));
    assertEquals(QuarantineReason.WRONG_COLUMN_COUNT, count.reason());
    Rejected gone = assertInstanceOf(Rejected.class, parser.parse("\"Ha Tay\";1;2;.."));
    assertEquals(QuarantineReason.PROVINCE_NOT_IN_FORCE, gone.reason());
  }

  @Test
  void vietnameseTablesTrailingDelimitersAndUnicodeYearLabels() {
    String header = "\"Tỉnh, thành phố\";\"2015\";\"SƠ BỘ 2016\";";
    assertTrue(GsoTableParser.looksLikeHeader(header, ';'));
    GsoTableParser vietnamese = GsoTableParser.fromHeader("vi.csv", 3, header, ';',
        new TableSpec("retail_sales_services", "value", "bn_vnd", true), ParseOptions.defaults());
    assertEquals(2, vietnamese.years().size());
    assertTrue(vietnamese.years().get(1).preliminary());
    Accepted a = assertInstanceOf(Accepted.class, vietnamese.parse("\"Sóc Trăng\";47.265,1;56.918,8;"));
    assertEquals(47265.1, a.observations().get(0).value());
    assertEquals(56918.8, a.observations().get(1).value());
  }

  @Test
  void aHeaderCellThatIsNotAYearIsAnInputError() {
    InputException e = assertThrows(InputException.class, () -> GsoTableParser.fromHeader("t.csv", 3,
        "\"Cities, provincies\";\"2015\";\"Total\"", ';', new TableSpec("iip", "index_prev_year", "index", false),
        ParseOptions.defaults()));
    assertEquals("t.csv line 3: header cell 3 'Total' is neither a year (2015, Prel. 2016) nor a breakdown and a "
        + "year (Total 2015, Male Prel. 2016)", e.getMessage());
  }

  private static final TableSpec POPULATION = new TableSpec("population", "value", "thousand_persons", false);

  @Test
  void breakdownColumnsBecomeTheirIndicatorsAndAnUnknownBreakdownIsSkippedAndCounted() {
    String header = "\"Cities, provincies\";\"Total 2015\";\"Total Prel. 2016\";\"Female 2016\";\"Migrants 2016\"";
    assertTrue(GsoTableParser.looksLikeHeader(header, ';'));
    GsoTableParser p = GsoTableParser.fromHeader("pop.csv", 3, header, ';', POPULATION, ParseOptions.defaults());
    assertEquals(List.of("population", "population", "population_female"),
        p.years().stream().filter(y -> !y.skipped()).map(GsoTableParser.YearColumn::indicator).toList());
    assertTrue(p.years().get(1).preliminary());
    assertTrue(p.years().get(3).skipped());
    assertEquals(List.of("pop.csv line 3: skipped 1 column(s) of breakdown 'Migrants' (Migrants 2016 .. Migrants 2016), "
        + "which /io/provstat/ingest/gso_breakdowns.csv does not map for population; their cells are counted in "
        + "ingest_runs.values_skipped (add a row to keep them)"), p.skippedNotes("pop.csv"));
    assertEquals("population value (thousand_persons) by breakdown: Total=population, Female=population_female",
        p.description());

    // The skipped cell is not read, so even text there does not quarantine the line; it is counted.
    Accepted a = assertInstanceOf(Accepted.class, p.parse("\"Ha Noi\";7202.9;7328.4;3748.1;not a number"));
    assertEquals(1, a.skipped());
    assertEquals(List.of("population 2015 final 7202.9", "population 2016 preliminary 7328.4",
            "population_female 2016 final 3748.1"),
        a.observations().stream().map(f -> f.indicator() + " " + f.year() + " " + f.status().code() + " " + f.value())
            .toList());
    assertEquals("thousand_persons", a.observations().get(2).unit());
    // A bad cell of a kept breakdown names its column.
    Rejected bad = assertInstanceOf(Rejected.class, p.parse("\"Ha Noi\";7202.9;7328.4;x;1"));
    assertEquals("Female 2016", bad.field());
    assertEquals("column Female 2016: 'x' is not a number", bad.message());
  }

  @Test
  void aTableWhoseEveryColumnIsAnUnknownBreakdownIsAnInputError() {
    InputException e = assertThrows(InputException.class, () -> GsoTableParser.fromHeader("t.csv", 3,
        "\"Cities, provincies\";\"Area 2015\";\"Density 2015\"", ';', POPULATION, ParseOptions.defaults()));
    assertEquals("t.csv line 3: no header cell is a year or a breakdown of population listed in "
        + "/io/provstat/ingest/gso_breakdowns.csv (breakdowns found: Area, Density)", e.getMessage());
  }

  @Test
  void twoColumnsOfOneIndicatorAndYearAreAnInputError() {
    InputException e = assertThrows(InputException.class, () -> GsoTableParser.fromHeader("t.csv", 3,
        "\"Cities, provincies\";\"Total 2015\";\"Male 2015\";\"2015\"", ';', POPULATION, ParseOptions.defaults()));
    assertEquals("t.csv line 3: header cells 2 'Total 2015' and 4 '2015' are both population 2015", e.getMessage());
  }

  @Test
  void vietnameseBreakdownLabelsFoldLikeNames() {
    GsoTableParser p = GsoTableParser.fromHeader("vi.csv", 3,
        "\"Tỉnh, thành phố\";\"Tổng số 2015\";\"Nữ Sơ bộ 2016\";\"Nông thôn 2016\"", ';',
        new TableSpec("population", "value", "thousand_persons", true), ParseOptions.defaults());
    assertEquals(List.of("population", "population_female", "population_rural"),
        p.years().stream().map(GsoTableParser.YearColumn::indicator).toList());
    assertTrue(p.years().get(1).preliminary());
  }
}
