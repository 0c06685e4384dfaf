/**
 * The Pod Security spec check that the planner finds through {@code ServiceLoader}.
 *
 * <p><b>Not API.</b> The check is public only because {@code ServiceLoader} instantiates it; it may change or go in
 * any release, is left out of the Javadoc, and no other code may import it (every module's
 * {@code ApiBoundariesTest} checks that).
 */
package dev.shipshape.security.pss.internal;
