/** The steps of a live restore drill: reading a backup's contents through Velero and comparing a restore's. */
package dev.shipshape.backup.drill.internal;
