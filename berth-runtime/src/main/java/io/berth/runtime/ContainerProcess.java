package io.berth.runtime;

/**
 * A container created under conmon: the runtime's state is "created" until {@link OciRuntimeClient#start}.
 *
 * @param pid       the container's init process (host pid namespace)
 * @param conmonPid the monitor, which outlives berthd and exits after writing the exit file
 */
public record ContainerProcess(String id, int pid, int conmonPid, MonitorFiles files) {
}
