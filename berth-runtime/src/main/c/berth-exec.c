/*
 * berth-exec: starts one more process in a running container, for `docker exec`.
 *
 * conmon runs it in place of the OCI runtime (`conmon -r berth-exec -e ...`), with runc's command line:
 *
 *   berth-exec [global options] exec --process PLAN --pid-file FILE --detach [--console-socket SOCK] ID
 *
 * It does what `runc exec` does (join the container's cgroups and namespaces, fork into its pid namespace,
 * set up the terminal, rlimits, user, capabilities, no_new_privs and seccomp, chdir, exec) in a few
 * milliseconds where runc, two Go programs started one after the other, takes tens. berthd resolves
 * everything beforehand: PLAN is not the OCI process.json but a flat list of NUL-terminated "key=value"
 * records (see ExecPlan.java), so that this program parses nothing but that.
 *
 * Failures before the exec are printed on stderr as runc prints them ("exec failed: unable to start
 * container process: ...") and end it with status 1; conmon passes the text on to berthd.
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
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#define MAX_LIST 4096
#define ERR_PREFIX "exec failed: unable to start container process: "

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
    unsigned short rows, cols;
    char *env[MAX_LIST + 1];
    int env_count;
    char *args[MAX_LIST + 1];
    int arg_count;
};

/* The child reports a failure to the parent on this pipe (closed on exec when all went well). */
static int report_fd = -1;

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
    fprintf(stderr, ERR_PREFIX "%s\n", msg);
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

static void parse_plan(const char *path, struct plan *p) {
    size_t size;
    char *data = read_file(path, &size);
    memset(p, 0, sizeof *p);
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
        fail("exec plan %s lacks pid, arg or cwd", path);
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

static int connect_console(const char *path) {
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    if (strlen(path) >= sizeof addr.sun_path) {
        fail("console socket path too long: %s", path);
    }
    strcpy(addr.sun_path, path);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0 || connect(fd, (struct sockaddr *) &addr, sizeof addr) < 0) {
        fail("connect to console socket %s: %s", path, go_error(errno));
    }
    return fd;
}

/* A pty in the container's /dev/pts: the master goes to conmon over the console socket, as runc sends it. */
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
        fail("send pty to console socket: %s", go_error(errno));
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
static void become_process(const struct plan *p, int console) {
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
    if (setgroups((size_t) p->group_count, p->groups) < 0) {
        fail("setgroups: %s", go_error(errno));
    }
    if (setresgid(p->gid, p->gid, p->gid) < 0) {
        fail("setgid %u: %s", p->gid, go_error(errno));
    }
    if (setresuid(p->uid, p->uid, p->uid) < 0) {
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

static void join_namespace(const struct plan *p, int *fds, int n) {
    if (setns(fds[n], 0) < 0) {
        fail("setns %s: %s", p->ns[n], go_error(errno));
    }
    close(fds[n]);
}

int main(int argc, char **argv) {
    const char *plan_path = NULL, *pid_file = NULL, *console_path = NULL;
    int i = 1;
    while (i < argc && strcmp(argv[i], "exec") != 0) {
        i++; /* global options (--root DIR, --log FILE, ...) mean nothing here */
    }
    if (i == argc) {
        fprintf(stderr, "usage: berth-exec exec --process PLAN --pid-file FILE [--console-socket SOCK] --detach ID\n");
        return 2;
    }
    for (i++; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--process") && i + 1 < argc) {
            plan_path = argv[++i];
        } else if (!strcmp(a, "--pid-file") && i + 1 < argc) {
            pid_file = argv[++i];
        } else if (!strcmp(a, "--console-socket") && i + 1 < argc) {
            console_path = argv[++i];
        } else if (!strcmp(a, "--detach") || !strcmp(a, "-d") || !strcmp(a, "--tty") || !strcmp(a, "-t")) {
            /* always detached: conmon reaps the process */
        } else if (a[0] == '-') {
            fail("unknown option %s", a);
        }
    }
    if (!plan_path || !pid_file) {
        fail("--process and --pid-file are required");
    }
    static struct plan p;
    parse_plan(plan_path, &p);
    int console = -1;
    if (p.terminal) {
        if (!console_path) {
            fail("a terminal needs --console-socket");
        }
        console = connect_console(console_path);
    }

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
     * mount namespace, where the pid file is. */
    for (int n = 0; n < p.ns_count; n++) {
        if (!strcmp(p.ns[n], "pid")) {
            join_namespace(&p, ns_fds, n);
        }
    }

    int report[2];
    if (pipe2(report, O_CLOEXEC) < 0) {
        fail("pipe: %s", go_error(errno));
    }
    pid_t child = fork();
    if (child < 0) {
        fail("fork: %s", go_error(errno));
    }
    if (child == 0) {
        close(report[0]);
        report_fd = report[1];
        p.args[p.arg_count] = NULL;
        p.env[p.env_count] = NULL;
        for (int c = 0; c < p.cgroup_count; c++) {
            write_text(p.cgroups[c], "0"); /* "0": the writer itself, whatever its pid is called */
        }
        for (int n = 0; n < p.ns_count; n++) {
            if (strcmp(p.ns[n], "pid") != 0) {
                join_namespace(&p, ns_fds, n); /* mnt comes last in the plan: /sys/fs/cgroup was the host's */
            }
        }
        become_process(&p, console);
    }
    close(report[1]);
    if (console >= 0) {
        close(console);
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
    if (got > 0) {
        msg[got] = 0;
        waitpid(child, NULL, 0);
        fprintf(stderr, ERR_PREFIX "%s\n", msg);
        return 1;
    }
    char text[32];
    int len = snprintf(text, sizeof text, "%d", child);
    int fd = open(pid_file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0 || write(fd, text, (size_t) len) != len || close(fd) < 0) {
        kill(child, SIGKILL);
        fail("write pid file %s: %s", pid_file, go_error(errno));
    }
    return 0;
}
