package dev.shipshape.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteMatchTest {
  @Test
  void aHeaderNameIstioRefusesIsRefused() {
    assertThatThrownBy(() -> RouteMatch.header("x beta:", "true")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("RouteMatch.header: 'x beta:' is not a header name Istio accepts in a match (letters, digits, "
            + "'-' and '_') — give the name of an HTTP header, such as x-user");
    assertThatThrownBy(() -> RouteMatch.header("", "true")).isInstanceOf(IllegalArgumentException.class);
    assertThat(RouteMatch.header("X-Beta_2", "true").matches("/", Map.of("x-beta_2", "true"))).isTrue();
  }

  @Test
  void aCookieNameThatNoCookieCanHaveIsRefused() {
    assertThatThrownBy(() -> RouteMatch.cookie("group=b", "b")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("RouteMatch.cookie: 'group=b' is not a cookie name (a token without spaces, separators or '='), "
            + "so no request would match — give the cookie's name, such as group");
    assertThat(RouteMatch.cookie("group", "b").matches("/", Map.of("cookie", "a=1; group=b"))).isTrue();
  }

  @Test
  void aPathPrefixThatNoPathHasIsRefused() {
    assertThatThrownBy(() -> RouteMatch.pathPrefix("api")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("RouteMatch.pathPrefix: 'api' does not start with '/', as every request's path does, so no "
            + "request would match — write the prefix as a path, such as /api");
    assertThat(RouteMatch.pathPrefix("/api").matches("/apis", Map.of())).isTrue();
  }
}
