package io.provstat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AgreementTest {

  @Test
  void roundsHalfUpOnTheShortestDecimalFormLikeSpark() {
    // 2.675 is stored as 2.67499999...; Spark's round reads it as "2.675" and gives 2.68.
    assertEquals(2.68, Agreement.round2(2.675));
    assertEquals(-2.68, Agreement.round2(-2.675));
    assertEquals(1.0, Agreement.round2(0.999));
  }

  @Test
  void unroundedValuesAgreeWithinOnePartInABillion() {
    assertTrue(Agreement.close(1e6, 1e6 * (1 + 5e-10)));
    assertFalse(Agreement.close(1e6, 1e6 * (1 + 5e-9)));
    assertTrue(Agreement.close(0.0, 1e-12), "absolute below magnitude 1");
    assertTrue(Agreement.close(null, null));
    assertFalse(Agreement.close(null, 0.0));
  }

  @Test
  void wholeNumbersAgreeAcrossWidths() {
    assertTrue(Agreement.exact(3, 3L));
    assertFalse(Agreement.exact(3, 4L));
    assertTrue(Agreement.exact("a", "a"));
    assertTrue(Agreement.exact(null, null));
    assertFalse(Agreement.exact(true, null));
  }
}
