package dev.shipshape.core.testing.boundary.other.internal;

/** An engine of another fixture module. */
public class Thing {}
