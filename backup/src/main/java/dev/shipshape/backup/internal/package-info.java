/** Engines behind the backup API: parsing, compiling and checking. Not for direct use. */
package dev.shipshape.backup.internal;
