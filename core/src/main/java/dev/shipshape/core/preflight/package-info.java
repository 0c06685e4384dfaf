/** Checks of a live cluster that every module shares, such as {@link dev.shipshape.core.preflight.RequiredCrdsCheck}. */
package dev.shipshape.core.preflight;
