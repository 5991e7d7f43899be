package com.metricsdash.inventory;

/** A place the shop keeps stock at. */
public record LocationSnapshot(long id, String name, boolean active) {
}
