package io.provstat.ingest.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.provstat.ingest.report.ReportExtractor.Extraction;
import io.provstat.ingest.report.ReportExtractor.Problem;
import io.provstat.ingest.report.ReportExtractor.Statement;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Each phrasing of the issue on short sentences written for the test (the figures are invented),
 * negatives included. Figures are shown as "indicator measure period year value unit status".
 */
class ReportExtractorTest {

  /** Extracts with province and year given, so that each test is about one phrasing. */
  private static List<String> figures(String text) {
    return show(ReportExtractor.extract(text, "94", 2022));
  }

  private static List<String> show(Extraction x) {
    assertNull(x.problem(), x.message());
    return x.statements().stream().map(s -> String.format(Locale.ROOT, "%s %s %s %d %s %s %s%s", s.indicator(),
        s.measure(), s.period(), s.year(), plain(s.value()), s.unit(), s.status(),
        s.scope() == null ? "" : " " + s.scope())).toList();
  }

  private static String plain(double v) {
    return new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
  }

  @Test
  void levelsWithTheirQualifiersAndUnits() {
    assertEquals(List.of("industrial_output_value value Y 2022 1234 bn_vnd estimate"),
        figures("Giá trị sản xuất công nghiệp ước 1.234 tỷ đồng."));
    assertEquals(List.of("industrial_output_value value Y 2022 1234 bn_vnd estimate"),
        figures("Giá trị sản xuất công nghiệp dự ước 1.234 tỷ đồng."));
    assertEquals(List.of("retail_sales_services value Y 2022 2500 bn_vnd final"),
        figures("Tổng mức bán lẻ hàng hóa đạt 2,5 nghìn tỷ đồng."));
    assertEquals(List.of("import_value value Y 2022 45.5 mn_usd final"),
        figures("Giá trị nhập khẩu là 45,5 triệu USD."));
    assertEquals(List.of("export_value value Y 2022 1250 mn_usd final"),
        figures("Kim ngạch xuất khẩu thực hiện 1,25 tỷ USD."));
    assertEquals(List.of("beer_output value Y 2022 12.5 mn_litres estimate"),
        figures("Sản lượng bia ước đạt 12,5 triệu lít."));
    assertEquals(List.of("electricity_output value Y 2022 880 mn_kwh final"),
        figures("Sản lượng điện sản xuất đạt 880 triệu kWh."));
  }

  @Test
  void aLevelInTheWrongUnitForItsIndicatorIsNotAFigure() {
    assertEquals(List.of(), figures("Sản lượng bia đạt 12 triệu USD."));
  }

  @Test
  void planAttainmentAndPlans() {
    assertEquals(List.of(
            "retail_sales_services value Y 2022 6800 bn_vnd estimate",
            "retail_sales_services plan Y 2022 7000 bn_vnd final",
            "retail_sales_services plan_attainment_pct Y 2022 97.14 pct estimate"),
        figures("Tổng mức bán lẻ hàng hóa dự ước 6.800 tỷ đồng/KH giao 7.000 tỷ đồng, đạt 97,14%/KH."));
    assertEquals(List.of("export_value value Y 2022 300 mn_usd final",
            "export_value plan_attainment_pct Y 2022 125 pct final"),
        figures("Kim ngạch xuất khẩu đạt 300 triệu USD, đạt 125% kế hoạch."));
    assertEquals(List.of("industrial_output_value value Y 2022 500 bn_vnd final",
            "industrial_output_value plan_attainment_pct Y 2022 101.5 pct final"),
        figures("Giá trị sản xuất công nghiệp là 500 tỷ đồng, vượt 1,5% kế hoạch."));
    assertEquals(List.of("export_seafood value Y 2022 90 mn_usd estimate",
            "export_seafood plan Y 2022 80 mn_usd final"),
        figures("Xuất khẩu thủy sản ước 90 triệu USD (theo kế hoạch 80 triệu USD)."));
    assertEquals(List.of("electricity_output plan_attainment_pct Y 2022 88.5 pct final"),
        figures("Sản lượng điện sản xuất năm 2022 giảm 11,5% so với kế hoạch."));
    assertEquals(List.of("tourism_revenue value Y 2022 40 bn_vnd final",
            "tourism_revenue plan_attainment_pct Y 2022 100.2 pct final"),
        figures("Doanh thu du lịch đạt 40 tỷ đồng, đạt 100,2% kế hoạch năm 2022."));
  }

