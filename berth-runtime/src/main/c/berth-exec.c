/*
 * berth-exec: one more process in a running container, for `docker exec`, and its monitor.
 *
 *   berth-exec       (started ahead of need: it waits for the frame that gives it its session)
 *
 * It does what `runc exec` does (join the container's cgroups and namespaces, fork into its pid namespace,
 * set up the terminal, rlimits, user, capabilities, no_new_privs and seccomp, chdir, exec) in a few
 * milliseconds where runc, two Go programs started one after the other, takes tens; then it stays, relays
 * the process's stdio and reports its exit. berthd resolves everything beforehand: the plan is a flat list of
 * NUL-terminated "key=value" records (see ExecPlan.java), so that this program parses nothing but that.
 *
 * berthd and berth-exec talk over berth-exec's stdin and stdout in frames: one type byte, a 4-byte
 * big-endian length, the payload (see ExecLauncher.java).
 *   out: 1 stdout data, 2 stderr data, 3 started (pid), 4 failed (runc's wording: "exec failed: unable to
 *        start container process: ..."), 5 exited (exit code, 128+N after signal N)
 *   in:  0 stdin data, 1 close stdin, 2 resize (rows, cols: 2 bytes each), 3 the session (EXIT_FILE NUL, then
 *        the plan's records; always the first frame, and only once)
 * The exit code is also written to EXIT_FILE (atomically), so that a berthd that restarted meanwhile
 * still learns it (an empty EXIT_FILE: nobody will ask, none is written); if berthd goes away, output is
 * discarded and the process runs on.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/capability.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <poll.h>
#include <termios.h>
#include <unistd.h>

#define MAX_LIST 4096
#define MAX_SESSION (64u << 20) /* a session frame larger than this is not berthd's */
#define ERR_PREFIX "exec failed: unable to start container process: "

enum { OUT_STDOUT = 1, OUT_STDERR = 2, OUT_STARTED = 3, OUT_FAILED = 4, OUT_EXITED = 5 };
enum { IN_STDIN = 0, IN_CLOSE_STDIN = 1, IN_RESIZE = 2, IN_SESSION = 3 };

struct rlimit_entry {
    int resource;
    struct rlimit value;
};

struct plan {
    pid_t pid;                      /* the container's init, in berthd's pid namespace */
    const char *ns[8];              /* namespace names as in /proc/PID/ns, joined in this order */
    int ns_count;
    const char *cgroups[32];        /* cgroup.procs files to join */
    int cgroup_count;
    struct rlimit_entry rlimits[RLIM_NLIMITS];
    int rlimit_count;
    const char *cwd;
    uid_t uid;
    gid_t gid;
    gid_t groups[256];
    int group_count;
    uint64_t cap_bounding, cap_effective, cap_permitted, cap_inheritable, cap_ambient;
    int no_new_privs;
    struct sock_fprog seccomp;      /* the BPF program, read from its file before the mount namespace changes */
    const char *oom_score_adj;
    int terminal;
    int stdin_open;                 /* the process reads berthd's stdin frames, else /dev/null */
    unsigned short rows, cols;
    char *env[MAX_LIST + 1];
    int env_count;
    char *args[MAX_LIST + 1];
    int arg_count;
};

/* The child reports a failure to the parent on this pipe (closed on exec when all went well). */
static int report_fd = -1;
/* berthd went away: output is dropped from then on */
static int berthd_gone = 0;

static void write_all(int fd, const void *buf, size_t len) {
    const char *p = buf;
    while (len > 0 && !berthd_gone) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            berthd_gone = 1;
            return;
        }
        p += n;
        len -= (size_t) n;
    }
}

static void send_frame(int type, const void *data, size_t len) {
    unsigned char head[5] = {(unsigned char) type, (unsigned char) (len >> 24), (unsigned char) (len >> 16),
                             (unsigned char) (len >> 8), (unsigned char) len};
    write_all(1, head, sizeof head);
    write_all(1, data, len);
}

