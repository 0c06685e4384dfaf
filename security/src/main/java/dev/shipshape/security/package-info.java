/** Shipshape security. */
package dev.shipshape.security;