  @Test
  void attainmentOfAnotherYearsPlanOrAnAmbiguousPercentageIsNotAFigure() {
    assertEquals(List.of("tourism_revenue value Y 2022 40 bn_vnd final"),
        figures("Doanh thu du lịch đạt 40 tỷ đồng, đạt 80% kế hoạch năm 2025."));
    // "tăng 5% kế hoạch" says neither growth nor attainment for sure.
    assertEquals(List.of(), figures("Kim ngạch xuất khẩu tăng 5% kế hoạch."));
    // "đạt 7%" with no reference: growth or attainment?
    assertEquals(List.of(), figures("Kim ngạch xuất khẩu đạt 7%."));
  }

  @Test
  void growth() {
    assertEquals(List.of("iip yoy_growth_pct Y 2022 8.25 pct final"),
        figures("Chỉ số sản xuất công nghiệp tăng 8,25% so cùng kỳ."));
    assertEquals(List.of("export_seafood yoy_growth_pct Y 2022 -3.5 pct final"),
        figures("Xuất khẩu thủy sản giảm 3,5% so cùng kỳ."));
    assertEquals(List.of("retail_sales_services yoy_growth_pct Y 2022 21.3 pct estimate"),
        figures("Tổng mức bán lẻ hàng hóa ước tăng 21,3% so với năm 2021."));
    assertEquals(List.of("iip yoy_growth_pct Y 2022 1.9 pct estimate"),
        figures("Chỉ số sản xuất công nghiệp (IIP) ước tăng khoảng 1,9% so với cùng kỳ."));
    assertEquals(List.of("iip yoy_growth_pct Y 2022 9 pct final", "iip plan_growth_pct Y 2022 11 pct final"),
        figures("Chỉ số sản xuất công nghiệp năm 2022 chưa đạt (chỉ tăng 9%/11% kế hoạch)."));
  }

  @Test
  void growthOnAYearThatIsNotThePreviousOneIsNotAFigure() {
    assertEquals(List.of(), figures("Kim ngạch xuất khẩu tăng 40% so với năm 2015."));
  }

  @Test
  void theNextSentenceMayContinueTheSubjectWithAGrowthRate() {
    assertEquals(List.of("retail_sales_services value Y 2022 900 bn_vnd estimate",
            "retail_sales_services yoy_growth_pct Y 2022 6 pct estimate"),
        figures("Tổng mức bán lẻ hàng hóa dự ước 900 tỷ đồng. Tốc độ tăng trưởng đạt 6% so với năm 2021."));
    // Any other opening word ends the subject.
    assertEquals(List.of("retail_sales_services value Y 2022 900 bn_vnd estimate"),
        figures("Tổng mức bán lẻ hàng hóa dự ước 900 tỷ đồng. Số doanh nghiệp tăng 6% so với năm 2021."));
  }

  @Test
  void componentsCarryTheSubjectOfTheList() {
    assertEquals(List.of(
            "export_value value Y 2022 700 mn_usd estimate",
            "export_seafood value Y 2022 400 mn_usd estimate",
            "export_seafood yoy_growth_pct Y 2022 3 pct estimate",
            "export_rice value Y 2022 150 mn_usd estimate",
            "export_rice yoy_growth_pct Y 2022 20 pct estimate",
            "export_garments value Y 2022 60 mn_usd estimate",
            "export_garments yoy_growth_pct Y 2022 -4 pct estimate"),
        figures("Kim ngạch xuất khẩu ước 700 triệu USD; trong đó, xuất khẩu thủy sản ước 400 triệu USD, "
            + "tăng 3%; gạo ước 150 triệu USD, tăng 20%; hàng may mặc ước 60 triệu USD, giảm 4%."));
    // Without "trong đó" a commodity word is not a subject.
    assertEquals(List.of("export_value value Y 2022 700 mn_usd final"),
        figures("Kim ngạch xuất khẩu đạt 700 triệu USD. Gạo đạt 150 triệu USD."));
  }

  @Test
  void nextYearTargetsArePlans() {
    assertEquals(List.of(
            "industrial_output_value plan Y 2023 5000 bn_vnd final",
            "industrial_output_value plan_growth_pct Y 2023 12 pct final"),
        figures("Các chỉ tiêu cơ bản năm 2023: Giá trị sản xuất công nghiệp 5.000 tỷ đồng, tốc độ tăng trưởng "
            + "đạt 12%."));
    assertEquals(List.of(
            "iip plan_growth_pct Y 2023 10 pct final",
            "export_value plan Y 2023 800 mn_usd final",
            "export_value plan_growth_pct Y 2023 5 pct final"),
        figures("Các chỉ tiêu cơ bản năm 2023\n\n- Chỉ số sản xuất công nghiệp (IIP) tăng 10% so với năm 2022;\n"
            + "- Tổng kim ngạch xuất khẩu: 800 triệu USD, tăng 5%."));
  }

