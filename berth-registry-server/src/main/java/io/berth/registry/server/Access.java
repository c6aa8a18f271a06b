package io.berth.registry.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who may do what, for the token service: one rule a line, {@code USER REPOSITORY-PATTERN ACTIONS}, e.g.
 * <pre>
 * alice      team/*     pull,push,delete
 * *          team/*     pull              # every user who logged in
 * anonymous  public/*   pull              # clients without credentials: anonymous pull
 * admin      *          pull,push,delete,catalog
 * </pre>
 * A pattern's {@code *} matches any characters (slashes included). Actions: pull, push, delete, and catalog
 * (listing {@code /v2/_catalog}; its pattern is ignored).
 */
final class Access {
  static final Set<String> ACTIONS = Set.of("pull", "push", "delete", "catalog");

  record Rule(String user, Pattern repositories, Set<String> actions) {}

  private final List<Rule> rules;

  Access(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  static Access load(Path file) throws IOException {
    List<Rule> rules = new ArrayList<>();
    int number = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      number++;
      int hash = line.indexOf('#');
      String text = (hash < 0 ? line : line.substring(0, hash)).strip();
      if (text.isEmpty()) {
        continue;
      }
      String[] fields = text.split("\\s+");
      if (fields.length != 3) {
        throw new SettingsException("access file " + file + ", line " + number + ": want USER REPOSITORY-PATTERN ACTIONS");
      }
      Set<String> actions = new LinkedHashSet<>(List.of(fields[2].split(",")));
      for (String action : actions) {
        if (!ACTIONS.contains(action)) {
          throw new SettingsException("access file " + file + ", line " + number + ": unknown action \"" + action
              + "\" (pull, push, delete, catalog)");
        }
      }
      rules.add(new Rule(fields[0], glob(fields[1]), actions));
    }
    return new Access(rules);
  }

  /** What {@code user} (null: anonymous) may do of {@code wanted} on the repository. */
  Set<String> granted(String user, String repository, Set<String> wanted) {
    Set<String> granted = new LinkedHashSet<>();
    for (Rule rule : rules) {
      boolean who = user == null ? rule.user.equals("anonymous")
          : rule.user.equals("*") || rule.user.equals(user);
      if (who && (repository == null || rule.repositories.matcher(repository).matches())) {
        for (String action : wanted) {
          if (rule.actions.contains(action)) {
            granted.add(action);
          }
        }
      }
    }
    return granted;
  }

  private static Pattern glob(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (String part : pattern.split("\\*", -1)) {
      if (!regex.isEmpty()) {
        regex.append(".*");
      }
      regex.append(Pattern.quote(part));
    }
    return Pattern.compile(regex.toString());
  }
}