static void fail(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

static void fail(const char *fmt, ...) {
    char msg[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (report_fd >= 0) {
        ssize_t ignored = write(report_fd, msg, strlen(msg));
        (void) ignored;
        _exit(1);
    }
    char framed[2200];
    int len = snprintf(framed, sizeof framed, ERR_PREFIX "%s", msg);
    send_frame(OUT_FAILED, framed, (size_t) (len < (int) sizeof framed ? len : (int) sizeof framed - 1));
    exit(1);
}

/* Go's error wording (lower-case strerror), which Docker users see in runc's messages. */
static const char *go_error(int err) {
    static char buf[256];
    snprintf(buf, sizeof buf, "%s", strerror(err));
    if (buf[0] >= 'A' && buf[0] <= 'Z' && !(buf[1] >= 'A' && buf[1] <= 'Z')) {
        buf[0] = (char) (buf[0] - 'A' + 'a');
    }
    return buf;
}

static uint64_t parse_u64(const char *key, const char *v, int base) {
    char *end;
    errno = 0;
    unsigned long long n = strtoull(v, &end, base);
    if (errno || *end || end == v) {
        fail("bad %s in exec plan: %s", key, v);
    }
    return n;
}

static char *read_file(const char *path, size_t *size) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        fail("open %s: %s", path, go_error(errno));
    }
    struct stat st;
    if (fstat(fd, &st) < 0) {
        fail("stat %s: %s", path, go_error(errno));
    }
    char *data = malloc((size_t) st.st_size + 1);
    size_t done = 0;
    while (data && done < (size_t) st.st_size) {
        ssize_t n = read(fd, data + done, (size_t) st.st_size - done);
        if (n <= 0) {
            fail("read %s: %s", path, n < 0 ? go_error(errno) : "short read");
        }
        done += (size_t) n;
    }
    if (!data) {
        fail("out of memory");
    }
    data[done] = 0;
    close(fd);
    *size = done;
    return data;
}

static void read_seccomp(const char *path, struct sock_fprog *prog) {
    size_t size;
    char *bpf = read_file(path, &size);
    if (size == 0 || size % sizeof(struct sock_filter) != 0 || size / sizeof(struct sock_filter) > BPF_MAXINSNS) {
        fail("seccomp program %s is not a BPF program", path);
    }
    prog->len = (unsigned short) (size / sizeof(struct sock_filter));
    prog->filter = (struct sock_filter *) bpf;
}

