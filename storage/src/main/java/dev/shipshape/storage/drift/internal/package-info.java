/** Engines of the drift detector: inventory parsing, cluster reading and the checks. Users never import it. */
package dev.shipshape.storage.drift.internal;
