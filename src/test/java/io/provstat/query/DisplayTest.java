package io.provstat.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class DisplayTest {

  @Test
  void roundsHalfUpOnTheValueAsPrinted() {
    // 0.625 is exact in binary; 0.615 and 1.005 are held just below their printed values.
    assertEquals("0.63", Display.fixed(0.625, 2));
    assertEquals("0.62", Display.fixed(0.615, 2));
    assertEquals("1.01", Display.fixed(1.005, 2));
    assertEquals("-2.10", Display.fixed(-2.1, 2));
    assertEquals("212.94", Display.fixed(212.94117647058823, 2));
    assertEquals("5.60", Display.fixed(5.6000000000000005, 2));
    assertEquals(0.63, Display.round(0.625, 2));
    assertEquals(1.01, Display.round(1.005, 2));
  }

  @Test
  void showsFixedDecimalsWithoutExponentOrNegativeZero() {
    assertEquals("1200000000000.00", Display.fixed(1.2e12, 2));
    assertEquals("0.00", Display.fixed(-0.001, 2));
    assertEquals("16", Display.fixed(16.37, 0));
    assertEquals("16.4", Display.fixed(16.35, 1));
    assertEquals("NaN", Display.fixed(Double.NaN, 2));
  }

  @Test
  void fullPrecisionKeepsEveryDigit() {
    assertEquals("212.94117647058823", Display.fixed(212.94117647058823, Display.FULL_PRECISION));
    assertEquals("16", Display.fixed(16.0, Display.FULL_PRECISION));
    assertEquals(5.6000000000000005, Display.round(5.6000000000000005, Display.FULL_PRECISION));
  }

  @Test
  void signedShowsThePlusOfAGainOnly() {
    assertEquals("+1.94", Display.signed(1.9449, 2));
    assertEquals("-2.10", Display.signed(-2.1, 2));
    assertEquals("0.00", Display.signed(0.001, 2));
    assertEquals("0.00", Display.signed(-0.001, 2));
  }

  @Test
  void parsesTheDecimalsOption() {
    assertEquals(2, Display.parseDecimals("2"));
    assertEquals(0, Display.parseDecimals("0"));
    assertEquals(Display.FULL_PRECISION, Display.parseDecimals("full"));
    assertNull(Display.parseDecimals("-1"));
    assertNull(Display.parseDecimals("16"));
    assertNull(Display.parseDecimals("two"));
  }
}