/* The plan's records, in place (its strings stay in data). p starts zeroed: it is a static. */
static void parse_plan(char *data, size_t size, struct plan *p) {
    for (char *rec = data, *next; rec < data + size; rec = next) {
        next = rec + strlen(rec) + 1;
        char *eq = strchr(rec, '=');
        if (!eq) {
            fail("bad record in exec plan: %s", rec);
        }
        *eq = 0;
        const char *k = rec;
        char *v = eq + 1;
        if (!strcmp(k, "pid")) {
            p->pid = (pid_t) parse_u64(k, v, 10);
        } else if (!strcmp(k, "ns") && p->ns_count < 8) {
            p->ns[p->ns_count++] = v;
        } else if (!strcmp(k, "cgroup") && p->cgroup_count < 32) {
            p->cgroups[p->cgroup_count++] = v;
        } else if (!strcmp(k, "rlimit") && p->rlimit_count < RLIM_NLIMITS) {
            /* resource:soft:hard, numbers as setrlimit takes them (RLIM_INFINITY = 2^64-1) */
            struct rlimit_entry *r = &p->rlimits[p->rlimit_count++];
            char *soft = strchr(v, ':');
            char *hard = soft ? strchr(soft + 1, ':') : NULL;
            if (!hard) {
                fail("bad rlimit in exec plan: %s", v);
            }
            *soft++ = 0;
            *hard++ = 0;
            r->resource = (int) parse_u64(k, v, 10);
            r->value.rlim_cur = parse_u64(k, soft, 10);
            r->value.rlim_max = parse_u64(k, hard, 10);
        } else if (!strcmp(k, "cwd")) {
            p->cwd = v;
        } else if (!strcmp(k, "uid")) {
            p->uid = (uid_t) parse_u64(k, v, 10);
        } else if (!strcmp(k, "gid")) {
            p->gid = (gid_t) parse_u64(k, v, 10);
        } else if (!strcmp(k, "group") && p->group_count < 256) {
            p->groups[p->group_count++] = (gid_t) parse_u64(k, v, 10);
        } else if (!strcmp(k, "cap.bounding")) {
            p->cap_bounding = parse_u64(k, v, 16);
        } else if (!strcmp(k, "cap.effective")) {
            p->cap_effective = parse_u64(k, v, 16);
        } else if (!strcmp(k, "cap.permitted")) {
            p->cap_permitted = parse_u64(k, v, 16);
        } else if (!strcmp(k, "cap.inheritable")) {
            p->cap_inheritable = parse_u64(k, v, 16);
        } else if (!strcmp(k, "cap.ambient")) {
            p->cap_ambient = parse_u64(k, v, 16);
        } else if (!strcmp(k, "no_new_privs")) {
            p->no_new_privs = !strcmp(v, "1");
        } else if (!strcmp(k, "seccomp")) {
            read_seccomp(v, &p->seccomp);
        } else if (!strcmp(k, "oom_score_adj")) {
            p->oom_score_adj = v;
        } else if (!strcmp(k, "terminal")) {
            p->terminal = !strcmp(v, "1");
        } else if (!strcmp(k, "stdin")) {
            p->stdin_open = !strcmp(v, "1");
        } else if (!strcmp(k, "rows")) {
            p->rows = (unsigned short) parse_u64(k, v, 10);
        } else if (!strcmp(k, "cols")) {
            p->cols = (unsigned short) parse_u64(k, v, 10);
        } else if (!strcmp(k, "env") && p->env_count < MAX_LIST) {
            p->env[p->env_count++] = v;
        } else if (!strcmp(k, "arg") && p->arg_count < MAX_LIST) {
            p->args[p->arg_count++] = v;
        } else {
            fail("unknown record in exec plan: %s", k);
        }
    }
    if (p->pid <= 0 || p->arg_count == 0 || !p->cwd) {
        fail("exec plan lacks pid, arg or cwd");
    }
}

static void write_text(const char *path, const char *text) {
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0) {
        fail("open %s: %s", path, go_error(errno));
    }
    ssize_t n = write(fd, text, strlen(text));
    if (n < 0) {
        fail("write %s: %s", path, go_error(errno));
    }
    close(fd);
}

/* A pty in the container's /dev/pts: the master goes to the monitor (our parent) over a socketpair. */
static void setup_terminal(int console, const struct plan *p) {
    int master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (master < 0) {
        fail("open /dev/ptmx: %s", go_error(errno));
    }
    int unlock = 0;
    if (ioctl(master, TIOCSPTLCK, &unlock) < 0) {
        fail("unlockpt: %s", go_error(errno));
    }
    int slave = ioctl(master, TIOCGPTPEER, O_RDWR | O_NOCTTY);
    if (slave < 0) {
        fail("open pty peer: %s", go_error(errno));
    }
    int n;
    char name[64];
    if (ioctl(master, TIOCGPTN, &n) < 0) {
        fail("ptsname: %s", go_error(errno));
    }
    snprintf(name, sizeof name, "/dev/pts/%d", n);
    if (p->rows && p->cols) {
        struct winsize ws = {.ws_row = p->rows, .ws_col = p->cols};
        ioctl(master, TIOCSWINSZ, &ws);
    }
    char control[CMSG_SPACE(sizeof(int))] = {0};
    struct iovec iov = {.iov_base = name, .iov_len = strlen(name)};
    struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = control, .msg_controllen = sizeof control};
    struct cmsghdr *cmsg = CMSG_FIRSTHDR(&msg);
    cmsg->cmsg_level = SOL_SOCKET;
    cmsg->cmsg_type = SCM_RIGHTS;
    cmsg->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(cmsg), &master, sizeof(int));
    if (sendmsg(console, &msg, 0) < 0) {
        fail("send pty to the monitor: %s", go_error(errno));
    }
    close(master);
    close(console);
    for (int fd = 0; fd < 3; fd++) {
        if (dup2(slave, fd) < 0) {
            fail("dup2 pty: %s", go_error(errno));
        }
    }
    if (slave > 2) {
        close(slave);
    }
    if (ioctl(0, TIOCSCTTY, 0) < 0) {
        fail("ioctl TIOCSCTTY: %s", go_error(errno));
    }
}

