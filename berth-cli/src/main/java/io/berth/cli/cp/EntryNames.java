package io.berth.cli.cp;

import java.util.function.UnaryOperator;

/** moby's RebaseArchiveEntries renaming: the first occurrence of the old base in each name (and hard link target). */
public final class EntryNames {
  private EntryNames() {}

  public static UnaryOperator<String> replaceFirst(String from, String to) {
    return name -> {
      int at = name.indexOf(from);
      return at < 0 ? name : name.substring(0, at) + to + name.substring(at + from.length());
    };
  }

  /** The renaming a plan asks for, or none. */
  public static UnaryOperator<String> of(CopyPlan plan) {
    return plan.renames() ? replaceFirst(plan.renameFrom(), plan.renameTo()) : UnaryOperator.identity();
  }
}
