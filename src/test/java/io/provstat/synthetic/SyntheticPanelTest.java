package io.provstat.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.provstat.reference.Indicator;
import io.provstat.reference.ReferenceData;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The generator's invariants, on the small scales (no Spark: the panel is a pure function). */
class SyntheticPanelTest {

  private static List<Observation> all(SyntheticPanel panel) {
    List<Observation> rows = new ArrayList<>();
    for (int key : panel.presentKeys()) {
      panel.generate(key, rows::add);
    }
    return rows;
  }

  /** The published figures: revision rows are superseded by the row that follows them. */
  private static List<Observation> published(SyntheticPanel panel) {
    return all(panel).stream().filter(o -> !o.revision()).toList();
  }

  private static String key(Observation o, String indicator, String period) {
    return o.provinceCode() + "|" + o.year() + "|" + period + "|" + indicator + "|" + o.measure();
  }

  @Test
  void rowCountIsKnownUpFrontAndDoesNotDependOnTheSeed() {
    for (int level : List.of(0, 3, 4)) {
      SyntheticPanel panel = new SyntheticPanel(7, Scale.of(level));
      List<Observation> rows = all(panel);
      long published = rows.stream().filter(o -> !o.revision()).count();
      assertEquals(panel.rowCount(), published, "scale " + level);
      assertEquals(panel.csvLineCount(), rows.size(), "scale " + level);
      assertTrue(panel.csvLineCount() > panel.rowCount(), "some figures are revised at scale " + level);
      long byYear = 0;
      for (int y = panel.scale().fromYear(); y <= panel.scale().toYear(); y++) {
        byYear += panel.rowCount(y);
      }
      assertEquals(panel.rowCount(), byYear);
      assertEquals(panel.rowCount(), new SyntheticPanel(8, Scale.of(level)).rowCount());
    }
    // The large scales are about 10^level rows (counted, not generated: that is what the count is for).
    for (int level : List.of(5, 6, 7, 8)) {
      long rows = new SyntheticPanel(42, Scale.of(level)).rowCount();
      assertTrue(rows > 0.95 * Math.pow(10, level) && rows < 1.05 * Math.pow(10, level), level + ": " + rows);
    }
  }

  @Test
  void everyCurrentProvinceAndCatalogueIndicatorAppearsAndAFewProvinceYearsAreMissing() {
    SyntheticPanel panel = new SyntheticPanel(7, Scale.of(0));
    List<Observation> rows = published(panel);
    Set<String> provinces = new TreeSet<>();
    Set<String> indicators = new HashSet<>();
    Set<String> provinceYears = new HashSet<>();
    for (Observation o : rows) {
      provinces.add(o.provinceCode());
      indicators.add(o.indicator());
      provinceYears.add(o.provinceCode() + o.year());
    }
    assertEquals(63, provinces.size());
    assertFalse(provinces.contains("28"), "Hà Tây ceased in 2008");
    for (Indicator i : ReferenceData.get().indicators()) {
      assertEquals(!SyntheticPanel.NOT_GENERATED.containsKey(i.code()), indicators.contains(i.code()), i.code());
    }
    assertTrue(ReferenceData.get().indicators().stream().map(Indicator::code).toList()
        .containsAll(SyntheticPanel.NOT_GENERATED.keySet()), "every indicator left out is in the catalogue");
    int missing = 63 * 10 - provinceYears.size();
    assertTrue(missing > 0 && missing <= 15, "missing province-years: " + missing);
    // Plans only for the full year, with their own (earlier) vintage.
    assertTrue(rows.stream().filter(o -> o.measure().equals("plan")).allMatch(o -> o.period().equals("Y")
        && o.vintage().equals((o.year() - 1) + "-12-15") && o.status().equals("final")));
    assertEquals(Set.of("estimate"), statuses(rows, 2024));
    assertEquals(Set.of("preliminary"), statuses(rows, 2023));
    assertEquals(Set.of("final"), statuses(rows, 2018));
  }

