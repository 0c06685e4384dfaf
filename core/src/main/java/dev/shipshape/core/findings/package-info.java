/**
 * The one findings model of the SDK: {@link dev.shipshape.core.findings.Finding}, its {@link
 * dev.shipshape.core.findings.Severity} scale and the {@link dev.shipshape.core.findings.FindingReport} every check
 * returns, rendered as text, JSON or SARIF.
 */
package dev.shipshape.core.findings;
