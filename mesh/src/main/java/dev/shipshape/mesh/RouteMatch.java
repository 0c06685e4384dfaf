package dev.shipshape.mesh;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.mesh.internal.IstioObjects;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A condition on an HTTP request for a {@link TrafficRoutes} rule: a header value, a cookie, or a URI prefix.
 * Immutable.
 */
public final class RouteMatch {
  /** Istio's validation of a header match's name ({@code ValidateHTTPHeaderName}). */
  private static final Pattern HEADER_NAME = Pattern.compile("[-_A-Za-z0-9]+");
  /** A cookie name: an HTTP token (RFC 6265, section 4.1.1). */
  private static final Pattern COOKIE_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  private final String kind;
  private final String key;
  private final String value;

  private RouteMatch(String kind, String key, String value) {
    this.kind = kind;
    this.key = key;
    this.value = value;
  }

  /**
   * Header {@code name} equals {@code value}.
   *
   * @throws IllegalArgumentException when the name has other characters than letters, digits, '-' and '_', which
   *     Istio's validation refuses in a header match
   */
  public static RouteMatch header(String name, String value) {
    Objects.requireNonNull(name, "name == null");
    if (!HEADER_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("RouteMatch.header: '" + name + "' is not a header name Istio accepts in a "
          + "match (letters, digits, '-' and '_') — give the name of an HTTP header, such as x-user");
    }
    return new RouteMatch("header", name.toLowerCase(java.util.Locale.ROOT),
        Objects.requireNonNull(value, "value == null"));
  }

  /**
   * The request carries cookie {@code name} with {@code value} (a regex on the {@code cookie} header).
   *
   * @throws IllegalArgumentException when the name is empty or has a character that cannot be in a cookie's name
   */
  public static RouteMatch cookie(String name, String value) {
    Objects.requireNonNull(name, "name == null");
    if (!COOKIE_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("RouteMatch.cookie: '" + name + "' is not a cookie name (a token without "
          + "spaces, separators or '='), so no request would match — give the cookie's name, such as group");
    }
    return new RouteMatch("cookie", name, Objects.requireNonNull(value, "value == null"));
  }

  /**
   * The URI path starts with {@code prefix}. As in Istio, the prefix is a string, not a path segment: {@code /api}
   * also matches {@code /apis}.
   *
   * @throws IllegalArgumentException when the prefix does not start with '/', as every request's path does, so that
   *     no request would match
   */
  public static RouteMatch pathPrefix(String prefix) {
    Objects.requireNonNull(prefix, "prefix == null");
    if (!prefix.startsWith("/")) {
      throw new IllegalArgumentException("RouteMatch.pathPrefix: '" + prefix + "' does not start with '/', as every "
          + "request's path does, so no request would match — write the prefix as a path, such as /" + prefix);
    }
    return new RouteMatch("prefix", "", prefix);
  }

  /** True when a request with this path and these (lower-case) headers matches. */
  public boolean matches(String path, java.util.Map<String, String> headers) {
    switch (kind) {
      case "header":
        return value.equals(headers.get(key));
      case "cookie":
        String cookies = headers.getOrDefault("cookie", "");
        for (String c : cookies.split(";")) {
          if (c.trim().equals(key + "=" + value)) return true;
        }
        return false;
      default:
        return path.startsWith(value);
    }
  }

  ObjectNode toTree() {
    ObjectNode match = IstioObjects.node();
    switch (kind) {
      case "header":
        match.putObject("headers").putObject(key).put("exact", value);
        break;
      case "cookie":
        match.putObject("headers").putObject("cookie").put("regex",
            "^(.*?;\\s*)?(" + Pattern.quote(key + "=" + value) + ")(;.*)?$");
        break;
      default:
        match.putObject("uri").put("prefix", value);
    }
    return match;
  }

  @Override
  public String toString() {
    return kind.equals("prefix") ? "path prefix " + value : kind + " " + key + "=" + value;
  }
}
