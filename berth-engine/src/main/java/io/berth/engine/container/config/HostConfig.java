package io.berth.engine.container.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import java.util.Map;

/**
 * A container's HostConfig as the Engine API has it (moby's {@code container.HostConfig}, fields in its order,
 * Resources embedded). Lists and maps are null when not given, as Docker reports them.
 */
public record HostConfig(
    List<String> binds,
    @JsonProperty("ContainerIDFile") String containerIdFile,
    LogConfig logConfig,
    NetworkMode networkMode,
    Map<String, List<PortBinding>> portBindings,
    RestartPolicy restartPolicy,
    boolean autoRemove,
    String volumeDriver,
    List<String> volumesFrom,
    List<Integer> consoleSize,
    @JsonInclude(Include.NON_EMPTY) Map<String, String> annotations,
    List<String> capAdd,
    List<String> capDrop,
    String cgroupnsMode,
    List<String> dns,
    List<String> dnsOptions,
    List<String> dnsSearch,
    List<String> extraHosts,
    List<String> groupAdd,
    String ipcMode,
    String cgroup,
    List<String> links,
    int oomScoreAdj,
    String pidMode,
    boolean privileged,
    boolean publishAllPorts,
    boolean readonlyRootfs,
    List<String> securityOpt,
    @JsonInclude(Include.NON_EMPTY) Map<String, String> storageOpt,
    @JsonInclude(Include.NON_EMPTY) Map<String, String> tmpfs,
    @JsonProperty("UTSMode") String utsMode,
    String usernsMode,
    long shmSize,
    @JsonInclude(Include.NON_EMPTY) Map<String, String> sysctls,
    @JsonInclude(Include.NON_EMPTY) String runtime,
    String isolation,
    @JsonUnwrapped Resources resources,
    @JsonInclude(Include.NON_EMPTY) List<MountSpec> mounts,
    List<String> maskedPaths,
    List<String> readonlyPaths,
    @JsonInclude(Include.NON_NULL) Boolean init) {

  /** What dockerd records when a create request leaves ShmSize at 0. */
  public static final long DEFAULT_SHM_SIZE = 64L * 1024 * 1024;

  public HostConfig {
    containerIdFile = ContainerConfig.orEmpty(containerIdFile);
    logConfig = logConfig == null ? new LogConfig("", Map.of()) : logConfig;
    networkMode = networkMode == null ? NetworkMode.parse("") : networkMode;
    restartPolicy = restartPolicy == null ? new RestartPolicy("", 0) : restartPolicy;
    volumeDriver = ContainerConfig.orEmpty(volumeDriver);
    cgroupnsMode = ContainerConfig.orEmpty(cgroupnsMode);
    ipcMode = ContainerConfig.orEmpty(ipcMode);
    cgroup = ContainerConfig.orEmpty(cgroup);
    pidMode = ContainerConfig.orEmpty(pidMode);
    utsMode = ContainerConfig.orEmpty(utsMode);
    usernsMode = ContainerConfig.orEmpty(usernsMode);
    runtime = ContainerConfig.orEmpty(runtime);
    isolation = ContainerConfig.orEmpty(isolation);
    resources = resources == null ? Resources.none() : resources;
    binds = ContainerConfig.copy(binds);
    volumesFrom = ContainerConfig.copy(volumesFrom);
    consoleSize = ContainerConfig.copy(consoleSize);
    capAdd = ContainerConfig.copy(capAdd);
    capDrop = ContainerConfig.copy(capDrop);
    dns = ContainerConfig.copy(dns);
    dnsOptions = ContainerConfig.copy(dnsOptions);
    dnsSearch = ContainerConfig.copy(dnsSearch);
    extraHosts = ContainerConfig.copy(extraHosts);
    groupAdd = ContainerConfig.copy(groupAdd);
    links = ContainerConfig.copy(links);
    securityOpt = ContainerConfig.copy(securityOpt);
    mounts = ContainerConfig.copy(mounts);
    maskedPaths = ContainerConfig.copy(maskedPaths);
    readonlyPaths = ContainerConfig.copy(readonlyPaths);
  }

  public static HostConfig empty() {
    return new Builder().build();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  public HostConfig withResources(Resources newResources) {
    Builder b = toBuilder();
    b.resources = newResources;
    return b.build();
  }

  public HostConfig withRestartPolicy(RestartPolicy policy) {
    Builder b = toBuilder();
    b.restartPolicy = policy;
    return b.build();
  }

  /** For the derivations: create-time defaults, update, exec's view. */
  public static final class Builder {
    public List<String> binds;
    public String containerIdFile;
    public LogConfig logConfig;
    public NetworkMode networkMode;
    public Map<String, List<PortBinding>> portBindings;
    public RestartPolicy restartPolicy;
    public boolean autoRemove;
    public String volumeDriver;
    public List<String> volumesFrom;
    public List<Integer> consoleSize;
    public Map<String, String> annotations;
    public List<String> capAdd;
    public List<String> capDrop;
    public String cgroupnsMode;
    public List<String> dns;
    public List<String> dnsOptions;
    public List<String> dnsSearch;
    public List<String> extraHosts;
    public List<String> groupAdd;
    public String ipcMode;
    public String cgroup;
    public List<String> links;
    public int oomScoreAdj;
    public String pidMode;
    public boolean privileged;
    public boolean publishAllPorts;
    public boolean readonlyRootfs;
    public List<String> securityOpt;
    public Map<String, String> storageOpt;
    public Map<String, String> tmpfs;
    public String utsMode;
    public String usernsMode;
    public long shmSize;
    public Map<String, String> sysctls;
    public String runtime;
    public String isolation;
    public Resources resources;
    public List<MountSpec> mounts;
    public List<String> maskedPaths;
    public List<String> readonlyPaths;
    public Boolean init;

    public Builder() {}

    Builder(HostConfig h) {
      binds = h.binds;
      containerIdFile = h.containerIdFile;
      logConfig = h.logConfig;
      networkMode = h.networkMode;
      portBindings = h.portBindings;
      restartPolicy = h.restartPolicy;
      autoRemove = h.autoRemove;
      volumeDriver = h.volumeDriver;
      volumesFrom = h.volumesFrom;
      consoleSize = h.consoleSize;
      annotations = h.annotations;
      capAdd = h.capAdd;
      capDrop = h.capDrop;
      cgroupnsMode = h.cgroupnsMode;
      dns = h.dns;
      dnsOptions = h.dnsOptions;
      dnsSearch = h.dnsSearch;
      extraHosts = h.extraHosts;
      groupAdd = h.groupAdd;
      ipcMode = h.ipcMode;
      cgroup = h.cgroup;
      links = h.links;
      oomScoreAdj = h.oomScoreAdj;
      pidMode = h.pidMode;
      privileged = h.privileged;
      publishAllPorts = h.publishAllPorts;
      readonlyRootfs = h.readonlyRootfs;
      securityOpt = h.securityOpt;
      storageOpt = h.storageOpt;
      tmpfs = h.tmpfs;
      utsMode = h.utsMode;
      usernsMode = h.usernsMode;
      shmSize = h.shmSize;
      sysctls = h.sysctls;
      runtime = h.runtime;
      isolation = h.isolation;
      resources = h.resources;
      mounts = h.mounts;
      maskedPaths = h.maskedPaths;
      readonlyPaths = h.readonlyPaths;
      init = h.init;
    }

    public HostConfig build() {
      return new HostConfig(binds, containerIdFile, logConfig, networkMode, portBindings, restartPolicy, autoRemove,
          volumeDriver, volumesFrom, consoleSize, annotations, capAdd, capDrop, cgroupnsMode, dns, dnsOptions,
          dnsSearch, extraHosts, groupAdd, ipcMode, cgroup, links, oomScoreAdj, pidMode, privileged,
          publishAllPorts, readonlyRootfs, securityOpt, storageOpt, tmpfs, utsMode, usernsMode, shmSize, sysctls,
          runtime, isolation, resources, mounts, maskedPaths, readonlyPaths, init);
    }
  }
}
