package dev.shipshape.backup;

import dev.shipshape.core.GoDuration;
import dev.shipshape.core.ShipshapeStyle;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A command that Velero runs in a container of a pod, before or after backing the pod up; for example freezing a
 * file system or flushing a database.
 *
 * <pre>{@code
 * ExecHook.in("postgres", "/bin/sh", "-c", "psql -c CHECKPOINT").onError(HookErrorMode.FAIL).timeout("2m")
 * }</pre>
 */
@Value.Immutable
@ShipshapeStyle
public abstract class ExecHook {

  /** The container to run in. By default, the pod's first container. */
  public abstract Optional<String> container();

  /** The command and its arguments; not run through a shell unless the command is one. */
  public abstract List<String> command();

  /** What to do when the command fails. By default, Velero's default ({@code Fail}). */
  public abstract Optional<HookErrorMode> onError();

  /** How long to wait for the command, as a Go duration such as {@code 30s}. By default, Velero's 30s. */
  public abstract Optional<String> timeout();

  public static Builder builder() {
    return ImmutableExecHook.builder();
  }

  /** A hook running {@code command} in {@code container}; the result is a builder for more options. */
  public static Builder in(String container, String... command) {
    return builder().container(container).addCommand(command);
  }

  /** Builds {@link ExecHook}s. */
  public interface Builder {
    /** Starts from every attribute of {@code hook}. */
    Builder from(ExecHook hook);

    Builder container(String container);

    Builder container(Optional<String> container);

    Builder addCommand(String... command);

    /** Replaces the command. */
    Builder command(Iterable<String> command);

    Builder onError(HookErrorMode onError);

    Builder onError(Optional<? extends HookErrorMode> onError);

    /** The timeout as a Go duration, such as {@code 30s}. */
    Builder timeout(String timeout);

    Builder timeout(Optional<String> timeout);

    /** Sets the timeout from a Java duration, written as Go writes it. */
    default Builder timeout(Duration timeout) {
      return timeout(dev.shipshape.core.GoDuration.format(timeout));
    }

    ExecHook build();
  }
}
