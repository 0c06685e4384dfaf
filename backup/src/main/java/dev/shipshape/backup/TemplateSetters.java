package dev.shipshape.backup;

import dev.shipshape.core.GoDuration;
import java.time.Duration;

/**
 * The shorthand setters that the builders of {@link VeleroSchedule} and {@link VeleroBackup} share; the abstract
 * methods are the ones their generated builders have.
 *
 * @param <B> the builder type
 */
public interface TemplateSetters<B extends TemplateSetters<B>> {

  B addIncludedNamespaces(String... namespaces);

  B ttl(String ttl);

  B addHooks(BackupHook hook);

  B putLabelSelector(String key, String value);

  /** Backs up these namespaces. */
  default B namespaces(String... namespaces) {
    return addIncludedNamespaces(namespaces);
  }

  /** Keeps backups this long, written as a Go duration. */
  default B ttl(Duration ttl) {
    return ttl(GoDuration.format(ttl));
  }

  default B hook(BackupHook hook) {
    return addHooks(hook);
  }

  /** Backs up only objects with the label {@code key=value}. */
  default B label(String key, String value) {
    return putLabelSelector(key, value);
  }
}