  private static Set<String> statuses(List<Observation> rows, int year) {
    Set<String> s = new HashSet<>();
    rows.stream().filter(o -> o.year() == year && !o.measure().startsWith("plan")).forEach(o -> s.add(o.status()));
    return s;
  }

  @Test
  void hsComponentsSumToExportValueAndMonthsToTheYearExactly() {
    SyntheticPanel panel = new SyntheticPanel(11, Scale.of(4));
    List<Observation> rows = published(panel);
    Map<String, BigDecimal> values = new HashMap<>();
    Map<String, BigDecimal> hsSums = new HashMap<>();
    Map<String, BigDecimal> monthSums = new HashMap<>();
    Map<String, Integer> hsCounts = new HashMap<>();
    for (Observation o : rows) {
      if (!o.measure().equals("value")) {
        continue;
      }
      BigDecimal v = new BigDecimal(o.value());
      assertTrue(v.signum() > 0, o.toString());
      values.put(key(o, o.indicator(), o.period()), v);
      if (o.indicator().startsWith("export_hs_")) {
        assertTrue(ReferenceData.get().indicator(o.indicator()).isPresent(), o.indicator());
        hsSums.merge(key(o, "export_value", o.period()), v, BigDecimal::add);
        hsCounts.merge(key(o, "export_value", o.period()), 1, Integer::sum);
      }
      if (o.period().startsWith("M")) {
        monthSums.merge(key(o, o.indicator(), "Y"), v, BigDecimal::add);
      }
    }
    assertFalse(hsSums.isEmpty());
    for (Map.Entry<String, BigDecimal> e : hsSums.entrySet()) {
      assertEquals(4, hsCounts.get(e.getKey()));
      assertEquals(0, values.get(e.getKey()).compareTo(e.getValue()), e.getKey());
    }
    int checked = 0;
    for (Map.Entry<String, BigDecimal> e : monthSums.entrySet()) {
      assertEquals(0, values.get(e.getKey()).compareTo(e.getValue()), e.getKey());
      checked++;
    }
    // 62 present provinces x (10 monthly level indicators + export_value + 4 HS members).
    assertEquals(62 * 15, checked);
    assertFalse(values.keySet().stream().anyMatch(k -> k.contains("|population|") && k.contains("|M")),
        "population is annual only");
    // Components of other sets stay within their parent.
    for (Map.Entry<String, BigDecimal> e : values.entrySet()) {
      if (!e.getKey().contains("|export_value|")) {
        continue;
      }
      BigDecimal parent = e.getValue();
      BigDecimal commodities = BigDecimal.ZERO;
      for (String c : List.of("export_seafood", "export_rice", "export_garments")) {
        commodities = commodities.add(values.get(e.getKey().replace("|export_value|", "|" + c + "|")));
      }
      assertTrue(commodities.compareTo(parent) <= 0, e.getKey());
      assertTrue(values.get(e.getKey().replace("|export_value|", "|export_goods|")).compareTo(parent) <= 0);
    }
  }

