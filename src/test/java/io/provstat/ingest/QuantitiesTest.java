package io.provstat.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.provstat.text.Numbers;
import org.junit.jupiter.api.Test;

class QuantitiesTest {

  @Test
  void convertsUnitPhrasesToCanonicalUnits() throws Exception {
    assertEquals(new Quantities.Quantity(27236, "bn_vnd"), Quantities.parse("27.236 tỷ đồng"));
    assertEquals(new Quantities.Quantity(27236, "bn_vnd"), Quantities.parse("27,236 nghìn tỷ đồng"));
    assertEquals(new Quantities.Quantity(1050, "mn_usd"), Quantities.parse("1,05 tỷ USD"));
    assertEquals(new Quantities.Quantity(950, "mn_usd"), Quantities.parse("950 triệu USD"));
    assertEquals(new Quantities.Quantity(97.5, "pct"), Quantities.parse("97,5%"));
    assertEquals(new Quantities.Quantity(345, "mn_litres"), Quantities.parse("345  triệu lít"));
    assertEquals(new Quantities.Quantity(63.64, "bn_vnd"), Quantities.parse("63.640 triệu đồng"));
    assertEquals(new Quantities.Quantity(12, null), Quantities.parse("12"));
  }

  @Test
  void unknownUnitsAreRefused() {
    Numbers.NumberFormatError e =
        assertThrows(Numbers.NumberFormatError.class, () -> Quantities.parse("12 tấn"));
    assertEquals("unknown unit 'tấn' in '12 tấn'", e.getMessage());
  }
}