  @Test
  void theTargetBlockEndsWithItsList() {
    List<String> got = figures("Các chỉ tiêu cơ bản năm 2023\n- Tổng kim ngạch xuất khẩu: 800 triệu USD.\n"
        + "Kim ngạch xuất khẩu năm 2022 đạt 700 triệu USD.");
    assertEquals(List.of("export_value plan Y 2023 800 mn_usd final", "export_value value Y 2022 700 mn_usd final"),
        got);
  }

  @Test
  void reportedRanks() {
    assertEquals(List.of("export_value value Y 2022 700 mn_usd estimate",
            "export_value reported_rank Y 2022 4 rank estimate MRD"),
        figures("Kim ngạch xuất khẩu ước 700 triệu USD, góp phần đưa xuất khẩu Sóc Trăng đứng thứ 4 vùng "
            + "Đồng bằng sông Cửu Long."));
    assertEquals(List.of("retail_sales_services reported_rank Y 2022 12 rank final VN"),
        figures("Tổng mức bán lẻ hàng hóa đứng thứ 12 cả nước."));
    // A rank without the region it ranks in is not a figure.
    assertEquals(List.of(), figures("Tổng mức bán lẻ hàng hóa đứng thứ 12."));
  }

  @Test
  void periodsSideBySide() {
    assertEquals(List.of(
            "industrial_output_value value M11 2022 310 bn_vnd estimate",
            "industrial_output_value yoy_growth_pct M11 2022 4 pct estimate",
            "industrial_output_value value YTD11 2022 3300 bn_vnd estimate",
            "industrial_output_value yoy_growth_pct YTD11 2022 6 pct estimate"),
        figures("Tháng 11, giá trị sản xuất công nghiệp ước đạt 310 tỷ đồng, tăng 4% so cùng kỳ; lũy kế 11 tháng "
            + "ước đạt 3.300 tỷ đồng, tăng 6% so cùng kỳ."));
    assertEquals(List.of("export_value value YTD06 2022 350 mn_usd final"),
        figures("6 tháng đầu năm, kim ngạch xuất khẩu đạt 350 triệu USD."));
    assertEquals(List.of("export_value value YTD09 2022 520 mn_usd final"),
        figures("Kim ngạch xuất khẩu 9 tháng đạt 520 triệu USD."));
    assertEquals(List.of("export_value value YTD11 2022 640 mn_usd final"),
        figures("Kim ngạch xuất khẩu 11 tháng đạt 640 triệu USD."));
    // The period does not outlive its sentence.
    assertEquals(List.of("export_value value YTD09 2022 520 mn_usd final", "import_value value Y 2022 90 mn_usd final"),
        figures("Kim ngạch xuất khẩu 9 tháng đạt 520 triệu USD. Kim ngạch nhập khẩu đạt 90 triệu USD."));
  }

  @Test
  void numbersNotTiedToAnIndicatorProduceNothing() {
    assertEquals(List.of(), figures("Thực hiện Nghị định 15/2018/NĐ-CP ngày 15/01/2018 của Chính phủ."));
    assertEquals(List.of(), figures("Nhà máy điện gió công suất 50 MW, sản lượng 150 triệu kWh/năm."));
    assertEquals(List.of(), figures("Thống kê truy cập\n  • Đang online: 43\n  • Hôm nay: 8295\n  • Tất cả: 11,802,322"));
    assertEquals(List.of(), figures("Toàn tỉnh có 1.250 doanh nghiệp, tăng 5% so cùng kỳ."));
    assertEquals(List.of(), figures("Giai đoạn 2016-2020, xuất khẩu tăng bình quân 8%/năm."));
    // A figure of another place, or of the whole country, is not the province's.
    assertEquals(List.of(), figures("Kim ngạch xuất khẩu Cần Thơ đạt 2.000 triệu USD."));
    assertEquals(List.of(), figures("Kim ngạch xuất khẩu cả nước đạt 370 tỷ USD."));
    // A figure of another year named in its statement is left out, not moved to the report's year.
    assertEquals(List.of(), figures("Kim ngạch xuất khẩu năm 2019 đạt 500 triệu USD."));
  }

