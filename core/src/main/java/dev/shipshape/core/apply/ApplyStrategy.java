package dev.shipshape.core.apply;

/** How objects are written to the API server. */
public enum ApplyStrategy {
  /** Server-side apply (PATCH {@code application/apply-patch+yaml}) with a field manager; the default. */
  SERVER_SIDE,
  /** Create the object, or JSON-merge-patch the live one. For API servers without server-side apply. */
  CLIENT_SIDE,
  /**
   * Server-side apply, falling back to client-side for the rest of the run when the server answers that it
   * cannot apply (415 Unsupported Media Type; some test servers also answer 404 for a missing object).
   */
  AUTO
}
