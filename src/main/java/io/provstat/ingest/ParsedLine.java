package io.provstat.ingest;

/** One data line of an input file and what it became: the unit of the line accounting. */
public record ParsedLine(int number, String text, LineResult result) {}