static void set_capabilities(const struct plan *p) {
    struct __user_cap_header_struct header = {.version = _LINUX_CAPABILITY_VERSION_3, .pid = 0};
    struct __user_cap_data_struct data[2] = {
        {(uint32_t) p->cap_effective, (uint32_t) p->cap_permitted, (uint32_t) p->cap_inheritable},
        {(uint32_t) (p->cap_effective >> 32), (uint32_t) (p->cap_permitted >> 32),
         (uint32_t) (p->cap_inheritable >> 32)},
    };
    if (syscall(SYS_capset, &header, data) < 0) {
        fail("capset: %s", go_error(errno));
    }
    prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
    for (int cap = 0; cap < 64; cap++) {
        if ((p->cap_ambient >> cap & 1) && prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, cap, 0, 0) < 0) {
            fail("raise ambient capability %d: %s", cap, go_error(errno));
        }
    }
}

static void drop_bounding_set(const struct plan *p) {
    for (int cap = 0; cap < 64; cap++) {
        if (p->cap_bounding >> cap & 1) {
            continue;
        }
        if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) < 0) {
            if (errno == EINVAL) {
                break; /* past the kernel's last capability */
            }
            fail("drop capability %d from the bounding set: %s", cap, go_error(errno));
        }
    }
}

static void load_seccomp(const struct sock_fprog *prog) {
    if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, prog, 0, 0) < 0) {
        fail("load seccomp filter: %s", go_error(errno));
    }
}

static const char *env_value(const struct plan *p, const char *name) {
    size_t len = strlen(name);
    for (int i = 0; i < p->env_count; i++) {
        if (!strncmp(p->env[i], name, len) && p->env[i][len] == '=') {
            return p->env[i] + len + 1;
        }
    }
    return NULL;
}

static int executable(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 0111);
}

/* Go's exec.LookPath over the process's PATH, as runc resolves args[0] inside the container. */
static const char *look_path(const struct plan *p, char *buf, size_t size) {
    const char *name = p->args[0];
    if (strchr(name, '/')) {
        struct stat st;
        if (stat(name, &st) < 0) {
            fail("exec: \"%s\": stat %s: %s", name, name, go_error(errno));
        }
        if (S_ISDIR(st.st_mode) || !(st.st_mode & 0111)) {
            fail("exec: \"%s\": permission denied", name);
        }
        return name;
    }
    const char *path = env_value(p, "PATH");
    if (path) {
        for (const char *dir = path;; ) {
            const char *end = strchrnul(dir, ':');
            int len = (int) (end - dir);
            snprintf(buf, size, "%.*s/%s", len == 0 ? 1 : len, len == 0 ? "." : dir, name);
            if (executable(buf)) {
                return buf;
            }
            if (!*end) {
                break;
            }
            dir = end + 1;
        }
    }
    fail("exec: \"%s\": executable file not found in $PATH", name);
}

