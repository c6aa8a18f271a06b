/**
 * berth-network: Docker's bridge networking for containers.
 *
 * <p>{@link io.berth.network.BridgeNetwork} is the entry point: one instance per network (today
 * the default {@code bridge}), opened at daemon start with a {@link io.berth.network.BridgeConfig}
 * and a state directory, then {@code attach}/{@code detach} per container and {@code sweep} once
 * after a restart. Per-container plumbing (veth pair, addresses, routes, loopback) is done in-process with
 * rtnetlink ({@link io.berth.network.VethPair}), addresses come from {@link io.berth.network.AddressPool}; the
 * bridge device and the iptables rules are the daemon's. {@link io.berth.network.ResolvConf} and
 * {@link io.berth.network.EtcHosts} build a container's resolv.conf and hosts files.
 */
package io.berth.network;