  @Test
  void thePriceBasisYearIsNotAFigureNorTheYear() {
    Extraction x = ReportExtractor.extract("Tỉnh Sóc Trăng. Sóc Trăng. Giá trị sản xuất công nghiệp (giá so sánh "
        + "năm 2010) là 900 tỷ đồng, đạt 100,5% kế hoạch năm 2022.", null, null);
    assertEquals(2022, x.year());
    assertEquals(List.of("industrial_output_value value Y 2022 900 bn_vnd final",
        "industrial_output_value plan_attainment_pct Y 2022 100.5 pct final"), show(x));
  }

  @Test
  void provinceAndYearAreDetected() {
    Extraction x = ReportExtractor.extract("Sở Công Thương tỉnh Sóc Trăng tổng kết.\nNăm 2022, kim ngạch xuất khẩu "
        + "tỉnh Sóc Trăng ước 1.000 triệu USD, tăng 10% so với năm 2021, đứng sau Cần Thơ.", null, null);
    assertEquals("94", x.provinceCode());
    assertEquals(2022, x.year());
    assertEquals(List.of("export_value value Y 2022 1000 mn_usd estimate",
        "export_value yoy_growth_pct Y 2022 10 pct estimate"), show(x));
  }

  @Test
  void anUndeterminedProvinceIsAProblemNotAGuess() {
    Extraction none = ReportExtractor.extract("Năm 2022, kim ngạch xuất khẩu ước 1.000 triệu USD.", null, null);
    assertEquals(Problem.PROVINCE_UNDETERMINED, none.problem());
    assertTrue(none.statements().isEmpty());
    assertTrue(none.message().contains("--province"), none.message());
    Extraction two = ReportExtractor.extract("Sóc Trăng và Cần Thơ: năm 2022, kim ngạch xuất khẩu ước 1.000 triệu USD.",
        null, null);
    assertEquals(Problem.PROVINCE_UNDETERMINED, two.problem());
    assertTrue(two.message().contains("Cần Thơ 1x"), two.message());
    // Given, it is used.
    assertEquals("40", ReportExtractor.extract("Năm 2022, kim ngạch xuất khẩu ước 1.000 triệu USD.", "40", null)
        .provinceCode());
  }

  @Test
  void anUndeterminedOrAmbiguousYearIsAProblemNotAGuess() {
    Extraction none = ReportExtractor.extract("Tỉnh Sóc Trăng: kim ngạch xuất khẩu ước 1.000 triệu USD.", null, null);
    assertEquals(Problem.YEAR_UNDETERMINED, none.problem());
    assertTrue(none.statements().isEmpty());
    Extraction two = ReportExtractor.extract("Tỉnh Sóc Trăng. Năm 2021, kim ngạch xuất khẩu đạt 900 triệu USD. "
        + "Năm 2022, kim ngạch xuất khẩu ước 1.000 triệu USD.", null, null);
    assertEquals(Problem.YEAR_UNDETERMINED, two.problem());
    assertTrue(two.message().contains("2021 1x, 2022 1x"), two.message());
    // Given, it is used.
    assertEquals(List.of("export_value value Y 2020 1000 mn_usd estimate"),
        show(ReportExtractor.extract("Tỉnh Sóc Trăng: kim ngạch xuất khẩu ước 1.000 triệu USD.", null, 2020)));
  }

  @Test
  void quotesAreExactAndLocated() {
    String text = "Menu\nTin tức\nNăm 2022, kim ngạch xuất khẩu ước 1.500 triệu USD, tăng 16% so cùng kỳ.";
    Extraction x = ReportExtractor.extract(text, "94", null);
    Statement growth = x.statements().get(1);
    assertEquals("kim ngạch xuất khẩu ước 1.500 triệu USD, tăng 16% so cùng kỳ", growth.quote());
    assertEquals(text.indexOf("kim ngạch"), growth.quoteStart());
    assertEquals(growth.quote(), text.substring(growth.quoteStart(), growth.quoteEnd()));
    assertEquals(3, growth.line());
    assertEquals(3, x.nonBlankLines());
    assertEquals(java.util.Set.of(3), x.figureLines());
  }

  @Test
  void oldAndNewTonePlacementAndCaseMeet() {
    assertEquals(List.of("retail_sales_services value Y 2022 10 bn_vnd final"),
        figures("TỔNG MỨC BÁN LẺ HÀNG HOÁ đạt 10 tỷ đồng."));
  }

