/** Engines of the preflight checks. Not for direct use. */
package dev.shipshape.backup.preflight.internal;
