/** Shipshape networking. */
package dev.shipshape.networking;
