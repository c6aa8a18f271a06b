/**
 * berth-runtime: containers run by an OCI runtime (runc, crun) under conmon, a per-container monitor
 * that outlives berthd and holds the container's stdio, log and exit code.
 *
 * <ul>
 *   <li>{@link io.berth.runtime.RuntimeProbe} picks the runtime that works on this host (once, at start).</li>
 *   <li>{@link io.berth.runtime.Conmon#launch} creates a container under conmon (state "created");
 *       {@link io.berth.runtime.OciRuntimeClient} starts, signals, pauses, updates and deletes it.</li>
 *   <li>{@link io.berth.runtime.ExitFiles} and {@link io.berth.runtime.ExitWatcher} learn exits;
 *       {@link io.berth.runtime.Conmon#inspect} tells, after a restart, what became of a container.</li>
 *   <li>{@link io.berth.runtime.AttachSocket} streams output and stdin; {@link io.berth.runtime.Conmon#resize}
 *       sets the terminal size; {@link io.berth.runtime.LogReader} reads the k8s-file log.</li>
 * </ul>
 * The files involved and what survives a crash: {@link io.berth.runtime.MonitorFiles}.
 */
package io.berth.runtime;