  @Test
  void reportedGrowthAndAttainmentAreTheLevelsRoundedTo2Decimals() {
    SyntheticPanel panel = new SyntheticPanel(3, Scale.of(0));
    Map<String, String> byKey = new HashMap<>();
    List<Observation> rows = published(panel);
    rows.forEach(o -> byKey.put(key(o, o.indicator(), o.period()), o.value()));
    int growthChecked = 0;
    int attainmentChecked = 0;
    for (Observation o : rows) {
      String k = key(o, o.indicator(), o.period());
      if (o.measure().equals("yoy_growth_pct") && !o.indicator().startsWith("iip")) {
        String last = byKey.get((o.provinceCode() + "|" + (o.year() - 1) + "|Y|" + o.indicator() + "|value"));
        String now = byKey.get(k.replace("|yoy_growth_pct", "|value"));
        if (last != null) {
          BigDecimal expected = new BigDecimal(now).subtract(new BigDecimal(last)).multiply(BigDecimal.valueOf(100))
              .divide(new BigDecimal(last), 2, RoundingMode.HALF_UP);
          assertEquals(expected.toPlainString(), o.value(), k);
          growthChecked++;
        }
      }
      if (o.measure().equals("plan_attainment_pct")) {
        BigDecimal value = new BigDecimal(byKey.get(k.replace("|plan_attainment_pct", "|value")));
        BigDecimal plan = new BigDecimal(byKey.get(k.replace("|plan_attainment_pct", "|plan")));
        assertEquals(value.multiply(BigDecimal.valueOf(100)).divide(plan, 2, RoundingMode.HALF_UP).toPlainString(),
            o.value(), k);
        attainmentChecked++;
      }
      if (o.measure().equals("yoy_growth_pct") && o.indicator().startsWith("iip")) {
        BigDecimal index = new BigDecimal(byKey.get(k.replace("|yoy_growth_pct", "|index_prev_year")));
        assertEquals(index.subtract(BigDecimal.valueOf(100)).toPlainString(), o.value(), k);
      }
    }
    // 9 years with a year before x about 62 provinces x 8 indicators with reported growth.
    assertTrue(growthChecked > 4000, "growth rates checked: " + growthChecked);
    assertTrue(attainmentChecked > 1500, "attainments checked: " + attainmentChecked);
  }

  @Test
  void revisionsComeFirstWithAnEarlierVintageAndDifferOnlyThere() {
    SyntheticPanel panel = new SyntheticPanel(5, Scale.of(3));
    List<Observation> rows = all(panel);
    int revisions = 0;
    for (int i = 0; i < rows.size(); i++) {
      Observation o = rows.get(i);
      if (o.revision()) {
        Observation winner = rows.get(i + 1);
        assertEquals(key(o, o.indicator(), o.period()), key(winner, winner.indicator(), winner.period()));
        assertTrue(o.vintage().compareTo(winner.vintage()) < 0, o + " then " + winner);
        assertEquals("Y", o.period());
        revisions++;
      }
    }
    assertTrue(revisions > 0);
    assertEquals(panel.csvLineCount() - panel.rowCount(), revisions);
  }

  @Test
  void theSameSeedGivesTheSameFiguresAndAnotherSeedOthers() {
    List<Observation> a = all(new SyntheticPanel(99, Scale.of(3)));
    List<Observation> b = all(new SyntheticPanel(99, Scale.of(3)));
    List<Observation> c = all(new SyntheticPanel(100, Scale.of(3)));
    assertEquals(a, b);
    assertNotEquals(a.stream().map(Observation::value).toList(), c.stream().map(Observation::value).toList());
    // A province-year is the same whether generated alone or with the rest, in any order.
    SyntheticPanel panel = new SyntheticPanel(99, Scale.of(3));
    List<Integer> keys = new ArrayList<>(panel.presentKeys());
    java.util.Collections.reverse(keys);
    List<Observation> reversed = new ArrayList<>();
    panel.generate(keys.get(0), reversed::add);
    assertEquals(a.subList(a.size() - reversed.size(), a.size()), reversed);
  }

  @Test
  void everyFigureSaysItIsSyntheticAndHowItWasMade() {
    SyntheticPanel panel = new SyntheticPanel(42, Scale.of(5).withYears(2016, 2017));
    assertEquals("synthetic: provstat generate --scale 5 --seed 42 --years 2016-2017", panel.document());
    assertEquals("synthetic: provstat generate --scale 0 --seed 1", new SyntheticPanel(1, Scale.of(0)).document());
    assertTrue(SyntheticCsv.comment(panel, 2016).startsWith("# Synthetic figures"));
  }

  @Test
  void scalesAndYearsOutsideTheirRangeAreRefusedNamingTheValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Scale.of(9));
    assertTrue(e.getMessage().contains("9"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Scale.of(5).withYears(2007, 2010));
    assertTrue(e.getMessage().contains("2007"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Scale.of(5).withYears(2020, 2019));
  }
}
