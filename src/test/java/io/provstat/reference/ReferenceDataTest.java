package io.provstat.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ReferenceDataTest {

  private final ReferenceData ref = ReferenceData.get();

  @Test
  void sixtyThreeProvincesInSixRegionsPlusHaTay() {
    assertEquals(63, ref.currentProvinces().size());
    Map<String, Long> perRegion = ref.currentProvinces().stream()
        .collect(Collectors.groupingBy(Province::regionCode, Collectors.counting()));
    assertEquals(Map.of("RRD", 11L, "NMM", 14L, "NCC", 14L, "CH", 5L, "SE", 6L, "MRD", 13L), perRegion);
    Province haTay = ref.provinceByName("Ha Tay").orElseThrow();
    assertTrue(haTay.isFormer());
    assertTrue(haTay.existedIn(2007));
    assertFalse(haTay.existedIn(2008));
    assertEquals(7, ref.regions().size());
  }

  @Test
  void gsoOrderIsAPermutation() {
    List<Integer> order = ref.currentProvinces().stream().map(Province::gsoOrder).sorted().toList();
    assertEquals(java.util.stream.IntStream.rangeClosed(1, 63).boxed().toList(), order);
  }

  @Test
  void thirtyFourUnitsFrom2025TakeEveryProvinceOnce() {
    assertEquals(34, ref.units2025().size());
    assertEquals(63, ref.units2025().stream().mapToInt(u -> u.formerProvinceCodes().size()).sum());
    assertEquals(List.of("92", "93", "94"), ref.unit2025("92").orElseThrow().formerProvinceCodes());
    assertEquals(List.of("74", "77", "79"), ref.unit2025("79").orElseThrow().formerProvinceCodes());
  }

  @Test
  void namesResolveThroughAliases() {
    assertEquals("94", ref.provinceByName("Tỉnh Sóc Trăng").orElseThrow().gsoCode());
    assertEquals("79", ref.provinceByName("TP.HCM").orElseThrow().gsoCode());
    assertEquals("79", ref.provinceByName("Ho Chi Minh city").orElseThrow().gsoCode());
    assertEquals("46", ref.provinceByName("Thua Thien-Hue").orElseThrow().gsoCode());
    assertEquals("46", ref.provinceByName("Huế").orElseThrow().gsoCode());
    assertEquals("91", ref.provinceByName("Kien  Giang").orElseThrow().gsoCode());
    assertEquals("17", ref.provinceByName("Hoà Bình").orElseThrow().gsoCode());
    assertEquals("01", ref.provinceByCode("1").orElseThrow().gsoCode());
    assertTrue(ref.provinceByName("Sóc Trăg").isEmpty());
    assertEquals("MRD", ref.regionByName("Mekong River Delta").orElseThrow().code());
    assertEquals("VN", ref.regionByName(" WHOLE COUNTRY").orElseThrow().code());
    assertEquals("NCC", ref.regionByName("Northern Central area and Central coastal area").orElseThrow().code());
    assertTrue(ref.provinceByName("Mekong River Delta").isEmpty());
  }

  @Test
  void catalogueHasTheIssueIndicatorsWithUnitsAndParents() {
    List<String> codes = ref.indicators().stream().map(Indicator::code).toList();
    assertEquals(List.of("iip", "iip_manufacturing", "industrial_output_value", "retail_sales_services",
        "export_value", "export_goods", "export_seafood", "export_rice", "export_garments", "import_value",
        "tourism_revenue", "electricity_output", "beer_output", "population", "population_male",
        "population_female", "population_urban", "population_rural", "population_census2019", "grdp_per_capita",
        "retail_sales_services_per_capita", "export_value_per_capita", "industrial_output_value_per_capita"),
        codes);
    Indicator urban = ref.indicator("population_urban").orElseThrow();
    assertEquals("population", urban.parent());
    assertEquals("residence", urban.componentSet());
    assertEquals("thousand_persons", urban.unit());
    assertEquals("mn_vnd_per_person", ref.indicator("grdp_per_capita").orElseThrow().unit());
    assertFalse(ref.indicator("grdp_per_capita").orElseThrow().additive());
    // Per-capita indicators: a numerator and the factor from its unit per thousand persons.
    assertEquals(List.of(new PerCapitaRule("retail_sales_services_per_capita", "retail_sales_services", 1),
        new PerCapitaRule("export_value_per_capita", "export_value", 1000),
        new PerCapitaRule("industrial_output_value_per_capita", "industrial_output_value", 1)), ref.perCapita());
    Indicator seafood = ref.indicator("export_seafood").orElseThrow();
    assertEquals("export_value", seafood.parent());
    assertEquals("commodity", seafood.componentSet());
    assertEquals("mn_usd", seafood.unit());
    assertTrue(seafood.additive());
    assertFalse(ref.indicator("iip").orElseThrow().additive());
    assertEquals("bn_vnd", ref.indicator("industrial_output_value").orElseThrow().unit());
    assertEquals("pct", Measure.PLAN_ATTAINMENT_PCT.unitFor(seafood));
    assertEquals("mn_usd", Measure.PLAN.unitFor(seafood));
  }

  @Test
  void familyMembersResolveToTheFamilysAttributesUnderTheirOwnCode() {
    assertEquals(List.of("export_hs_*"), ref.indicatorFamilies().stream().map(Indicator::code).toList());
    Indicator family = ref.indicatorFamilies().get(0);
    assertTrue(family.isFamily());
    Indicator member = ref.indicator("export_hs_0306").orElseThrow();
    assertEquals("export_hs_0306", member.code());
    assertEquals("export_value", member.parent());
    assertEquals("hs", member.componentSet());
    assertEquals("mn_usd", member.unit());
    assertTrue(member.additive());
    assertFalse(member.isFamily());
    assertEquals("export_hs_*", ref.family("export_hs_9999").orElseThrow().code());
    assertEquals("export_hs_0042", ReferenceData.familyMember(family, 42));
    // Exactly four digits after the prefix; the family row itself is not an indicator.
    for (String notMember : List.of("export_hs_306", "export_hs_03061", "export_hs_03a6", "export_hs_*",
        "export_hs_", "import_hs_0306")) {
      assertTrue(ref.indicator(notMember).isEmpty(), notMember);
    }
    assertTrue(ref.family("export_value").isEmpty());
  }

  @Test
  void periodsNormalise() {
    assertEquals("YTD06", Period.normalise("ytd6").orElseThrow());
    assertEquals("M01", Period.normalise("M1").orElseThrow());
    assertEquals("Q4", Period.normalise("q4").orElseThrow());
    assertEquals("Y", Period.normalise("YTD12").orElseThrow());
    assertTrue(Period.normalise("M13").isEmpty());
    assertTrue(Period.normalise("Q5").isEmpty());
    assertTrue(Period.normalise("H1").isEmpty());
  }
}
