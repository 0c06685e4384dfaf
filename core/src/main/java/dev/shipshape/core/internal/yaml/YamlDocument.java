package dev.shipshape.core.internal.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * One document of a YAML stream: its 1-based position, the line it starts on, and its content (empty for an empty
 * or comment-only document).
 */
public record YamlDocument(int index, int line, Optional<JsonNode> content) {}
