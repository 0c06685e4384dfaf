package dev.shipshape.mesh.analysis.internal;

/**
 * Receives each problem a rule check finds: an error (Istio refuses the object) or a warning (Istio accepts it with
 * a warning), the field (such as {@code spec.addresses[0]}), what is wrong and how to fix it.
 */
@FunctionalInterface
public interface RuleSink {
  void report(boolean error, String field, String detail, String fix);

  /** Reports an error. */
  default void error(String field, String detail, String fix) {
    report(true, field, detail, fix);
  }

  /** Reports a warning. */
  default void warning(String field, String detail, String fix) {
    report(false, field, detail, fix);
  }
}