/* In the container's namespaces (pid included): becomes the process. Never returns. */
static void become_process(const struct plan *p, int console, const int stdio[3]) {
    sigset_t all;
    sigfillset(&all);
    for (int sig = 1; sig < NSIG; sig++) {
        signal(sig, SIG_DFL);
    }
    sigprocmask(SIG_UNBLOCK, &all, NULL);
    if (setsid() < 0) {
        fail("setsid: %s", go_error(errno));
    }
    if (p->terminal) {
        setup_terminal(console, p);
    } else {
        for (int fd = 0; fd < 3; fd++) {
            if (dup2(stdio[fd], fd) < 0) {
                fail("dup2: %s", go_error(errno));
            }
        }
    }
    for (int i = 0; i < p->rlimit_count; i++) {
        if (setrlimit(p->rlimits[i].resource, &p->rlimits[i].value) < 0) {
            fail("error setting rlimit type %d: %s", p->rlimits[i].resource, go_error(errno));
        }
    }
    if (p->oom_score_adj) {
        write_text("/proc/self/oom_score_adj", p->oom_score_adj);
    }
    int chdir_done = chdir(p->cwd) == 0;
    if (p->seccomp.len && !p->no_new_privs) {
        load_seccomp(&p->seccomp); /* needs CAP_SYS_ADMIN, which the steps below may drop */
    }
    drop_bounding_set(p);
    prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0);
    /* raw system calls: glibc's wrappers would try to signal the threads of a process this child,
     * sharing the launcher's memory (see start_child), only pretends to be */
    if (syscall(SYS_setgroups, (size_t) p->group_count, p->groups) < 0) {
        fail("setgroups: %s", go_error(errno));
    }
    if (syscall(SYS_setresgid, p->gid, p->gid, p->gid) < 0) {
        fail("setgid %u: %s", p->gid, go_error(errno));
    }
    if (syscall(SYS_setresuid, p->uid, p->uid, p->uid) < 0) {
        fail("setuid %u: %s", p->uid, go_error(errno));
    }
    if (!chdir_done && chdir(p->cwd) < 0) {
        fail("chdir to cwd (\"%s\") set in config.json failed: %s", p->cwd, go_error(errno));
    }
    prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0);
    set_capabilities(p);
    char found[4096];
    const char *path = look_path(p, found, sizeof found);
    if (p->no_new_privs && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0) {
        fail("prctl(PR_SET_NO_NEW_PRIVS): %s", go_error(errno));
    }
    if (p->seccomp.len && p->no_new_privs) {
        load_seccomp(&p->seccomp);
    }
    syscall(SYS_close_range, 3, ~0U, 4 /* CLOSE_RANGE_CLOEXEC */);
    execve(path, p->args, p->env);
    fail("exec: \"%s\": %s", p->args[0], go_error(errno));
}

static int read_exactly(int fd, void *buf, size_t len) {
    char *p = buf;
    while (len > 0) {
        ssize_t n = read(fd, p, len);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return 0;
        }
        p += n;
        len -= (size_t) n;
    }
    return 1;
}

/* Receives the pty master the child made in the container (setup_terminal). */
static int receive_master(int sock) {
    char name[64];
    char control[CMSG_SPACE(sizeof(int))] = {0};
    struct iovec iov = {.iov_base = name, .iov_len = sizeof name};
    struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = control, .msg_controllen = sizeof control};
    if (recvmsg(sock, &msg, MSG_CMSG_CLOEXEC) <= 0) {
        fail("receive the pty: %s", errno ? go_error(errno) : "no terminal");
    }
    struct cmsghdr *cmsg = CMSG_FIRSTHDR(&msg);
    if (!cmsg || cmsg->cmsg_type != SCM_RIGHTS) {
        fail("receive the pty: no descriptor");
    }
    int fd;
    memcpy(&fd, CMSG_DATA(cmsg), sizeof fd);
    return fd;
}

/* Copies what is readable now from a process output to berthd; returns 0 at its end. */
static int relay_output(int fd, int type) {
    char buf[32768];
    for (;;) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n > 0) {
            send_frame(type, buf, (size_t) n);
            continue;
        }
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0 && errno == EAGAIN) {
            return 1;
        }
        return 0; /* end of file, or EIO from a pty whose last slave closed */
    }
}

struct input {
    unsigned char buf[65536 + 5];
    size_t len;
};

