package dev.shipshape.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.UniqueElements;

/**
 * A quota on CPU or memory is warned about exactly when a container that sets nothing would still lack that value
 * after the tenant's LimitRange filled it in, as the API server fills it: a limit from the default limit; a request
 * from the default request or, failing that, the default limit (checked on kube-apiserver 1.34: with
 * {@code default: {cpu: 1}, defaultRequest: {memory: 128Mi}} and a quota on all four, a bare pod is refused with
 * {@code must specify limits.memory for: c}).
 */
class QuotaDefaultsProperties {
  private static final Pattern WARNED =
      Pattern.compile("^WARNING \\[t] ResourceQuota t/t-quota spec\\.hard\\[([^]]+)]");

  @Property
  void warnedExactlyWhenTheLimitRangeLeavesTheValueUnset(
      @ForAll @Size(max = 2) @UniqueElements Set<Compute> requested,
      @ForAll @Size(max = 2) @UniqueElements Set<Compute> limited,
      @ForAll @Size(min = 1, max = 6) @UniqueElements Set<QuotaKey> quoted) {
    Map<String, String> requests = new LinkedHashMap<>();
    requested.forEach(c -> requests.put(c.resource, "100m"));
    Map<String, String> limits = new LinkedHashMap<>();
    limited.forEach(c -> limits.put(c.resource, "1"));
    Map<String, String> quota = new LinkedHashMap<>();
    quoted.forEach(q -> quota.put(q.key, "10"));
    Tenant tenant = Tenant.builder().name("t").quota(quota).defaultRequests(requests).defaultLimits(limits).build();

    Set<String> expected = new TreeSet<>();
    for (QuotaKey q : quoted) {
      boolean filled = limits.containsKey(q.resource.resource)
          || (!q.limit && requests.containsKey(q.resource.resource));
      if (!filled) expected.add(q.key);
    }
    Set<String> warned = new TreeSet<>();
    for (String problem : TenantValidationTest.problems(tenant)) {
      Matcher m = WARNED.matcher(problem);
      if (m.find()) warned.add(m.group(1));
    }
    assertThat(warned).isEqualTo(expected);
  }

  enum Compute {
    CPU("cpu"),
    MEMORY("memory");

    final String resource;

    Compute(String resource) {
      this.resource = resource;
    }
  }

  enum QuotaKey {
    CPU("cpu", Compute.CPU, false),
    MEMORY("memory", Compute.MEMORY, false),
    REQUESTS_CPU("requests.cpu", Compute.CPU, false),
    REQUESTS_MEMORY("requests.memory", Compute.MEMORY, false),
    LIMITS_CPU("limits.cpu", Compute.CPU, true),
    LIMITS_MEMORY("limits.memory", Compute.MEMORY, true);

    final String key;
    final Compute resource;
    final boolean limit;

    QuotaKey(String key, Compute resource, boolean limit) {
      this.key = key;
      this.resource = resource;
      this.limit = limit;
    }
  }
}
