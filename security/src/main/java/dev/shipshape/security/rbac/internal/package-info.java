/**
 * Engines behind RBAC profiles and the RBAC analysis: permission graphs, rule matching and risk catalogs.
 *
 * <p><b>Not API.</b> Types here are public only so that other packages of this module can use them; they
 * may change or go in any release, are left out of the Javadoc, and other modules must not import them
 * (every module's {@code ApiBoundariesTest} checks that).
 */
package dev.shipshape.security.rbac.internal;