/* Frames from berthd: stdin data, close stdin, resize. Returns 0 once berthd's side is closed. */
static int relay_input(struct input *in, int *stdin_fd, int master) {
    ssize_t n = read(0, in->buf + in->len, sizeof in->buf - in->len);
    if (n < 0 && errno == EINTR) {
        return 1;
    }
    if (n <= 0) {
        return 0;
    }
    in->len += (size_t) n;
    size_t at = 0;
    while (in->len - at >= 5) {
        unsigned char *f = in->buf + at;
        size_t len = (size_t) f[1] << 24 | (size_t) f[2] << 16 | (size_t) f[3] << 8 | f[4];
        if (len > sizeof in->buf - 5) {
            return 0; /* not berthd talking */
        }
        if (in->len - at < 5 + len) {
            break;
        }
        if (f[0] == IN_STDIN && *stdin_fd >= 0) {
            const unsigned char *d = f + 5;
            size_t left = len;
            while (left > 0) {
                ssize_t w = write(*stdin_fd, d, left);
                if (w < 0 && errno == EINTR) {
                    continue;
                }
                if (w <= 0) {
                    break; /* the process closed its stdin: drop the rest */
                }
                d += w;
                left -= (size_t) w;
            }
        } else if (f[0] == IN_CLOSE_STDIN && *stdin_fd >= 0 && master < 0) {
            close(*stdin_fd);
            *stdin_fd = -1;
        } else if (f[0] == IN_RESIZE && len == 4 && master >= 0) {
            struct winsize ws = {.ws_row = (unsigned short) (f[5] << 8 | f[6]),
                                 .ws_col = (unsigned short) (f[7] << 8 | f[8])};
            ioctl(master, TIOCSWINSZ, &ws);
        }
        at += 5 + len;
    }
    memmove(in->buf, in->buf + at, in->len - at);
    in->len -= at;
    return 1;
}

static void write_exit_file(const char *path, int code) {
    if (!*path) {
        return; /* a session nobody watches across a berthd restart (a health probe): no file to write */
    }
    char tmp[4096 + 8], text[16]; /* room for the path (below 4096) and ".tmp" */
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    int len = snprintf(text, sizeof text, "%d", code);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd >= 0) {
        ssize_t ignored = write(fd, text, (size_t) len);
        (void) ignored;
        close(fd);
        rename(tmp, path);
    }
}

static void join_namespace(const struct plan *p, int *fds, int n) {
    if (setns(fds[n], 0) < 0) {
        fail("setns %s: %s", p->ns[n], go_error(errno));
    }
    close(fds[n]);
}

struct child_args {
    struct plan *plan;
    int *ns_fds;
    int console;
    int stdio[3];
    int report_read, report_write;
};

/* The child: joins the cgroups and the other namespaces, then becomes the process. */
static int child_main(void *arg) {
    struct child_args *a = arg;
    struct plan *p = a->plan;
    close(a->report_read);
    report_fd = a->report_write;
    p->args[p->arg_count] = NULL;
    p->env[p->env_count] = NULL;
    for (int c = 0; c < p->cgroup_count; c++) {
        write_text(p->cgroups[c], "0"); /* "0": the writer itself, whatever its pid is called */
    }
    for (int n = 0; n < p->ns_count; n++) {
        if (strcmp(p->ns[n], "pid") != 0) {
            join_namespace(p, a->ns_fds, n); /* mnt comes last in the plan: /sys/fs/cgroup was the host's */
        }
    }
    become_process(p, a->console, a->stdio);
    return 127;
}

/*
 * Starts the child as posix_spawn does: sharing our memory, on its own stack, while we wait until it
 * execs or exits (CLONE_VFORK). No page tables to copy and no wake-up on another CPU: a fork here costs
 * milliseconds of scheduling before the child runs. The child writes only its stack and the plan's two
 * list terminators; it has its own file table, signal handlers and credentials.
 */
static pid_t start_child(struct child_args *args) {
    static char stack[256 * 1024] __attribute__((aligned(16)));
    return clone(child_main, stack + sizeof stack, CLONE_VM | CLONE_VFORK | SIGCHLD, args);
}

static void set_nonblocking(int fd) {
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
}

/*
 * The first frame: which session this is (EXIT_FILE NUL PLAN). Returns the plan's records and sets
 * *plan_size, or NULL when berthd closed the connection instead (it gave up waiting for this launcher).
 */
static char *read_session(char *exit_file, size_t exit_size, size_t *plan_size) {
    unsigned char head[5];
    if (!read_exactly(0, head, sizeof head)) {
        return NULL;
    }
    size_t len = (size_t) head[1] << 24 | (size_t) head[2] << 16 | (size_t) head[3] << 8 | head[4];
    char *payload = head[0] == IN_SESSION && len <= MAX_SESSION ? malloc(len + 1) : NULL;
    if (!payload || !read_exactly(0, payload, len)) {
        return NULL;
    }
    payload[len] = 0;
    size_t first = strlen(payload);
    if (first >= len || first >= exit_size) { /* an empty exit file: none is written */
        return NULL;
    }
    memcpy(exit_file, payload, first + 1);
    *plan_size = len - first - 1;
    return payload + first + 1;
}

