package dev.shipshape.mesh;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.mesh.internal.IstioObjects;
import java.util.Objects;

/**
 * A condition on an HTTP request for a {@link TrafficRoutes} rule: a header value, a cookie, or a URI prefix.
 * Immutable.
 */
public final class RouteMatch {
  private final String kind;
  private final String key;
  private final String value;

  private RouteMatch(String kind, String key, String value) {
    this.kind = kind;
    this.key = key;
    this.value = value;
  }

  /** Header {@code name} equals {@code value}. */
  public static RouteMatch header(String name, String value) {
    return new RouteMatch("header", Objects.requireNonNull(name, "name == null").toLowerCase(java.util.Locale.ROOT),
        Objects.requireNonNull(value, "value == null"));
  }

  /** The request carries cookie {@code name} with {@code value} (a regex on the {@code cookie} header). */
  public static RouteMatch cookie(String name, String value) {
    return new RouteMatch("cookie", Objects.requireNonNull(name, "name == null"),
        Objects.requireNonNull(value, "value == null"));
  }

  /** The URI path starts with {@code prefix}. */
  public static RouteMatch pathPrefix(String prefix) {
    return new RouteMatch("prefix", "", Objects.requireNonNull(prefix, "prefix == null"));
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
            "^(.*?;\\s*)?(" + java.util.regex.Pattern.quote(key + "=" + value) + ")(;.*)?$");
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
