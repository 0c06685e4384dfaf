/** Shipshape backup. */
package dev.shipshape.backup;