static int session_main(void);

/*
 * berth-exec serve SOCKET: forks one berth-exec per request, so that berthd starts no process per exec (a
 * health check makes one a second per container). A request on stdin is a 16-byte token; the child connects
 * to SOCKET (berthd listens there), sends the token and its pid (4 bytes, big-endian), and is then a
 * berth-exec as above with the connection as its stdin and stdout. Children are reaped by the kernel; the
 * server ends when berthd closes its stdin, and its sessions run on.
 */
static int serve(const char *socket_path) {
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    if (strlen(socket_path) >= sizeof addr.sun_path) {
        fprintf(stderr, "berth-exec: socket path too long: %s\n", socket_path);
        return 2;
    }
    strcpy(addr.sun_path, socket_path);
    signal(SIGCHLD, SIG_IGN);
    unsigned char token[16];
    while (read_exactly(0, token, sizeof token)) {
        pid_t pid = fork();
        if (pid != 0) {
            continue; /* a failed fork: berthd's wait for the connection times out */
        }
        signal(SIGCHLD, SIG_DFL); /* the session waits for its process */
        int fd = socket(AF_UNIX, SOCK_STREAM, 0);
        if (fd < 0 || connect(fd, (struct sockaddr *) &addr, sizeof addr) < 0) {
            _exit(1);
        }
        unsigned char hello[20];
        uint32_t self = (uint32_t) getpid();
        memcpy(hello, token, sizeof token);
        hello[16] = (unsigned char) (self >> 24);
        hello[17] = (unsigned char) (self >> 16);
        hello[18] = (unsigned char) (self >> 8);
        hello[19] = (unsigned char) self;
        if (write(fd, hello, sizeof hello) != (ssize_t) sizeof hello || dup2(fd, 0) < 0 || dup2(fd, 1) < 0) {
            _exit(1);
        }
        close(fd);
        _exit(session_main());
    }
    return 0;
}

int main(int argc, char **argv) {
    signal(SIGPIPE, SIG_IGN);
    setsid(); /* berthd's terminal signals are not ours: the session outlives an interrupted berthd */
    if (argc == 3 && strcmp(argv[1], "serve") == 0) {
        return serve(argv[2]);
    }
    if (argc != 1) {
        fprintf(stderr, "usage: berth-exec [serve SOCKET] (the session comes on stdin, see berth-exec.c)\n");
        return 2;
    }
    return session_main();
}

