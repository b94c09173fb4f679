package io.provstat.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.provstat.ingest.LineResult.Accepted;
import io.provstat.ingest.LineResult.Rejected;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TidyCsvParserTest {

  private static final String HEADER =
      "province_code,province_name,year,period,indicator,measure,value,value_text,unit,status,vintage,scope,notes";

  private final List<String> ignored = new ArrayList<>();
  private final TidyCsvParser parser =
      TidyCsvParser.fromHeader("t.csv", 1, HEADER, ',', ParseOptions.defaults(), ignored);

  private Figure accept(String line) {
    LineResult result = parser.parse(line);
    if (result instanceof Rejected r) {
      throw new AssertionError("rejected: " + r);
    }
    return ((Accepted) result).observations().get(0);
  }

  private Rejected reject(String line) {
    return assertInstanceOf(Rejected.class, parser.parse(line));
  }

  @Test
  void acceptsAFullRowAndFillsDefaults() {
    Figure f = accept("94,Sóc Trăng,2022,,export_value,value,1500,,mn_usd,estimate,2023-01-10,,keyed");
    assertEquals("94", f.provinceCode());
    assertEquals("Sóc Trăng", f.provinceName());
    assertEquals("MRD", f.regionCode());
    assertEquals("Y", f.period());
    assertEquals(1500.0, f.value());
    assertEquals("mn_usd", f.unit());
    assertEquals("estimate", f.status().code());
    assertEquals("2023-01-10", f.vintage());
    assertEquals(List.of("notes"), ignored);

    Figure byName = accept(",Tỉnh Nghệ An,2020,ytd6,retail_sales_services,value,68461,,,,,,");
    assertEquals("40", byName.provinceCode());
    assertEquals("YTD06", byName.period());
    assertEquals("bn_vnd", byName.unit());
    assertEquals("final", byName.status().code());
  }

  @Test
  void valueTextFollowsVietnameseConventionsAndUnits() {
    Figure f = accept("94,,2017,Y,industrial_output_value,value,,27.236 tỷ đồng,,,,,");
    assertEquals(27236.0, f.value());
    assertEquals("bn_vnd", f.unit());
    Figure usd = accept("94,,2022,Y,export_value,value,,\"1,5 tỷ USD\",mn_usd,,,,");
    assertEquals(1500.0, usd.value());
    Figure pct = accept("94,,2017,Y,industrial_output_value,plan_attainment_pct,,\"100,87%\",,,,,");
    assertEquals(100.87, pct.value());
  }

  @Test
  void reportedRankDefaultsItsScopeToTheRegion() {
    assertEquals("MRD", accept("94,,2022,Y,export_value,reported_rank,5,,rank,,,,").scope());
    assertEquals("VN", accept("94,,2022,Y,export_value,reported_rank,12,,rank,,,VN,").scope());
    // On any other measure a scope would split one figure in two: it is not kept.
    assertEquals(null, accept("94,,2022,Y,export_value,value,12,,,,,MRD,").scope());
  }

  @Test
  void eachKindOfBadRowIsRejectedWithItsReasonNamingTheValue() {
    Rejected r = reject("94,Sóc Trăng,2022");
    assertEquals(QuarantineReason.WRONG_COLUMN_COUNT, r.reason());
    assertEquals("expected 13 fields as in the header, found 3", r.message());

    r = reject("99,,2022,Y,export_value,value,1,,,,,,");
    assertEquals(QuarantineReason.UNKNOWN_PROVINCE, r.reason());
    assertEquals("unknown province code '99'", r.message());

    r = reject(",Sóc Trăg,2022,Y,export_value,value,1,,,,,,");
    assertEquals(QuarantineReason.UNKNOWN_PROVINCE, r.reason());
    assertEquals("unknown province 'Sóc Trăg'", r.message());

    r = reject("40,Sóc Trăng,2022,Y,export_value,value,1,,,,,,");
    assertEquals(QuarantineReason.UNKNOWN_PROVINCE, r.reason());
    assertTrue(r.message().contains("Nghệ An"), r.message());

    r = reject("94,,2022,Y,export_value,value,12x,,,,,,");
    assertEquals(QuarantineReason.UNPARSABLE_NUMBER, r.reason());
    assertEquals("value '12x' is not a number", r.message());

    r = reject("94,,2022,Y,export_value,value,,\"12 tấn\",,,,,");
    assertEquals(QuarantineReason.UNPARSABLE_NUMBER, r.reason());

    r = reject("94,,2022,Y,export_valu,value,1,,,,,,");
    assertEquals(QuarantineReason.UNKNOWN_INDICATOR, r.reason());
    assertEquals("unknown indicator 'export_valu'", r.message());

    r = reject("94,,1890,Y,export_value,value,1,,,,,,");
    assertEquals(QuarantineReason.YEAR_OUT_OF_RANGE, r.reason());
    assertEquals("year 1890 is outside 1990..2050", r.message());

    r = reject("94,,20x2,Y,export_value,value,1,,,,,,");
    assertEquals(QuarantineReason.UNPARSABLE_NUMBER, r.reason());

    r = reject("94,,2022,Y,,value,1,,,,,,");
    assertEquals(QuarantineReason.MISSING_FIELD, r.reason());
    assertEquals("indicator", r.field());

    r = reject("94,,2022,Y,export_value,value,,,,,,,");
    assertEquals(QuarantineReason.MISSING_FIELD, r.reason());

    r = reject(",,2022,Y,export_value,value,1,,,,,,");
    assertEquals(QuarantineReason.MISSING_FIELD, r.reason());

    r = reject("94,,2022,Y,export_value,value,1,,bn_vnd,,,,");
    assertEquals(QuarantineReason.UNIT_MISMATCH, r.reason());
    assertEquals("export_value value is stated in mn_usd, not bn_vnd", r.message());

    r = reject("94,,2022,Y,export_value,value,,1 tỷ đồng,,,,,");
    assertEquals(QuarantineReason.UNIT_MISMATCH, r.reason());

    r = reject("94,,2022,H1,export_value,value,1,,,,,,");
    assertEquals(QuarantineReason.BAD_VALUE, r.reason());
    assertEquals("unknown period 'H1'", r.message());

    r = reject("94,,2022,Y,export_value,valeu,1,,,,,,");
    assertEquals(QuarantineReason.BAD_VALUE, r.reason());

    r = reject("94,,2022,Y,export_value,value,1,,,guess,,,");
    assertEquals(QuarantineReason.BAD_VALUE, r.reason());

    r = reject("94,,2022,Y,export_value,value,1,,,,10/01/2023,,");
    assertEquals(QuarantineReason.BAD_VALUE, r.reason());

    r = reject("94,,2022,Y,export_value,value,-3,,,,,,");
    assertEquals(QuarantineReason.BAD_VALUE, r.reason());

    r = reject("94,,2022,Y,export_value,reported_rank,2.5,,,,,,");
    assertEquals(QuarantineReason.BAD_VALUE, r.reason());

    r = reject("94,,2022,Y,export_value,reported_rank,2,,,,,XX,");
    assertEquals(QuarantineReason.BAD_VALUE, r.reason());

    r = reject("94,,2022,Y,export_value,value,\"1,,,,,,");
    assertEquals(QuarantineReason.MALFORMED_LINE, r.reason());

    r = reject("28,,2010,Y,retail_sales_services,value,1,,,,,,");
    assertEquals(QuarantineReason.PROVINCE_NOT_IN_FORCE, r.reason());
    assertEquals("Hà Tây ceased to be a province after 2007, so has no figure for 2010", r.message());
  }

  @Test
  void growthRatesMayBeNegative() {
    assertEquals(-39.39, accept("94,,2017,Y,import_value,yoy_growth_pct,-39.39,,pct,,,,").value());
  }

  @Test
  void headerWithoutRequiredColumnsIsAnInputError() {
    InputException e = assertThrows(InputException.class, () -> TidyCsvParser.fromHeader("x.csv", 3,
        "province,year,indicator,measure", ',', ParseOptions.defaults(), new ArrayList<>()));
    assertEquals("x.csv line 3: tidy CSV header lacks value or value_text (header: province,year,indicator,measure)",
        e.getMessage());
  }

  @Test
  void commentsAndBlankLinesAreNotData() {
    assertTrue(parser.isSkippable("# note"));
    assertTrue(parser.isSkippable("   "));
  }
}
