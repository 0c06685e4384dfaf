package dev.shipshape.cli;

import dev.shipshape.cli.spi.CliContext;
import dev.shipshape.cli.spi.CliPlugin;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * The subcommands of {@code shipshape}: the command line's own and those of the plug-ins. Building a command's
 * picocli model reads its annotations and loads the classes of its options, so a run creates only the command it
 * invokes (every command for the top-level help, {@code help} and {@code completion}, and when the first argument
 * names no command). The names of all commands are still compared at every start, so a name taken twice stops every
 * run. A plug-in that does not declare {@link CliPlugin#commandNames() its command names} has its commands created
 * on every run.
 */
final class Subcommands {
  private static final String OWN = "the shipshape command";

  private final Map<String, Supplier<Object>> own;
  private final Map<String, Supplier<Object>> last;
  private final List<CliPlugin> plugins;
  private final CliContext context;

  /**
   * The command line's own commands ({@code own} in the order they are listed before the plug-ins' commands,
   * {@code last} after them), and those of {@code plugins} in their order.
   */
  Subcommands(Map<String, Supplier<Object>> own, Map<String, Supplier<Object>> last, List<CliPlugin> plugins,
      CliContext context) {
    this.own = new LinkedHashMap<>(own);
    this.last = new LinkedHashMap<>(last);
    this.plugins = List.copyOf(plugins);
    this.context = context;
  }

  /**
   * The command that {@code args} invoke, when their first argument names one of the command line's commands;
   * empty for an option ({@code --help}), an argument file ({@code @FILE}) or nothing.
   */
  static Optional<String> invoked(String... args) {
    if (args.length == 0 || args[0].startsWith("-") || args[0].startsWith("@")) return Optional.empty();
    return Optional.of(args[0]);
  }

  /**
   * Adds the commands that running {@code invoked} needs to {@code root}: only that command when it is one of
   * the command line's own or a declared command of a plug-in (except {@code help} and {@code completion}, which
   * describe every command), else all of them in their order.
   *
   * @throws IllegalStateException naming both owners when a command name is taken twice, or naming the plug-in
   *     when its commands are not those it declares
   */
  void addTo(CommandLine root, Optional<String> invoked) {
    Map<String, String> owners = new HashMap<>();
    own.keySet().forEach(name -> owners.put(name, OWN));
    last.keySet().forEach(name -> owners.put(name, OWN));
    Map<CliPlugin, List<CommandLine>> created = new LinkedHashMap<>();
    Map<String, CliPlugin> declaring = new HashMap<>();
    for (CliPlugin plugin : plugins) {
      List<String> names = plugin.commandNames();
      if (names.isEmpty()) {
        List<CommandLine> commands = create(plugin);
        commands.forEach(command -> claim(owners, command.getCommandName(), plugin));
        created.put(plugin, commands);
      } else {
        names.forEach(name -> claim(owners, name, plugin));
        names.forEach(name -> declaring.put(name, plugin));
      }
    }
    String name = invoked.orElse("");
    boolean describesAll = name.equals("help") || name.equals("completion");
    if (!describesAll && (own.containsKey(name) || last.containsKey(name))) {
      root.addSubcommand(name, commandLine(own.getOrDefault(name, last.get(name)).get()));
    } else if (!describesAll && declaring.containsKey(name)) {
      created(declaring.get(name), created).forEach(command -> add(root, command));
    } else {
      own.forEach((n, command) -> root.addSubcommand(n, commandLine(command.get())));
      plugins.forEach(plugin -> created(plugin, created).forEach(command -> add(root, command)));
      last.forEach((n, command) -> root.addSubcommand(n, commandLine(command.get())));
    }
  }

  private static void claim(Map<String, String> owners, String name, CliPlugin plugin) {
    String owner = owners.putIfAbsent(name, plugin.getClass().getName());
    if (owner != null) {
      throw new IllegalStateException("command '" + name + "' of " + plugin.getClass().getName() + " is "
          + "already defined by " + owner + " — rename one of them");
    }
  }

  /** The commands of a plug-in, created once, checked against the names it declares. */
  private List<CommandLine> created(CliPlugin plugin, Map<CliPlugin, List<CommandLine>> created) {
    List<CommandLine> commands = created.get(plugin);
    if (commands != null) return commands;
    commands = create(plugin);
    List<String> names = new ArrayList<>();
    commands.forEach(command -> names.add(command.getCommandName()));
    if (!names.equals(plugin.commandNames())) {
      throw new IllegalStateException(plugin.getClass().getName() + " declares the commands "
          + plugin.commandNames() + " but creates " + names + " — make commandNames() list the names of the "
          + "commands that commands(context) returns, in the same order");
    }
    created.put(plugin, commands);
    return commands;
  }

  private List<CommandLine> create(CliPlugin plugin) {
    List<CommandLine> commands = new ArrayList<>();
    for (Object command : plugin.commands(context)) commands.add(commandLine(command));
    return commands;
  }

  private static CommandLine commandLine(Object command) {
    return command instanceof CommandLine ? (CommandLine) command : new CommandLine(command);
  }

  private static void add(CommandLine root, CommandLine command) {
    root.addSubcommand(command.getCommandName(), command);
  }
}
