/**
 * Restore drills: rehearse restoring a schedule's newest backup into scratch namespaces, then clean up. See
 * {@link dev.shipshape.backup.drill.RestoreDrill}.
 */
package dev.shipshape.backup.drill;
