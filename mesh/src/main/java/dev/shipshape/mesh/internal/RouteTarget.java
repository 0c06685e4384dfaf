package dev.shipshape.mesh.internal;

/**
 * One destination of a VirtualService route ({@code route[j].destination} or {@code mirror}), as the route checks
 * read it: its field path {@code at}, its {@code host} ("" when missing) and its {@code port.number} (0 when
 * missing).
 */
record RouteTarget(String at, String host, int port) {}
