/**
 * Go's {@code text/template} syntax as Prometheus 2.42 (built with Go 1.19) parses alert templates when it loads a
 * rule file: {@link dev.shipshape.monitoring.internal.template.GoTemplate} and the lexer and parser parts it uses.
 * Not exported; the rule checks of {@code dev.shipshape.monitoring} report what it finds.
 */
package dev.shipshape.monitoring.internal.template;
