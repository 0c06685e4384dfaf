package dev.shipshape.core.apply;

/** How objects are written to the API server. */
public enum ApplyStrategy {
  /**
   * Server-side apply (PATCH {@code application/apply-patch+yaml}) with a field manager; the default. Fields the
   * spec no longer sets are removed from the live object (unless another manager also owns them); fields another
   * manager owns with a different value are conflicts unless {@link KubernetesExecutor.Builder#forceConflicts}.
   */
  SERVER_SIDE,
  /**
   * Create the object, or JSON-merge-patch the live one. For API servers without server-side apply. It keeps no
   * record of what it applied (no {@code last-applied-configuration} annotation), so it never removes a field: one
   * dropped from the spec stays on the live object, and the next apply reports the object unchanged.
   */
  CLIENT_SIDE,
  /**
   * Server-side apply, falling back to client-side for the rest of the run when the server answers that it
   * cannot apply (415 Unsupported Media Type; some test servers also answer 404 for a missing object).
   */
  AUTO
}
