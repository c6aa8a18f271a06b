package io.berth.runtime;

import io.berth.common.Json;
import io.berth.sys.SeccompBpf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** exec sessions under conmon in a real busybox container (needs root, conmon, runc and busybox-static). */
class ExecMonitorTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private Sandbox sandbox;
    private String id;
    private Launch container;

    @BeforeEach
    void setUp() throws Exception {
        sandbox = new Sandbox();
        id = sandbox.newId("exec");
        container = sandbox.prepare(id, List.of("busybox", "sleep", "60"), false, false, false, 0);
        sandbox.conmon.launch(container);
        sandbox.runtime.start(id);
    }

    @AfterEach
    void tearDown() throws Exception {
        sandbox.close();
    }

    private ExecLaunch session(String name, List<String> args, boolean tty, boolean stdin) throws Exception {
        Map<String, Object> config = Json.object(Files.readAllBytes(container.bundle().resolve("config.json")));
        @SuppressWarnings("unchecked")
        Map<String, Object> process = new HashMap<>((Map<String, Object>) config.get("process"));
        process.put("args", args);
        process.put("terminal", tty);
        Path dir = sandbox.root.resolve("execs").resolve(name);
        Files.createDirectories(dir);
        long pid = sandbox.runtime.state(id).pid();
        Path bpf = null;
        if (config.get("linux") instanceof Map<?, ?> linux && linux.get("seccomp") instanceof Map<?, ?> seccomp) {
            bpf = dir.resolve("seccomp.bpf");
            Files.write(bpf, SeccompBpf.compile(seccomp));
        }
        ExecLaunch launch = new ExecLaunch(id, name, dir, ExecMonitor.launcher(), tty, stdin);
        Files.write(launch.plan(), new ExecPlan(pid, ExecPlan.namespaces(config), ProcessCgroups.procsFiles(pid),
                process, bpf).bytes());
        return launch;
    }

    @Test
    void outputOnBothStreamsStdinAndExitCode() throws Exception {
        ExecLaunch spec = session("e1", List.of("sh", "-c", "read x; echo out:$x; echo err >&2; exit 5"), false, true);
        ExecProcess p = new ExecMonitor(sandbox.conmon).start(spec, true);
        assertTrue(p.pid() > 0 && p.conmonPid() > 0, p.toString());
        AttachSocket attach = p.attach().orElseThrow();
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        Thread pump = Thread.ofPlatform().start(() -> {
            try {
                AttachSocket.Packet packet;
                while ((packet = attach.read()) != null) {
                    (packet.stream() == AttachSocket.STDERR ? err : out).writeBytes(packet.data());
                }
            } catch (Exception e) {
                err.writeBytes(e.toString().getBytes(StandardCharsets.UTF_8));
            }
        });
        attach.write("hi\n".getBytes(StandardCharsets.UTF_8));
        attach.closeStdin();
        assertEquals(5, p.exit().get(WAIT.toSeconds(), TimeUnit.SECONDS));
        pump.join(WAIT.toMillis());
        attach.close();
        assertEquals("out:hi\n", out.toString(StandardCharsets.UTF_8));
        assertEquals("err\n", err.toString(StandardCharsets.UTF_8));
        assertEquals(java.util.OptionalInt.of(5), ExecMonitor.exitCode(p.files()), "the exit files agree");
        assertEquals("running", sandbox.runtime.state(id).status(), "the container is untouched");
    }

    @Test
    void ttySessionSeesItsSize() throws Exception {
        ExecLaunch spec = session("e2", List.of("sh", "-c", "read x; busybox stty size; exit 3"), true, true);
        ExecProcess p = new ExecMonitor(sandbox.conmon).start(spec, true);
        AttachSocket attach = p.attach().orElseThrow();
        var out = new StringBuffer();
        Thread pump = Thread.ofPlatform().start(() -> {
            try {
                AttachSocket.Packet packet;
                while ((packet = attach.read()) != null) {
                    out.append(new String(packet.data(), StandardCharsets.UTF_8));
                }
            } catch (Exception e) {
                out.append(e);
            }
        });
        Conmon.resize(p.files(), 33, 77);
        attach.write("go\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(3, p.exit().get(WAIT.toSeconds(), TimeUnit.SECONDS));
        pump.join(WAIT.toMillis());
        attach.close();
        assertTrue(out.toString().contains("33 77"), out.toString());
    }

    @Test
    void aMissingExecutableIsTheRuntimesError() throws Exception {
        ExecLaunch spec = session("e3", List.of("no-such-binary"), false, false);
        var e = assertThrows(OciRuntimeException.class, () -> new ExecMonitor(sandbox.conmon).start(spec, true));
        assertTrue(e.getMessage().contains("executable file not found"), e.getMessage());
    }
}