static int session_main(void) {
    setsid(); /* a child of the server leads its own session too */
    static char exit_path[4096];
    static struct plan p;
    size_t plan_size;
    char *records = read_session(exit_path, sizeof exit_path, &plan_size);
    if (!records) {
        return 0; /* not needed after all */
    }
    parse_plan(records, plan_size, &p);

    /* Everything under /proc/PID is opened before the first setns: the mount namespace changes /proc. */
    int ns_fds[8];
    for (int n = 0; n < p.ns_count; n++) {
        char path[64];
        snprintf(path, sizeof path, "/proc/%d/ns/%s", p.pid, p.ns[n]);
        ns_fds[n] = open(path, O_RDONLY | O_CLOEXEC);
        if (ns_fds[n] < 0) {
            fail("open %s: %s", path, errno == ENOENT ? "container is not running" : go_error(errno));
        }
    }
    /* Only the pid namespace is joined here (it applies to children): this process stays in berthd's
     * mount namespace and cgroup. */
    for (int n = 0; n < p.ns_count; n++) {
        if (!strcmp(p.ns[n], "pid")) {
            join_namespace(&p, ns_fds, n);
        }
    }

    int stdio[3] = {-1, -1, -1}; /* the child's ends */
    int in_w = -1, out_r = -1, err_r = -1, console[2] = {-1, -1};
    if (p.terminal) {
        if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, console) < 0) {
            fail("socketpair: %s", go_error(errno));
        }
    } else {
        int in[2], out[2], err[2];
        if (p.stdin_open ? pipe2(in, O_CLOEXEC) < 0 : (in[0] = open("/dev/null", O_RDONLY | O_CLOEXEC)) < 0) {
            fail("stdin: %s", go_error(errno));
        }
        if (pipe2(out, O_CLOEXEC) < 0 || pipe2(err, O_CLOEXEC) < 0) {
            fail("pipe: %s", go_error(errno));
        }
        stdio[0] = in[0];
        stdio[1] = out[1];
        stdio[2] = err[1];
        in_w = p.stdin_open ? in[1] : -1;
        out_r = out[0];
        err_r = err[0];
    }
    int report[2];
    if (pipe2(report, O_CLOEXEC) < 0) {
        fail("pipe: %s", go_error(errno));
    }
    sigset_t chld;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    sigprocmask(SIG_BLOCK, &chld, NULL); /* delivered through a signalfd; the child unblocks all */
    struct child_args args = {&p, ns_fds, console[1], {stdio[0], stdio[1], stdio[2]}, report[0], report[1]};
    pid_t child = start_child(&args);
    report_fd = -1; /* the child set it in memory it shares with us */
    if (child < 0) {
        fail("clone: %s", go_error(errno));
    }
    close(report[1]);
    for (int fd = 0; fd < 3; fd++) {
        if (stdio[fd] >= 0) {
            close(stdio[fd]);
        }
    }
    if (console[1] >= 0) {
        close(console[1]);
    }
    char msg[2048];
    size_t got = 0;
    ssize_t n;
    while (got < sizeof msg - 1 && (n = read(report[0], msg + got, sizeof msg - 1 - got)) != 0) {
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            break;
        }
        got += (size_t) n;
    }
    close(report[0]);
    if (got > 0) {
        msg[got] = 0;
        waitpid(child, NULL, 0);
        fail("%s", msg);
    }
    int master = -1;
    if (p.terminal) {
        master = receive_master(console[0]);
        close(console[0]);
        out_r = master;
        in_w = p.stdin_open ? master : -1;
    }
    char text[16];
    int len = snprintf(text, sizeof text, "%d", child);
    send_frame(OUT_STARTED, text, (size_t) len);

    int sigfd = signalfd(-1, &chld, SFD_CLOEXEC | SFD_NONBLOCK);
    set_nonblocking(out_r);
    if (err_r >= 0) {
        set_nonblocking(err_r);
    }
    static struct input input;
    int berthd_open = 1, status = 0, exited = 0;
    while (!exited) {
        struct pollfd fds[4] = {
            {.fd = sigfd, .events = POLLIN},
            {.fd = out_r, .events = POLLIN},
            {.fd = err_r, .events = POLLIN},
            {.fd = berthd_open ? 0 : -1, .events = POLLIN},
        };
        if (poll(fds, 4, -1) < 0) {
            if (errno == EINTR) {
                continue;
            }
            break;
        }
        if (fds[1].revents && !relay_output(out_r, OUT_STDOUT)) {
            if (master < 0) {
                close(out_r);
            }
            out_r = -1;
        }
        if (fds[2].revents && !relay_output(err_r, OUT_STDERR)) {
            close(err_r);
            err_r = -1;
        }
        if (fds[3].revents && !relay_input(&input, &in_w, master)) {
            berthd_open = 0;
            if (in_w >= 0 && master < 0) {
                close(in_w); /* no more input will come */
                in_w = -1;
            }
        }
        if (fds[0].revents) {
            struct signalfd_siginfo si;
            while (read(sigfd, &si, sizeof si) > 0) {
            }
            exited = waitpid(child, &status, WNOHANG) == child;
        }
    }
    /* What the process wrote before it ended is still in the pipes (or the pty): pass it on. A pipe
     * that a background process still holds open does not hold us up. */
    if (out_r >= 0) {
        relay_output(out_r, OUT_STDOUT);
    }
    if (err_r >= 0) {
        relay_output(err_r, OUT_STDERR);
    }
    int code = WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
    write_exit_file(exit_path, code);
    len = snprintf(text, sizeof text, "%d", code);
    send_frame(OUT_EXITED, text, (size_t) len);
    return 0;
}
