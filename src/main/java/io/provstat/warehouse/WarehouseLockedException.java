package io.provstat.warehouse;

/** Another run is writing to the warehouse; the message names it and how to clear a stale lock. */
public class WarehouseLockedException extends RuntimeException {
  public WarehouseLockedException(String message) {
    super(message);
  }
}