  @Test
  void syntheticReportsSayItOnTheirFirstLine() {
    assertTrue(ReportExtractor.isSynthetic("[synthetic] invented figures\nKim ngạch xuất khẩu đạt 1 triệu USD."));
    assertTrue(ReportExtractor.isSynthetic("\ufeff  [SYNTHETIC] demo"));
    assertFalse(ReportExtractor.isSynthetic("Kim ngạch xuất khẩu đạt 1 triệu USD.\n[synthetic]"));
  }

  @Test
  void aTextNamingNoIndicatorIsNotAReport() {
    assertFalse(ReportExtractor.mentionsIndicator("Danh sách cán bộ, số điện thoại 0299 3822 000."));
    assertTrue(ReportExtractor.mentionsIndicator("Kim ngạch xuất khẩu đạt 1 triệu USD."));
  }

  @Test
  void aNewPhrasingIsARowOfThePhraseFileNotCode() {
    String text = "Doanh số bán lẻ ước đạt 900 tỷ đồng, tăng 6% so cùng kỳ.";
    assertEquals(List.of(), figures(text));
    ReportPhrases extended = ReportPhrases.with(io.provstat.reference.ResourceTable.parse("test rows",
        new java.io.StringReader("kind,phrase,value,extra\nindicator,doanh số bán lẻ,retail_sales_services,\n")));
    assertEquals(List.of("retail_sales_services value Y 2022 900 bn_vnd estimate",
            "retail_sales_services yoy_growth_pct Y 2022 6 pct estimate"),
        show(ReportExtractor.extract(text, "94", 2022, extended)));
  }

  @Test
  void aPhraseRowNamingAnUnknownIndicatorIsRefused() {
    IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
        () -> ReportPhrases.with(io.provstat.reference.ResourceTable.parse("test rows",
            new java.io.StringReader("kind,phrase,value,extra\nindicator,doanh số,retail_sale,\n"))));
    assertTrue(e.getMessage().contains("'retail_sale' is not in the indicator catalogue"), e.getMessage());
  }

  @Test
  void changesRatesCompoundsAndOtherComparisonsAreNotFigures() {
    // an absolute change is not a level
    assertEquals(List.of("export_value value Y 2022 1500 mn_usd estimate"),
        figures("Kim ngạch xuất khẩu ước đạt 1.500 triệu USD, tăng 200 triệu USD so với năm 2021."));
    // a rate per year is a capacity, not the year's output
    assertEquals(List.of(), figures("Sản lượng điện sản xuất đạt 150 triệu kWh/năm."));
    // the sum of two indicators belongs to neither
    assertEquals(List.of(), figures("Kim ngạch xuất khẩu và nhập khẩu đạt 2.000 triệu USD."));
    assertEquals(List.of("export_value value Y 2022 1200 mn_usd final"),
        figures("Kim ngạch xuất khẩu và nhập khẩu đạt 2.000 triệu USD, trong đó xuất khẩu đạt 1.200 triệu USD."));
    assertEquals(List.of(), figures("Giá trị nhập khẩu, kim ngạch xuất khẩu đạt 2.000 triệu USD."));
    // month-on-month growth is not growth on the same period of last year
    assertEquals(List.of(), figures("Giá trị sản xuất công nghiệp tháng 11 tăng 3% so với tháng trước."));
    // "bằng X% kế hoạch" is attainment; "bằng X% so cùng kỳ" is not a growth rate
    assertEquals(List.of("iip plan_attainment_pct Y 2022 96 pct final"),
        figures("Chỉ số sản xuất công nghiệp bằng 96% kế hoạch."));
    assertEquals(List.of(), figures("Chỉ số sản xuất công nghiệp bằng 106% so cùng kỳ."));
  }

  @Test
  void aSentenceAboutAnotherYearGivesNothingForTheReportsYear() {
    assertEquals(List.of(), figures("Phấn đấu năm 2023, kim ngạch xuất khẩu đạt 1.700 triệu USD."));
    assertEquals(List.of(), figures("Kế hoạch năm 2023, kim ngạch xuất khẩu đạt 1.700 triệu USD."));
    assertEquals(List.of("export_value value Y 2022 1500 mn_usd estimate"),
        figures("Năm 2021, kim ngạch xuất khẩu đạt 1.300 triệu USD; năm 2022 ước đạt 1.500 triệu USD."));
  }
}
