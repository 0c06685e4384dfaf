package dev.shipshape.core.testing.boundary.mine.internal;

/** An engine of the fixture module: public for its own packages, internal to users. */
public class Engine {}
