/** The shipshape command line. */
package dev.shipshape.cli;
