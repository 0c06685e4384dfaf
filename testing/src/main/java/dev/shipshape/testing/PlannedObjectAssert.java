package dev.shipshape.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.plan.PlannedResource;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions on one object of a plan. Fields are named by path as in {@code kubectl explain}, with list
 * indexes: {@code spec.template.spec.containers[0].image}; a key holding dots is written in brackets:
 * {@code metadata.labels[app.kubernetes.io/name]}. Values are compared as text ({@code 2} equals {@code "2"}).
 * Secret values are never shown in failure messages.
 */
public final class PlannedObjectAssert extends AbstractAssert<PlannedObjectAssert, PlannedResource> {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SEGMENT = Pattern.compile("([^.\\[\\]]+)|\\[([^\\]]+)\\]");

  PlannedObjectAssert(PlannedResource resource) {
    super(resource, PlannedObjectAssert.class);
  }

  /** The field at {@code path} holds {@code expected} (a scalar compared as text, or any value as JSON). */
  public PlannedObjectAssert hasField(String path, Object expected) {
    JsonNode value = field(path);
    if (value.isMissingNode() || value.isNull()) {
      failWithMessage("Expected %s to set %s but it does not", actual.ref(), path);
    }
    JsonNode wanted = JSON.valueToTree(expected);
    boolean same = value.isValueNode() && wanted.isValueNode() ? value.asText().equals(wanted.asText())
        : value.equals(wanted);
    if (!same) {
      if (actual.isSecret()) failWithMessage("Expected %s to hold another value at %s", actual.ref(), path);
      failWithMessage("Expected %s to hold%n  %s%nat %s but it holds%n  %s", actual.ref(), wanted, path, value);
    }
    return this;
  }

  /** The object does not set the field at {@code path}. */
  public PlannedObjectAssert doesNotHaveField(String path) {
    JsonNode value = field(path);
    if (!value.isMissingNode() && !value.isNull()) {
      failWithMessage("Expected %s not to set %s but it holds %s", actual.ref(), path,
          actual.isSecret() ? "a value" : value);
    }
    return this;
  }

  /** The object is applied in this wave. */
  public PlannedObjectAssert isInWave(int wave) {
    isNotNull();
    if (actual.wave() != wave) failWithMessage("Expected %s in wave %s but it is in wave %s", actual.ref(), wave,
        actual.wave());
    return this;
  }

  private JsonNode field(String path) {
    isNotNull();
    JsonNode node = Manifests.toTree(actual.object());
    Matcher segments = SEGMENT.matcher(path);
    while (segments.find()) {
      String key = segments.group(1) != null ? segments.group(1) : segments.group(2);
      node = node.isArray() && key.chars().allMatch(Character::isDigit) ? node.path(Integer.parseInt(key))
          : node.path(key);
    }
    return node;
  }
}
