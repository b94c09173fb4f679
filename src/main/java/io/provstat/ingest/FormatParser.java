package io.provstat.ingest;

import java.io.Serializable;

/**
 * How one file is parsed on the executors: line by line ({@link LineParser}: tables) or as a whole
 * document ({@link ReportParser}: narrative reports, whose province, year and subjects span lines).
 */
public interface FormatParser extends Serializable {}
