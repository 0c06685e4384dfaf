package dev.shipshape.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * A Container item's amounts of one resource, each of 1 to 4 or left out: the item is refused exactly when, once the
 * server completed its defaults (a missing default limit is the max; a missing default request the default limit,
 * else the min), some pair of min, default request, default limit and max is out of order; and each refused
 * item gets its errors on the item.
 */
class LimitRangeRulesProperties {

  @Property(tries = 300)
  void anItemIsRefusedExactlyWhenItsStoredAmountsAreOutOfOrder(@ForAll @IntRange(max = 4) int min,
      @ForAll @IntRange(max = 4) int max, @ForAll @IntRange(max = 4) int limit,
      @ForAll @IntRange(max = 4) int request) {
    Optional<Integer> minimum = given(min);
    Optional<Integer> maximum = given(max);
    Optional<Integer> defaultLimit = given(limit).or(() -> maximum);
    Optional<Integer> defaultRequest = given(request).or(() -> defaultLimit).or(() -> minimum);
    boolean inOrder = atMost(minimum, maximum) && atMost(minimum, defaultRequest) && atMost(defaultRequest, maximum)
        && atMost(defaultRequest, defaultLimit) && atMost(minimum, defaultLimit) && atMost(defaultLimit, maximum);

    List<String> fields = new ArrayList<>();
    minimum.ifPresent(v -> fields.add("min: {cpu: '" + v + "'}"));
    maximum.ifPresent(v -> fields.add("max: {cpu: '" + v + "'}"));
    given(limit).ifPresent(v -> fields.add("default: {cpu: '" + v + "'}"));
    given(request).ifPresent(v -> fields.add("defaultRequest: {cpu: '" + v + "'}"));
    List<String> errors = LimitRangeRulesTest.check("{type: Container" + fields.stream().map(f -> ", " + f)
        .reduce("", String::concat) + "}");

    assertThat(errors.isEmpty()).as("%s", errors).isEqualTo(inOrder);
    assertThat(errors).allMatch(e -> e.startsWith("ERROR LimitRange shop/limits spec.limits[0]."));
  }

  /** 0 stands for a field left out. */
  private static Optional<Integer> given(int amount) {
    return amount == 0 ? Optional.empty() : Optional.of(amount);
  }

  private static boolean atMost(Optional<Integer> a, Optional<Integer> b) {
    return a.isEmpty() || b.isEmpty() || a.get() <= b.get();
  }
}
