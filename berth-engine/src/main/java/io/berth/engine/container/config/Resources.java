package io.berth.engine.container.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The cgroup limits and ulimits of a HostConfig (moby's {@code container.Resources}, embedded in HostConfig
 * and the body of {@code POST /containers/{id}/update}). Zero means unset, as in Docker; the pointers of
 * Docker's API are the boxed ones.
 */
public record Resources(
    long cpuShares,
    long memory,
    long nanoCpus,
    String cgroupParent,
    int blkioWeight,
    List<WeightDevice> blkioWeightDevice,
    List<ThrottleDevice> blkioDeviceReadBps,
    List<ThrottleDevice> blkioDeviceWriteBps,
    @JsonProperty("BlkioDeviceReadIOps") List<ThrottleDevice> blkioDeviceReadIOps,
    @JsonProperty("BlkioDeviceWriteIOps") List<ThrottleDevice> blkioDeviceWriteIOps,
    long cpuPeriod,
    long cpuQuota,
    long cpuRealtimePeriod,
    long cpuRealtimeRuntime,
    String cpusetCpus,
    String cpusetMems,
    List<DeviceMapping> devices,
    List<String> deviceCgroupRules,
    List<DeviceRequest> deviceRequests,
    @JsonProperty("KernelMemoryTCP") @JsonInclude(Include.NON_DEFAULT) long kernelMemoryTcp,
    long memoryReservation,
    long memorySwap,
    Long memorySwappiness,
    Boolean oomKillDisable,
    Long pidsLimit,
    List<Ulimit> ulimits,
    long cpuCount,
    long cpuPercent,
    @JsonProperty("IOMaximumIOps") long ioMaximumIOps,
    @JsonProperty("IOMaximumBandwidth") long ioMaximumBandwidth) {

  public Resources {
    cgroupParent = ContainerConfig.orEmpty(cgroupParent);
    cpusetCpus = ContainerConfig.orEmpty(cpusetCpus);
    cpusetMems = ContainerConfig.orEmpty(cpusetMems);
    blkioWeightDevice = ContainerConfig.copy(blkioWeightDevice);
    blkioDeviceReadBps = ContainerConfig.copy(blkioDeviceReadBps);
    blkioDeviceWriteBps = ContainerConfig.copy(blkioDeviceWriteBps);
    blkioDeviceReadIOps = ContainerConfig.copy(blkioDeviceReadIOps);
    blkioDeviceWriteIOps = ContainerConfig.copy(blkioDeviceWriteIOps);
    devices = ContainerConfig.copy(devices);
    deviceCgroupRules = ContainerConfig.copy(deviceCgroupRules);
    deviceRequests = ContainerConfig.copy(deviceRequests);
    ulimits = ContainerConfig.copy(ulimits);
  }

  public static Resources none() {
    return new Builder().build();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** {@code --ulimit name=soft:hard}. */
  public record Ulimit(String name, long soft, long hard) {}

  /** {@code --device /dev/x:/dev/y:rwm}. */
  public record DeviceMapping(String pathOnHost, String pathInContainer, String cgroupPermissions) {}

  /** {@code --gpus}: a request to a device driver. */
  public record DeviceRequest(String driver, int count, @JsonProperty("DeviceIDs") List<String> deviceIds,
      List<List<String>> capabilities, java.util.Map<String, String> options) {}

  /** {@code --blkio-weight-device}. */
  public record WeightDevice(String path, int weight) {}

  /** {@code --device-read-bps} and the like. */
  public record ThrottleDevice(String path, long rate) {}

  /** For update and the create-time defaults, which change a few fields of a given Resources. */
  public static final class Builder {
    public long cpuShares;
    public long memory;
    public long nanoCpus;
    public String cgroupParent;
    public int blkioWeight;
    public List<WeightDevice> blkioWeightDevice;
    public List<ThrottleDevice> blkioDeviceReadBps;
    public List<ThrottleDevice> blkioDeviceWriteBps;
    public List<ThrottleDevice> blkioDeviceReadIOps;
    public List<ThrottleDevice> blkioDeviceWriteIOps;
    public long cpuPeriod;
    public long cpuQuota;
    public long cpuRealtimePeriod;
    public long cpuRealtimeRuntime;
    public String cpusetCpus;
    public String cpusetMems;
    public List<DeviceMapping> devices;
    public List<String> deviceCgroupRules;
    public List<DeviceRequest> deviceRequests;
    public long kernelMemoryTcp;
    public long memoryReservation;
    public long memorySwap;
    public Long memorySwappiness;
    public Boolean oomKillDisable;
    public Long pidsLimit;
    public List<Ulimit> ulimits;
    public long cpuCount;
    public long cpuPercent;
    public long ioMaximumIOps;
    public long ioMaximumBandwidth;

    public Builder() {}

    Builder(Resources r) {
      cpuShares = r.cpuShares;
      memory = r.memory;
      nanoCpus = r.nanoCpus;
      cgroupParent = r.cgroupParent;
      blkioWeight = r.blkioWeight;
      blkioWeightDevice = r.blkioWeightDevice;
      blkioDeviceReadBps = r.blkioDeviceReadBps;
      blkioDeviceWriteBps = r.blkioDeviceWriteBps;
      blkioDeviceReadIOps = r.blkioDeviceReadIOps;
      blkioDeviceWriteIOps = r.blkioDeviceWriteIOps;
      cpuPeriod = r.cpuPeriod;
      cpuQuota = r.cpuQuota;
      cpuRealtimePeriod = r.cpuRealtimePeriod;
      cpuRealtimeRuntime = r.cpuRealtimeRuntime;
      cpusetCpus = r.cpusetCpus;
      cpusetMems = r.cpusetMems;
      devices = r.devices;
      deviceCgroupRules = r.deviceCgroupRules;
      deviceRequests = r.deviceRequests;
      kernelMemoryTcp = r.kernelMemoryTcp;
      memoryReservation = r.memoryReservation;
      memorySwap = r.memorySwap;
      memorySwappiness = r.memorySwappiness;
      oomKillDisable = r.oomKillDisable;
      pidsLimit = r.pidsLimit;
      ulimits = r.ulimits;
      cpuCount = r.cpuCount;
      cpuPercent = r.cpuPercent;
      ioMaximumIOps = r.ioMaximumIOps;
      ioMaximumBandwidth = r.ioMaximumBandwidth;
    }

    public Resources build() {
      return new Resources(cpuShares, memory, nanoCpus, cgroupParent, blkioWeight, blkioWeightDevice,
          blkioDeviceReadBps, blkioDeviceWriteBps, blkioDeviceReadIOps, blkioDeviceWriteIOps, cpuPeriod, cpuQuota,
          cpuRealtimePeriod, cpuRealtimeRuntime, cpusetCpus, cpusetMems, devices, deviceCgroupRules, deviceRequests,
          kernelMemoryTcp, memoryReservation, memorySwap, memorySwappiness, oomKillDisable, pidsLimit, ulimits,
          cpuCount, cpuPercent, ioMaximumIOps, ioMaximumBandwidth);
    }
  }
}
