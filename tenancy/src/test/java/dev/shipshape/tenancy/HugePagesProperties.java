package dev.shipshape.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * A huge-page default of a tenant's LimitRange (judged, as any LimitRange's, by planning) is an error exactly when
 * it is not a whole number of pages of the size its resource names, as the API server judges the containers it fills
 * in ({@link BudgetFidelityTest}: "3Mi is not positive integer multiple of hugepages-2Mi"), and the error suggests
 * the smallest whole number of pages (at least one) not below it.
 */
class HugePagesProperties {

  @Property(tries = 250)
  void anAmountIsRefusedExactlyWhenItIsNoWholeNumberOfPages(@ForAll("amounts") Amount amount) {
    Tenant tenant = Tenant.builder().name("t").defaultRequests(Map.of("memory", "128Mi"))
        .defaultLimits(Map.of("memory", "512Mi", "hugepages-" + amount.size.suffix, amount.bytes.toString()))
        .build();

    if (amount.bytes.mod(amount.size.bytes).signum() == 0) {
      assertThat(TenantValidationTest.problems(tenant)).isEmpty();
    } else {
      BigInteger pages = amount.bytes.add(amount.size.bytes).subtract(BigInteger.ONE).divide(amount.size.bytes);
      String suggested = pages.multiply(BigInteger.valueOf(amount.size.count)) + amount.size.unit;
      String resource = "hugepages-" + amount.size.suffix;
      assertThat(TenantValidationTest.problems(tenant)).containsExactly("ERROR [t] LimitRange t/t-limits"
          + " spec.limits[0].default." + resource + ": the default limit " + resource + "=" + amount.bytes + " is not"
          + " a whole number of " + amount.size.suffix + " pages, so the API server refuses every container that"
          + " takes it — give a multiple of " + amount.size.suffix + ", such as " + suggested);
    }
  }

  @Provide
  Arbitrary<Amount> amounts() {
    return Arbitraries.of(PageSize.values()).flatMap(size -> Combinators.combine(
        Arbitraries.integers().between(0, 64),
        Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(0L)),
            Tuple.of(1, Arbitraries.longs().between(1, size.bytes.longValueExact() - 1))))
        .as((pages, extra) -> new Amount(size, BigInteger.valueOf(pages).multiply(size.bytes)
            .add(BigInteger.valueOf(extra)))));
  }

  /** An amount of huge pages, in bytes. */
  record Amount(PageSize size, BigInteger bytes) {}

  /** Page sizes of common nodes: {@code count} {@code unit}s each. */
  enum PageSize {
    KI_64(64, "Ki", 1L << 10),
    MI_2(2, "Mi", 1L << 20),
    MI_32(32, "Mi", 1L << 20),
    GI_1(1, "Gi", 1L << 30);

    final int count;
    final String unit;
    final String suffix;
    final BigInteger bytes;

    PageSize(int count, String unit, long unitBytes) {
      this.count = count;
      this.unit = unit;
      this.suffix = count + unit;
      this.bytes = BigInteger.valueOf(count).multiply(BigInteger.valueOf(unitBytes));
    }
  }
}
