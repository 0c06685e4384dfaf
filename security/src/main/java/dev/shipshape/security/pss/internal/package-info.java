/**
 * The Pod Security spec check that the planner finds through {@code ServiceLoader}.
 *
 * <p><b>Not API.</b> The check is public only because {@code ServiceLoader} instantiates it; it may change or go in
 * any release and is left out of the Javadoc. The module does not export this package (the module descriptor
 * provides the check to {@code ServiceLoader}); on the class path, every module's {@code ApiBoundariesTest} checks
 * that no other module imports it.
 */
package dev.shipshape.security.pss.internal;
