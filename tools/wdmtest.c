// SPDX-License-Identifier: GPL-2.0
/*
 * wdmtest - exercise wdmshim's hosted sample drivers from user space and
 * print TAP ("1..N", "ok N - name", "not ok N - name").
 *
 *	wdmtest ioctl	WdmIoctl alone (samples/ioctl)
 *	wdmtest filter	WdmIoctl with WdmFilter attached (samples/filter):
 *			every ioctl case again, plus the filter's own
 *	wdmtest testdrv	wdmtestdrv (tools/testdrv), which breaks rules
 *	wdmtest wdk	wdmwdktest (tools/wdktest), a driver in the WDK's
 *			dialect: try/except around METHOD_NEITHER buffers,
 *			ntstrsafe, IoCreateDeviceSecure node modes
 *
 * Every case checks both the errno and the NTSTATUS of each request.
 * Bad buffers are NULL, unmapped, read-only, kernel and non-canonical
 * addresses; the guest runs with SMAP, so a driver touching one directly
 * would oops. Exit status: 0 if every case passed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <uapi/wdmshim.h>
#include "libwdmio.h"
#include "../samples/ioctl/ioctl_codes.h"
#include "../samples/filter/filter_ioctl.h"
#include "testdrv/testdrv_ioctl.h"
#include "../samples/queue/queue_ioctl.h"
#include "../samples/edu/edu_ioctl.h"
#include "wdktest/wdktest_ioctl.h"
#include <sys/stat.h>
#include <sys/wait.h>
#include <glob.h>

#define PAGE		4096UL
#define KERNEL_ADDR	0xffff888000000000ULL	/* the direct map */
#define KTEXT_ADDR	0xffffffff81000000ULL	/* kernel text */
#define NONCANON_ADDR	0x8000000000000000ULL
#define CASE_TIMEOUT	60			/* seconds */

/* --- the TAP harness ----------------------------------------------------- */

static const char *phase;
static bool cur_failed;
static char timeout_line[256];

static void diag(const char *fmt, ...)
{
	va_list ap;

	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

/* check() - record a failed expectation; returns @cond. */
static bool check(bool cond, const char *fmt, ...)
{
	va_list ap;

	if (cond)
		return true;
	cur_failed = true;
	printf("# FAILED: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	return false;
}

static void on_alarm(int sig)
{
	ssize_t n;

	(void)sig;
	n = write(STDOUT_FILENO, timeout_line, strlen(timeout_line));
	(void)n;
	_exit(2);
}

static void on_usr1(int sig)
{
	(void)sig;
}

/* --- memory ---------------------------------------------------------------- */

static void *map(size_t pages, int prot)
{
	void *p = mmap(NULL, pages * PAGE, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		perror("mmap");
		exit(2);
	}
	return p;
}

/*
 * A buffer of @len bytes that ends exactly where an inaccessible page
 * (PROT_NONE, so that no later mapping can land there) begins.
 */
static unsigned char *before_hole(size_t len)
{
	unsigned char *p = map(3, PROT_READ | PROT_WRITE);

	mprotect(p + 2 * PAGE, PAGE, PROT_NONE);
	return p + 2 * PAGE - len;
}

struct bad_ptr {
	const char *name;
	uint64_t addr;
	bool user;	/* a user address: read(2)/write(2) pass it on */
};

static struct bad_ptr bad_ptrs[6];
static size_t n_bad_ptrs;

static void init_bad_ptrs(void)
{
	bad_ptrs[0] = (struct bad_ptr){ "NULL", 0, true };
	/* below mmap_min_addr: never mapped */
	bad_ptrs[1] = (struct bad_ptr){ "unmapped", 0x10000, true };
	bad_ptrs[2] = (struct bad_ptr){ "PROT_NONE", (uintptr_t)map(1, PROT_NONE), true };
	bad_ptrs[3] = (struct bad_ptr){ "kernel", KERNEL_ADDR, false };
	bad_ptrs[4] = (struct bad_ptr){ "kernel-text", KTEXT_ADDR, false };
	bad_ptrs[5] = (struct bad_ptr){ "non-canonical", NONCANON_ADDR, false };
	n_bad_ptrs = 6;
}

static void fill_random(unsigned char *p, size_t n, unsigned int seed)
{
	size_t i;

	for (i = 0; i < n; i++) {
		seed = seed * 1103515245 + 12345;
		p[i] = seed >> 16;
	}
}

static bool all_bytes(const unsigned char *p, size_t n, unsigned char v)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] != v)
			return false;
	return true;
}

static void sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* --- expectations on requests ------------------------------------------------ */

/*
 * A request by raw addresses: expect errno @err (0: success) and NTSTATUS
 * @st. Returns whether both matched; *info receives Information.
 */
static bool expect_call(const char *what, int fd, ULONG code, uint64_t in,
			ULONG in_len, uint64_t out, ULONG out_len, int err,
			NTSTATUS st, ULONG64 *info)
{
	NTSTATUS status;
	ULONG64 information;
	int ret, e;

	errno = 0;
	ret = wdm_call(fd, code, in, in_len, out, out_len, &status, &information);
	e = ret ? errno : 0;
	if (info)
		*info = information;
	return check(e == err && status == st,
		     "%s: errno %d (%s) status 0x%08x (%s), want errno %d (%s) status 0x%08x (%s)",
		     what, e, strerror(e), (unsigned int)status, wdm_status_name(status),
		     err, strerror(err), (unsigned int)st, wdm_status_name(st));
}

/*
 * Make @fd's last status a known one (an unknown ioctl's), so that a
 * request the kernel refuses before wdmshim sees it can be told apart.
 */
static void mark_last_status(int fd)
{
	wdm_call(fd, CTL_CODE(FILE_DEVICE_UNKNOWN, 0xfff, METHOD_NEITHER,
			      FILE_ANY_ACCESS), 0, 0, 0, 0, NULL, NULL);
}

/* A read/write outcome: @ok from ReadFile/WriteFile, expected errno/status. */
static bool expect_rw(const char *what, int ok, int err, NTSTATUS st)
{
	int e = ok ? 0 : errno;
	NTSTATUS status = wdm_last_status();

	return check(e == err && status == st,
		     "%s: errno %d (%s) status 0x%08x (%s), want errno %d (%s) status 0x%08x (%s)",
		     what, e, strerror(e), (unsigned int)status, wdm_status_name(status),
		     err, strerror(err), (unsigned int)st, wdm_status_name(st));
}

/* --- WdmIoctl helpers ------------------------------------------------------ */

static int layers = 1;		/* WDMIOCTL_STATS.Layers expected */
static bool filtered;		/* WdmFilter attached */

static int open_ioctl(int flags)
{
	int fd = wdm_open(WDMIOCTL_DOS_NAME, flags);

	if (fd < 0) {
		check(false, "open /dev/%s: %s", WDMIOCTL_DOS_NAME, strerror(errno));
		exit(2);
	}
	return fd;
}

static bool get_stats(int fd, WDMIOCTL_STATS *s)
{
	ULONG got = 0;

	memset(s, 0, sizeof(*s));
	if (!DeviceIoControl(fd, IOCTL_WDMIOCTL_STATS, NULL, 0, s, sizeof(*s), &got))
		return check(false, "STATS: %s 0x%08x", strerror(errno),
			     (unsigned int)wdm_last_status());
	return check(got == sizeof(*s), "STATS returned %u bytes", got);
}

static bool get_filter_stats(int fd, WDMFILTER_STATS *s)
{
	ULONG got = 0;

	memset(s, 0, sizeof(*s));
	if (!DeviceIoControl(fd, IOCTL_WDMFILTER_STATS, NULL, 0, s, sizeof(*s), &got))
		return check(false, "FILTER_STATS: %s 0x%08x", strerror(errno),
			     (unsigned int)wdm_last_status());
	return check(got == sizeof(*s), "FILTER_STATS returned %u bytes", got);
}

/* Poll until the driver has @n waits pending (5 s at most). */
static bool wait_pending(int ctl, ULONG n)
{
	WDMIOCTL_STATS s;
	int i;

	for (i = 0; i < 1000; i++) {
		if (!get_stats(ctl, &s))
			return false;
		if (s.WaitsPending == n)
			return true;
		sleep_ms(5);
	}
	return check(false, "WaitsPending stayed %u, want %u", s.WaitsPending, n);
}

static ULONG fnv(const unsigned char *p, size_t n, ULONG hash)
{
	size_t i;

	for (i = 0; i < n; i++) {
		hash ^= p[i];
		hash *= WDMIOCTL_FNV_PRIME;
	}
	return hash;
}

/* A request made by another thread. */
struct bg {
	pthread_t thread;
	int fd;
	ULONG code;		/* 0: a read at @offset */
	LONGLONG offset;
	ULONG in, out;
	int ok, err;
	NTSTATUS status;
	ULONG64 info;
	volatile int done;
};

static void *bg_main(void *arg)
{
	struct bg *b = arg;
	unsigned char buf[16];
	ULONG got;

	if (b->code) {
		b->ok = DeviceIoControl(b->fd, b->code, &b->in, sizeof(b->in),
					&b->out, sizeof(b->out), &got);
	} else {
		b->ok = ReadFileAt(b->fd, buf, sizeof(buf), b->offset, &got);
	}
	b->err = b->ok ? 0 : errno;
	b->status = wdm_last_status();
	b->info = wdm_last_information();
	__atomic_store_n(&b->done, 1, __ATOMIC_SEQ_CST);
	return NULL;
}

/* Start @b: an ioctl @code with the ULONG input @in, or (@code 0) a read at @offset. */
static void bg_run(struct bg *b, int fd, ULONG code, ULONG in, LONGLONG offset)
{
	memset(b, 0, sizeof(*b));
	b->fd = fd;
	b->code = code;
	b->in = in;
	b->offset = offset;
	b->out = 0xdeadbeef;
	if (pthread_create(&b->thread, NULL, bg_main, b)) {
		perror("pthread_create");
		exit(2);
	}
}

static void bg_start(struct bg *b, int fd, ULONG code)
{
	bg_run(b, fd, code, 0, 0);
}

/* A background ioctl @code with the ULONG input @in. */
static void bg_start_in(struct bg *b, int fd, ULONG code, ULONG in)
{
	bg_run(b, fd, code, in, 0);
}

/* A background 16-byte read at @offset. */
static void bg_start_read(struct bg *b, int fd, LONGLONG offset)
{
	bg_run(b, fd, 0, 0, offset);
}

/* Join within @ms milliseconds; false (and the thread left) if not done. */
static bool bg_join(struct bg *b, int ms)
{
	int i;

	for (i = 0; i < ms / 5 && !__atomic_load_n(&b->done, __ATOMIC_SEQ_CST); i++)
		sleep_ms(5);
	if (!check(__atomic_load_n(&b->done, __ATOMIC_SEQ_CST),
		   "background request not done after %d ms", ms))
		return false;
	pthread_join(b->thread, NULL);
	return true;
}

static bool expect_bg(const char *what, struct bg *b, int err, NTSTATUS st)
{
	return check(b->err == err && b->status == st,
		     "%s: errno %d (%s) status 0x%08x (%s), want errno %d (%s) status 0x%08x (%s)",
		     what, b->err, strerror(b->err), (unsigned int)b->status,
		     wdm_status_name(b->status), err, strerror(err),
		     (unsigned int)st, wdm_status_name(st));
}

/* --- WdmIoctl cases -------------------------------------------------------- */

static void t_open_stats(void)
{
	WDMIOCTL_STATS a, b;
	int fd = open_ioctl(O_RDWR), fd2;

	if (!get_stats(fd, &a))
		goto out;
	check(a.Layers == (ULONG)layers, "Layers %u, want %d", a.Layers, layers);
	check(a.OpenFiles >= 1, "OpenFiles %u", a.OpenFiles);
	check(a.FileIoctls == 1, "FileIoctls %u on a new file", a.FileIoctls);
	fd2 = open_ioctl(O_RDONLY);
	get_stats(fd, &b);
	check(b.Creates == a.Creates + 1 && b.OpenFiles == a.OpenFiles + 1,
	      "second open: Creates %u->%u OpenFiles %u->%u", a.Creates, b.Creates,
	      a.OpenFiles, b.OpenFiles);
	check(b.FileIoctls == 2, "FileIoctls %u, want 2", b.FileIoctls);
	close(fd2);
	get_stats(fd, &b);
	check(b.Cleanups == a.Cleanups + 1 && b.Closes == a.Closes + 1 &&
	      b.OpenFiles == a.OpenFiles,
	      "close: Cleanups %u->%u Closes %u->%u OpenFiles %u", a.Cleanups,
	      b.Cleanups, a.Closes, b.Closes, b.OpenFiles);
out:
	close(fd);
}

static void echo_one(int fd, unsigned char *in, unsigned char *out, ULONG len)
{
	char what[64];
	ULONG64 info = 0;
	ULONG i;

	snprintf(what, sizeof(what), "ECHO %u bytes", len);
	fill_random(in, len, len);
	memset(out, 0x5a, len + 16);
	if (!expect_call(what, fd, IOCTL_WDMIOCTL_ECHO, (uintptr_t)in, len,
			 (uintptr_t)out, len, 0, STATUS_SUCCESS, &info))
		return;
	check(info == len, "%s: Information %llu", what, (unsigned long long)info);
	for (i = 0; i < len; i++)
		if (!check(out[i] == in[len - 1 - i], "%s: byte %u", what, i))
			return;
	check(all_bytes(out + len, 16, 0x5a), "%s: bytes after the output changed", what);
}

static void t_echo(void)
{
	static const ULONG lens[] = { 0, 1, 2, 7, 4095, 4096, 4097, 65536 };
	unsigned char *in = map(20, PROT_READ | PROT_WRITE);
	unsigned char *out = map(20, PROT_READ | PROT_WRITE);
	int fd = open_ioctl(O_RDWR);
	size_t i;

	for (i = 0; i < ARRAY_SIZE(lens); i++)
		echo_one(fd, in, out, lens[i]);
	/* both buffers crossing a page boundary */
	echo_one(fd, in + PAGE - 10, out + 2 * PAGE - 3, 20);
	echo_one(fd, in + 3, out + 5, 3 * PAGE);
	/* 1 MiB */
	munmap(in, 20 * PAGE);
	munmap(out, 20 * PAGE);
	in = map(257, PROT_READ | PROT_WRITE);
	out = map(257, PROT_READ | PROT_WRITE);
	echo_one(fd, in, out, 1 << 20);
	munmap(in, 257 * PAGE);
	munmap(out, 257 * PAGE);
	close(fd);
}

static void t_echo_lengths(void)
{
	unsigned char *buf = map(2, PROT_READ | PROT_WRITE);
	unsigned char *edge = before_hole(100);
	int fd = open_ioctl(O_RDWR);

	expect_call("ECHO output shorter than input", fd, IOCTL_WDMIOCTL_ECHO,
		    (uintptr_t)buf, 10, (uintptr_t)buf, 9, ENOBUFS,
		    STATUS_BUFFER_TOO_SMALL, NULL);
	expect_call("ECHO NULL buffers, length 0", fd, IOCTL_WDMIOCTL_ECHO, 0, 0, 0, 0,
		    0, STATUS_SUCCESS, NULL);
	expect_call("ECHO input length 0xffffffff", fd, IOCTL_WDMIOCTL_ECHO,
		    (uintptr_t)buf, 0xffffffffU, (uintptr_t)buf, 16, EINVAL,
		    STATUS_INVALID_PARAMETER, NULL);
	expect_call("ECHO output length 0xffffffff", fd, IOCTL_WDMIOCTL_ECHO,
		    (uintptr_t)buf, 16, (uintptr_t)buf, 0xffffffffU, EINVAL,
		    STATUS_INVALID_PARAMETER, NULL);
	expect_call("ECHO input length 64 MiB + 1", fd, IOCTL_WDMIOCTL_ECHO,
		    (uintptr_t)buf, (64 << 20) + 1, (uintptr_t)buf, 16, EINVAL,
		    STATUS_INVALID_PARAMETER, NULL);
	expect_call("ECHO input running into a hole", fd, IOCTL_WDMIOCTL_ECHO,
		    (uintptr_t)edge, 101, (uintptr_t)buf, 200, EFAULT,
		    STATUS_ACCESS_VIOLATION, NULL);
	expect_call("ECHO output running into a hole", fd, IOCTL_WDMIOCTL_ECHO,
		    (uintptr_t)buf, 101, (uintptr_t)edge, 101, EFAULT,
		    STATUS_ACCESS_VIOLATION, NULL);
	expect_call("ECHO output of 8 MiB mostly unmapped", fd, IOCTL_WDMIOCTL_ECHO,
		    (uintptr_t)buf, 16, (uintptr_t)edge, 8 << 20, EFAULT,
		    STATUS_ACCESS_VIOLATION, NULL);
	/* the edge itself works */
	expect_call("ECHO buffers ending at a hole", fd, IOCTL_WDMIOCTL_ECHO,
		    (uintptr_t)edge, 100, (uintptr_t)edge, 100, 0, STATUS_SUCCESS, NULL);
	munmap(buf, 2 * PAGE);
	close(fd);
}

static void t_echo_bad_pointers(void)
{
	unsigned char *buf = map(1, PROT_READ | PROT_WRITE);
	unsigned char *ro = map(1, PROT_READ);
	int fd = open_ioctl(O_RDWR);
	char what[96];
	size_t i;

	for (i = 0; i < n_bad_ptrs; i++) {
		snprintf(what, sizeof(what), "ECHO input %s", bad_ptrs[i].name);
		expect_call(what, fd, IOCTL_WDMIOCTL_ECHO, bad_ptrs[i].addr, 16,
			    (uintptr_t)buf, 16, EFAULT, STATUS_ACCESS_VIOLATION, NULL);
		snprintf(what, sizeof(what), "ECHO output %s", bad_ptrs[i].name);
		expect_call(what, fd, IOCTL_WDMIOCTL_ECHO, (uintptr_t)buf, 16,
			    bad_ptrs[i].addr, 16, EFAULT, STATUS_ACCESS_VIOLATION, NULL);
		snprintf(what, sizeof(what), "ECHO %s buffers of length 0", bad_ptrs[i].name);
		expect_call(what, fd, IOCTL_WDMIOCTL_ECHO, bad_ptrs[i].addr, 0,
			    bad_ptrs[i].addr, 0, 0, STATUS_SUCCESS, NULL);
	}
	expect_call("ECHO output read-only", fd, IOCTL_WDMIOCTL_ECHO, (uintptr_t)buf,
		    16, (uintptr_t)ro, 16, EFAULT, STATUS_ACCESS_VIOLATION, NULL);
	expect_call("ECHO input read-only", fd, IOCTL_WDMIOCTL_ECHO, (uintptr_t)ro,
		    16, (uintptr_t)buf, 16, 0, STATUS_SUCCESS, NULL);
	munmap(buf, PAGE);
	munmap(ro, PAGE);
	close(fd);
}

static void checksum_one(int fd, const unsigned char *data, ULONG len)
{
	char what[64];
	ULONG64 info = 0;
	ULONG seed = 0x12345678;

	snprintf(what, sizeof(what), "CHECKSUM %u bytes", len);
	if (expect_call(what, fd, IOCTL_WDMIOCTL_CHECKSUM, 0, 0, (uintptr_t)data, len,
			0, STATUS_SUCCESS, &info))
		check(info == fnv(data, len, WDMIOCTL_FNV_BASIS),
		      "%s: hash 0x%llx, want 0x%x", what, (unsigned long long)info,
		      fnv(data, len, WDMIOCTL_FNV_BASIS));
	if (expect_call(what, fd, IOCTL_WDMIOCTL_CHECKSUM, (uintptr_t)&seed,
			sizeof(seed), (uintptr_t)data, len, 0, STATUS_SUCCESS, &info))
		check(info == fnv(data, len, seed), "%s (seeded): hash 0x%llx, want 0x%x",
		      what, (unsigned long long)info, fnv(data, len, seed));
}

static void t_checksum(void)
{
	unsigned char *data = map(257, PROT_READ | PROT_WRITE);
	unsigned char *ro = map(2, PROT_READ);
	int fd = open_ioctl(O_RDWR);
	ULONG seed = 1;

	fill_random(data, 257 * PAGE, 7);
	checksum_one(fd, data, 0);
	checksum_one(fd, data, 1);
	checksum_one(fd, data + PAGE - 1, 2);
	checksum_one(fd, data, 4096);
	checksum_one(fd, data + 100, 3 * PAGE + 5);
	checksum_one(fd, data, 1 << 20);
	/* IN_DIRECT only reads the buffer: read-only memory is fine */
	checksum_one(fd, ro, 2 * PAGE);
	expect_call("CHECKSUM input of 3 bytes", fd, IOCTL_WDMIOCTL_CHECKSUM,
		    (uintptr_t)&seed, 3, (uintptr_t)data, 16, EINVAL,
		    STATUS_INVALID_PARAMETER, NULL);
	munmap(data, 257 * PAGE);
	munmap(ro, 2 * PAGE);
	close(fd);
}

static void t_checksum_bad_pointers(void)
{
	unsigned char *data = map(1, PROT_READ | PROT_WRITE);
	unsigned char *edge = before_hole(64);
	int fd = open_ioctl(O_RDWR);
	char what[96];
	size_t i;

	for (i = 0; i < n_bad_ptrs; i++) {
		snprintf(what, sizeof(what), "CHECKSUM data %s", bad_ptrs[i].name);
		expect_call(what, fd, IOCTL_WDMIOCTL_CHECKSUM, 0, 0, bad_ptrs[i].addr,
			    64, EFAULT, STATUS_ACCESS_VIOLATION, NULL);
		snprintf(what, sizeof(what), "CHECKSUM seed %s", bad_ptrs[i].name);
		expect_call(what, fd, IOCTL_WDMIOCTL_CHECKSUM, bad_ptrs[i].addr, 4,
			    (uintptr_t)data, 64, EFAULT, STATUS_ACCESS_VIOLATION, NULL);
	}
	expect_call("CHECKSUM data running into a hole", fd, IOCTL_WDMIOCTL_CHECKSUM,
		    0, 0, (uintptr_t)edge, 65, EFAULT, STATUS_ACCESS_VIOLATION, NULL);
	expect_call("CHECKSUM data of 1 GiB", fd, IOCTL_WDMIOCTL_CHECKSUM,
		    0, 0, (uintptr_t)data, 1U << 30, EINVAL, STATUS_INVALID_PARAMETER,
		    NULL);
	munmap(data, PAGE);
	close(fd);
}

static void fill_one(int fd, unsigned char *out, ULONG len, unsigned char seed)
{
	char what[64];
	ULONG64 info = 0;
	ULONG i;

	snprintf(what, sizeof(what), "FILL %u bytes", len);
	memset(out, 0x11, len + 32);
	if (!expect_call(what, fd, IOCTL_WDMIOCTL_FILL, (uintptr_t)&seed, 1,
			 (uintptr_t)out, len, 0, STATUS_SUCCESS, &info))
		return;
	check(info == len, "%s: Information %llu", what, (unsigned long long)info);
	for (i = 0; i < len; i++)
		if (!check(out[i] == (unsigned char)(seed + i), "%s: byte %u is 0x%02x",
			   what, i, out[i]))
			return;
	check(all_bytes(out + len, 32, 0x11), "%s: bytes after the buffer changed", what);
}

static void t_fill(void)
{
	unsigned char *out = map(20, PROT_READ | PROT_WRITE);
	unsigned char *ro = map(1, PROT_READ);
	int fd = open_ioctl(O_RDWR);
	unsigned char seed = 9;
	char what[64];
	size_t i;

	fill_one(fd, out, 0, 1);
	fill_one(fd, out, 1, 2);
	fill_one(fd, out + PAGE - 2, 5, 3);
	fill_one(fd, out + 17, 4 * PAGE + 1, 200);
	expect_call("FILL without input", fd, IOCTL_WDMIOCTL_FILL, 0, 0,
		    (uintptr_t)out, 16, EINVAL, STATUS_INVALID_PARAMETER, NULL);
	/* OUT_DIRECT writes the buffer: read-only memory cannot be locked */
	expect_call("FILL output read-only", fd, IOCTL_WDMIOCTL_FILL, (uintptr_t)&seed,
		    1, (uintptr_t)ro, 16, EFAULT, STATUS_ACCESS_VIOLATION, NULL);
	for (i = 0; i < n_bad_ptrs; i++) {
		snprintf(what, sizeof(what), "FILL output %s", bad_ptrs[i].name);
		expect_call(what, fd, IOCTL_WDMIOCTL_FILL, (uintptr_t)&seed, 1,
			    bad_ptrs[i].addr, 16, EFAULT, STATUS_ACCESS_VIOLATION, NULL);
		snprintf(what, sizeof(what), "FILL input %s", bad_ptrs[i].name);
		expect_call(what, fd, IOCTL_WDMIOCTL_FILL, bad_ptrs[i].addr, 1,
			    (uintptr_t)out, 16, EFAULT, STATUS_ACCESS_VIOLATION, NULL);
	}
	munmap(out, 20 * PAGE);
	munmap(ro, PAGE);
	close(fd);
}

static void invert_one(int fd, unsigned char *in, unsigned char *out, ULONG len)
{
	char what[64];
	ULONG64 info = 0;
	ULONG i;

	snprintf(what, sizeof(what), "INVERT %u bytes", len);
	fill_random(in, len, len + 3);
	memset(out, 0x22, len + 8);
	if (!expect_call(what, fd, IOCTL_WDMIOCTL_INVERT, (uintptr_t)in, len,
			 (uintptr_t)out, len, 0, STATUS_SUCCESS, &info))
		return;
	check(info == len, "%s: Information %llu", what, (unsigned long long)info);
	for (i = 0; i < len; i++)
		if (!check(out[i] == (unsigned char)~in[i], "%s: byte %u", what, i))
			return;
	check(all_bytes(out + len, 8, 0x22), "%s: bytes after the output changed", what);
}

static void t_invert(void)
{
	unsigned char *in = map(20, PROT_READ | PROT_WRITE);
	unsigned char *out = map(20, PROT_READ | PROT_WRITE);
	int fd = open_ioctl(O_RDWR);

	invert_one(fd, in, out, 0);
	invert_one(fd, in, out, 1);
	invert_one(fd, in, out, 100);
	invert_one(fd, in + PAGE - 1, out + PAGE - 1, 2);
	invert_one(fd, in + 7, out + 9, 3 * PAGE);
	invert_one(fd, in, out, WDMIOCTL_NEITHER_MAX);
	expect_call("INVERT input above the driver's maximum", fd, IOCTL_WDMIOCTL_INVERT,
		    (uintptr_t)in, WDMIOCTL_NEITHER_MAX + 1, (uintptr_t)out,
		    WDMIOCTL_NEITHER_MAX + 1, EINVAL, STATUS_INVALID_PARAMETER, NULL);
	expect_call("INVERT output shorter than input", fd, IOCTL_WDMIOCTL_INVERT,
		    (uintptr_t)in, 10, (uintptr_t)out, 9, ENOBUFS,
		    STATUS_BUFFER_TOO_SMALL, NULL);
	munmap(in, 20 * PAGE);
	munmap(out, 20 * PAGE);
	close(fd);
}

static void t_invert_bad_pointers(void)
{
	unsigned char *buf = map(1, PROT_READ | PROT_WRITE);
	unsigned char *ro = map(1, PROT_READ);
	unsigned char *edge = before_hole(32);
	int fd = open_ioctl(O_RDWR);
	char what[96];
	size_t i;

	for (i = 0; i < n_bad_ptrs; i++) {
		snprintf(what, sizeof(what), "INVERT input %s", bad_ptrs[i].name);
		expect_call(what, fd, IOCTL_WDMIOCTL_INVERT, bad_ptrs[i].addr, 16,
			    (uintptr_t)buf, 16, EFAULT, STATUS_ACCESS_VIOLATION, NULL);
		snprintf(what, sizeof(what), "INVERT output %s", bad_ptrs[i].name);
		expect_call(what, fd, IOCTL_WDMIOCTL_INVERT, (uintptr_t)buf, 16,
			    bad_ptrs[i].addr, 16, EFAULT, STATUS_ACCESS_VIOLATION, NULL);
	}
	expect_call("INVERT output read-only", fd, IOCTL_WDMIOCTL_INVERT,
		    (uintptr_t)buf, 16, (uintptr_t)ro, 16, EFAULT,
		    STATUS_ACCESS_VIOLATION, NULL);
	expect_call("INVERT input running into a hole", fd, IOCTL_WDMIOCTL_INVERT,
		    (uintptr_t)edge, 33, (uintptr_t)buf, 33, EFAULT,
		    STATUS_ACCESS_VIOLATION, NULL);
	expect_call("INVERT output running into a hole", fd, IOCTL_WDMIOCTL_INVERT,
		    (uintptr_t)buf, 33, (uintptr_t)edge, 33, EFAULT,
		    STATUS_ACCESS_VIOLATION, NULL);
	/* the call still works afterwards */
	invert_one(fd, buf, buf + 2048, 64);
	munmap(buf, PAGE);
	munmap(ro, PAGE);
	close(fd);
}

static void t_unknown_ioctl(void)
{
	int fd = open_ioctl(O_RDWR);
	unsigned char buf[16];
	int dummy;

	expect_call("unknown function 0x810", fd,
		    CTL_CODE(FILE_DEVICE_UNKNOWN, 0x810, METHOD_BUFFERED, FILE_ANY_ACCESS),
		    (uintptr_t)buf, 16, (uintptr_t)buf, 16, ENOTTY,
		    STATUS_INVALID_DEVICE_REQUEST, NULL);
	expect_call("unknown device type", fd,
		    CTL_CODE(0x1234, 0x800, METHOD_NEITHER, FILE_ANY_ACCESS),
		    0, 0, 0, 0, ENOTTY, STATUS_INVALID_DEVICE_REQUEST, NULL);
	expect_call("code 0", fd, 0, 0, 0, 0, 0, ENOTTY,
		    STATUS_INVALID_DEVICE_REQUEST, NULL);
	if (!filtered)
		expect_call("the filter's code without the filter", fd,
			    IOCTL_WDMFILTER_STATS, 0, 0, (uintptr_t)buf, 16, ENOTTY,
			    STATUS_INVALID_DEVICE_REQUEST, NULL);
	errno = 0;
	check(ioctl(fd, _IO('W', 0x7f), &dummy) == -1 && errno == ENOTTY,
	      "a Linux ioctl command wdmshim does not know: %s", strerror(errno));
	close(fd);
}

static void t_uapi_misuse(void)
{
	int fd = open_ioctl(O_RDWR);
	struct wdm_ioctl a;

	memset(&a, 0, sizeof(a));
	a.size = sizeof(a) - 1;
	a.code = IOCTL_WDMIOCTL_ECHO;
	check(ioctl(fd, WDM_IOCTL_CALL, &a) == -1 && errno == EINVAL,
	      "wrong size field: %s", strerror(errno));
	a.size = sizeof(a);
	a.reserved = 1;
	check(ioctl(fd, WDM_IOCTL_CALL, &a) == -1 && errno == EINVAL,
	      "reserved field set: %s", strerror(errno));
	check(ioctl(fd, WDM_IOCTL_CALL, NULL) == -1 && errno == EFAULT,
	      "NULL argument: %s", strerror(errno));
	check(ioctl(fd, WDM_IOCTL_CALL, (void *)KERNEL_ADDR) == -1 && errno == EFAULT,
	      "kernel address argument: %s", strerror(errno));
	check(ioctl(fd, WDM_IOCTL_LAST_STATUS, NULL) == -1 && errno == EFAULT,
	      "LAST_STATUS to NULL: %s", strerror(errno));
	close(fd);
}

static void t_access(void)
{
	int ro = open_ioctl(O_RDONLY), wo = open_ioctl(O_WRONLY), rw = open_ioctl(O_RDWR);
	WDMIOCTL_STATS s;
	ULONG len = 0, old;

	expect_call("STATS (read access) on O_RDONLY", ro, IOCTL_WDMIOCTL_STATS, 0, 0,
		    (uintptr_t)&s, sizeof(s), 0, STATUS_SUCCESS, NULL);
	expect_call("STATS (read access) on O_WRONLY", wo, IOCTL_WDMIOCTL_STATS, 0, 0,
		    (uintptr_t)&s, sizeof(s), EACCES, STATUS_ACCESS_DENIED, NULL);
	expect_call("RESET (write access) on O_RDONLY", ro, IOCTL_WDMIOCTL_RESET, 0, 0,
		    0, 0, EACCES, STATUS_ACCESS_DENIED, NULL);
	expect_call("RESET (write access) on O_WRONLY", wo, IOCTL_WDMIOCTL_RESET, 0, 0,
		    0, 0, 0, STATUS_SUCCESS, NULL);
	expect_call("TRUNCATE (read+write) on O_RDONLY", ro, IOCTL_WDMIOCTL_TRUNCATE,
		    (uintptr_t)&len, 4, (uintptr_t)&old, 4, EACCES,
		    STATUS_ACCESS_DENIED, NULL);
	expect_call("TRUNCATE (read+write) on O_WRONLY", wo, IOCTL_WDMIOCTL_TRUNCATE,
		    (uintptr_t)&len, 4, (uintptr_t)&old, 4, EACCES,
		    STATUS_ACCESS_DENIED, NULL);
	expect_call("TRUNCATE (read+write) on O_RDWR", rw, IOCTL_WDMIOCTL_TRUNCATE,
		    (uintptr_t)&len, 4, (uintptr_t)&old, 4, 0, STATUS_SUCCESS, NULL);
	expect_call("RESET on O_RDWR", rw, IOCTL_WDMIOCTL_RESET, 0, 0, 0, 0, 0,
		    STATUS_SUCCESS, NULL);
	/* denied before the driver sees it: a bad buffer does not matter */
	expect_call("STATS on O_WRONLY, NULL output", wo, IOCTL_WDMIOCTL_STATS, 0, 0,
		    0, 64, EACCES, STATUS_ACCESS_DENIED, NULL);
	close(ro);
	close(wo);
	close(rw);
}

static void t_read_write(void)
{
	unsigned char *buf = map(4, PROT_READ | PROT_WRITE);
	unsigned char *in = map(4, PROT_READ | PROT_WRITE);
	int fd = open_ioctl(O_RDWR);
	WDMIOCTL_STATS s;
	ULONG n = 0, len;
	ULONG64 info;

	expect_call("RESET", fd, IOCTL_WDMIOCTL_RESET, 0, 0, 0, 0, 0, STATUS_SUCCESS, NULL);
	expect_rw("write hello", WriteFile(fd, "hello", 5, &n), 0, STATUS_SUCCESS);
	check(n == 5, "wrote %u", n);
	check(lseek(fd, 0, SEEK_CUR) == 5, "position after write: %lld",
	      (long long)lseek(fd, 0, SEEK_CUR));
	expect_rw("read at the end", ReadFile(fd, buf, 10, &n), 0, STATUS_END_OF_FILE);
	check(n == 0, "read %u at the end", n);
	lseek(fd, 0, SEEK_SET);
	memset(buf, 0, 16);
	expect_rw("read back", ReadFile(fd, buf, 16, &n), 0, STATUS_SUCCESS);
	check(n == 5 && !memcmp(buf, "hello", 5), "read back %u bytes '%.5s'", n, buf);
	check(wdm_last_information() == 5, "Information %llu",
	      (unsigned long long)wdm_last_information());
	expect_rw("read length 0", ReadFileAt(fd, buf, 0, 0, &n), 0, STATUS_SUCCESS);
	expect_rw("write length 0", WriteFileAt(fd, buf, 0, 0, &n), 0, STATUS_SUCCESS);
	check(n == 0, "wrote %u for length 0", n);

	/* a gap reads as zeros; a buffer crossing pages */
	fill_random(in, 4 * PAGE, 5);
	expect_rw("write across pages at 5000", WriteFileAt(fd, in + PAGE - 100, 3000,
							    5000, &n), 0, STATUS_SUCCESS);
	check(n == 3000, "wrote %u", n);
	memset(buf, 0xff, 4 * PAGE);
	expect_rw("read it all", ReadFileAt(fd, buf + PAGE - 1, 3 * PAGE, 0, &n), 0,
		  STATUS_SUCCESS);
	check(n == 8000, "read %u, want 8000", n);
	check(!memcmp(buf + PAGE - 1, "hello", 5) &&
	      all_bytes(buf + PAGE - 1 + 5, 4995, 0) &&
	      !memcmp(buf + PAGE - 1 + 5000, in + PAGE - 100, 3000),
	      "store contents after a gap");
	check(all_bytes(buf + PAGE - 1 + 8000, 3 * PAGE - 8000, 0xff),
	      "read wrote past what it returned");

	/* the end of the store: short write, then disk full */
	expect_rw("write across the end", WriteFileAt(fd, in, 100,
						      WDMIOCTL_STORE_SIZE - 10, &n),
		  0, STATUS_SUCCESS);
	check(n == 10, "short write of %u, want 10", n);
	expect_rw("write at the end", WriteFileAt(fd, in, 1, WDMIOCTL_STORE_SIZE, &n),
		  ENOSPC, STATUS_DISK_FULL);
	expect_rw("write far beyond", WriteFileAt(fd, in, 1, 1LL << 40, &n),
		  ENOSPC, STATUS_DISK_FULL);
	expect_rw("read far beyond", ReadFileAt(fd, buf, 1, 1LL << 40, &n),
		  0, STATUS_END_OF_FILE);
	if (get_stats(fd, &s))
		check(s.DataLength == WDMIOCTL_STORE_SIZE, "DataLength %u", s.DataLength);

	len = 3;
	if (expect_call("TRUNCATE to 3", fd, IOCTL_WDMIOCTL_TRUNCATE, (uintptr_t)&len,
			4, (uintptr_t)&len, 4, 0, STATUS_SUCCESS, &info))
		check(len == WDMIOCTL_STORE_SIZE && info == 4, "old length %u", len);
	len = 4;
	expect_call("TRUNCATE beyond the data", fd, IOCTL_WDMIOCTL_TRUNCATE,
		    (uintptr_t)&len, 4, 0, 0, EINVAL, STATUS_INVALID_PARAMETER, NULL);
	memset(buf, 0, 8);
	expect_rw("read after truncate", ReadFileAt(fd, buf, 8, 0, &n), 0, STATUS_SUCCESS);
	check(n == 3 && !memcmp(buf, "hel", 3), "read %u '%.3s'", n, buf);
	munmap(buf, 4 * PAGE);
	munmap(in, 4 * PAGE);
	close(fd);
}

static void t_read_write_bad_pointers(void)
{
	unsigned char *ro = map(1, PROT_READ);
	unsigned char *small = map(1, PROT_READ | PROT_WRITE);
	unsigned char *edge = before_hole(10);
	int fd = open_ioctl(O_RDWR);
	char what[96];
	ULONG n;
	size_t i;

	WriteFileAt(fd, small, PAGE, 0, &n);	/* data to read */
	for (i = 0; i < n_bad_ptrs; i++) {
		/*
		 * The VFS refuses a non-user address itself (access_ok):
		 * no request is made, the file's last status stays.
		 */
		NTSTATUS want = bad_ptrs[i].user ? STATUS_ACCESS_VIOLATION :
				STATUS_INVALID_DEVICE_REQUEST;

		mark_last_status(fd);
		snprintf(what, sizeof(what), "read into %s", bad_ptrs[i].name);
		expect_rw(what, ReadFileAt(fd, (void *)(uintptr_t)bad_ptrs[i].addr, 10,
					   0, &n), EFAULT, want);
		mark_last_status(fd);
		snprintf(what, sizeof(what), "write from %s", bad_ptrs[i].name);
		expect_rw(what, WriteFileAt(fd, (void *)(uintptr_t)bad_ptrs[i].addr, 10,
					    0, &n), EFAULT, want);
	}
	expect_rw("read into read-only memory", ReadFileAt(fd, ro, 10, 0, &n), EFAULT,
		  STATUS_ACCESS_VIOLATION);
	expect_rw("write from read-only memory", WriteFileAt(fd, ro, 10, 0, &n), 0,
		  STATUS_SUCCESS);
	expect_rw("read running into a hole", ReadFileAt(fd, edge, 11, 0, &n), EFAULT,
		  STATUS_ACCESS_VIOLATION);
	expect_rw("write running into a hole", WriteFileAt(fd, edge, 11, 0, &n), EFAULT,
		  STATUS_ACCESS_VIOLATION);
	expect_rw("read of 1 GiB into a page", ReadFileAt(fd, small, 1U << 30, 0, &n),
		  EFAULT, STATUS_ACCESS_VIOLATION);
	expect_rw("write of 1 GiB from a page", WriteFileAt(fd, small, 1U << 30, 0, &n),
		  EFAULT, STATUS_ACCESS_VIOLATION);
	expect_rw("read up to a hole", ReadFileAt(fd, edge, 10, 0, &n), 0, STATUS_SUCCESS);
	check(n == 10, "read %u", n);
	munmap(ro, PAGE);
	munmap(small, PAGE);
	close(fd);
}

static void t_wait_signal(void)
{
	int fd = open_ioctl(O_RDWR), ctl = open_ioctl(O_RDWR);
	ULONG value = 0x1234abcd, count = 0;
	WDMIOCTL_STATS a, b;
	struct bg w;

	get_stats(ctl, &a);
	bg_start(&w, fd, IOCTL_WDMIOCTL_WAIT);
	if (wait_pending(ctl, 1)) {
		check(!__atomic_load_n(&w.done, __ATOMIC_SEQ_CST), "WAIT returned early");
		if (expect_call("SIGNAL", ctl, IOCTL_WDMIOCTL_SIGNAL, (uintptr_t)&value, 4,
				(uintptr_t)&count, 4, 0, STATUS_SUCCESS, NULL))
			check(count == 1, "SIGNAL completed %u waits", count);
	}
	if (bg_join(&w, 5000)) {
		expect_bg("WAIT", &w, 0, STATUS_SUCCESS);
		check(w.out == value && w.info == 4, "WAIT got 0x%x (Information %llu)",
		      w.out, (unsigned long long)w.info);
	}
	get_stats(ctl, &b);
	check(b.WaitsSignalled == a.WaitsSignalled + 1 && b.WaitsPending == 0,
	      "WaitsSignalled %u->%u pending %u", a.WaitsSignalled, b.WaitsSignalled,
	      b.WaitsPending);
	expect_call("SIGNAL without input", ctl, IOCTL_WDMIOCTL_SIGNAL, 0, 0, 0, 0,
		    EINVAL, STATUS_INVALID_PARAMETER, NULL);
	close(fd);
	close(ctl);
}

/* A signal to the waiting thread cancels its IRP: EINTR, STATUS_CANCELLED. */
static void t_wait_interrupted(void)
{
	int fd = open_ioctl(O_RDWR), ctl = open_ioctl(O_RDWR);
	WDMIOCTL_STATS a, b;
	struct bg w;

	get_stats(ctl, &a);
	bg_start(&w, fd, IOCTL_WDMIOCTL_WAIT);
	if (wait_pending(ctl, 1))
		pthread_kill(w.thread, SIGUSR1);
	if (bg_join(&w, 5000))
		expect_bg("interrupted WAIT", &w, EINTR, STATUS_CANCELLED);
	get_stats(ctl, &b);
	check(b.WaitsCancelled == a.WaitsCancelled + 1 && b.WaitsPending == 0,
	      "WaitsCancelled %u->%u pending %u", a.WaitsCancelled, b.WaitsCancelled,
	      b.WaitsPending);
	/* the file still works */
	expect_call("ECHO after the interrupted WAIT", fd, IOCTL_WDMIOCTL_ECHO, 0, 0, 0,
		    0, 0, STATUS_SUCCESS, NULL);
	close(fd);
	close(ctl);
}

/* close() while another thread's IRP is pending: CLEANUP cancels it. */
static void t_close_while_pending(void)
{
	int fd = open_ioctl(O_RDWR), ctl = open_ioctl(O_RDWR);
	WDMIOCTL_STATS a, b;
	double t0;
	struct bg w;

	get_stats(ctl, &a);
	bg_start(&w, fd, IOCTL_WDMIOCTL_WAIT);
	if (wait_pending(ctl, 1)) {
		t0 = now_s();
		check(close(fd) == 0, "close: %s", strerror(errno));
		check(now_s() - t0 < 2, "close took %.1f s", now_s() - t0);
	}
	if (bg_join(&w, 5000))
		expect_bg("WAIT on the closed file", &w, ECANCELED, STATUS_CANCELLED);
	get_stats(ctl, &b);
	check(b.Cleanups == a.Cleanups + 1 && b.Closes == a.Closes + 1,
	      "Cleanups %u->%u Closes %u->%u", a.Cleanups, b.Cleanups, a.Closes, b.Closes);
	check(b.WaitsCancelled == a.WaitsCancelled + 1 && b.WaitsPending == 0,
	      "WaitsCancelled %u->%u pending %u", a.WaitsCancelled, b.WaitsCancelled,
	      b.WaitsPending);
	close(ctl);
}

/* CLEANUP cancels only the waits of the file being closed. */
static void t_cleanup_own_file(void)
{
	int x = open_ioctl(O_RDWR), y = open_ioctl(O_RDWR), ctl = open_ioctl(O_RDWR);
	ULONG value = 77;
	struct bg wx, wy;

	bg_start(&wx, x, IOCTL_WDMIOCTL_WAIT);
	bg_start(&wy, y, IOCTL_WDMIOCTL_WAIT);
	if (wait_pending(ctl, 2)) {
		close(x);
		if (bg_join(&wx, 5000))
			expect_bg("WAIT on the closed file", &wx, ECANCELED, STATUS_CANCELLED);
		wait_pending(ctl, 1);
		check(!__atomic_load_n(&wy.done, __ATOMIC_SEQ_CST),
		      "the other file's WAIT ended");
	}
	expect_call("SIGNAL", ctl, IOCTL_WDMIOCTL_SIGNAL, (uintptr_t)&value, 4, 0, 0, 0,
		    STATUS_SUCCESS, NULL);
	if (bg_join(&wy, 5000)) {
		expect_bg("WAIT on the open file", &wy, 0, STATUS_SUCCESS);
		check(wy.out == value, "WAIT got %u", wy.out);
	}
	close(y);
	close(ctl);
}

struct racer {
	pthread_t thread;
	int fd;
	unsigned int seed;
	int iterations;
	int bad;
};

static void *race_main(void *arg)
{
	struct racer *r = arg;
	unsigned char in[600], out[600];
	ULONG got, len;
	ULONG64 info;
	NTSTATUS st;
	int i;

	for (i = 0; i < r->iterations; i++) {
		len = (r->seed + i * 37) % sizeof(in);
		fill_random(in, len, r->seed + i);
		if (!DeviceIoControl(r->fd, IOCTL_WDMIOCTL_ECHO, in, len, out, len, &got) ||
		    got != len) {
			r->bad++;
			continue;
		}
		for (ULONG j = 0; j < len; j++)
			if (out[j] != in[len - 1 - j]) {
				r->bad++;
				break;
			}
		if (wdm_call(r->fd, IOCTL_WDMIOCTL_CHECKSUM, 0, 0, (uintptr_t)in, len,
			     &st, &info) || info != fnv(in, len, WDMIOCTL_FNV_BASIS))
			r->bad++;
	}
	return NULL;
}

/* Two threads racing requests on one file. */
static void t_race_one_file(void)
{
	int fd = open_ioctl(O_RDWR);
	struct racer r[2];
	WDMIOCTL_STATS s;
	int i;

	for (i = 0; i < 2; i++) {
		r[i] = (struct racer){ .fd = fd, .seed = 1000 * (i + 1), .iterations = 300 };
		pthread_create(&r[i].thread, NULL, race_main, &r[i]);
	}
	for (i = 0; i < 2; i++) {
		pthread_join(r[i].thread, NULL);
		check(r[i].bad == 0, "thread %d: %d bad results", i, r[i].bad);
	}
	if (get_stats(fd, &s))
		check(s.FileIoctls == 2 * 2 * 300 + 1, "FileIoctls %u, want %d",
		      s.FileIoctls, 2 * 2 * 300 + 1);
	close(fd);
}

struct signaller {
	pthread_t thread;
	int fd;
	volatile int stop;
};

static void *signal_main(void *arg)
{
	struct signaller *s = arg;
	ULONG v = 0;

	while (!__atomic_load_n(&s->stop, __ATOMIC_SEQ_CST)) {
		v++;
		DeviceIoControl(s->fd, IOCTL_WDMIOCTL_SIGNAL, &v, 4, NULL, 0, NULL);
	}
	return NULL;
}

/* Waits and signals racing on one file. */
static void t_race_wait_signal(void)
{
	int fd = open_ioctl(O_RDWR);
	struct signaller s = { .fd = fd };
	WDMIOCTL_STATS st;
	ULONG got, v;
	int i, bad = 0;

	pthread_create(&s.thread, NULL, signal_main, &s);
	alarm(30);
	for (i = 0; i < 100; i++) {
		v = 0;
		if (!DeviceIoControl(fd, IOCTL_WDMIOCTL_WAIT, NULL, 0, &v, 4, &got) ||
		    got != 4 || v == 0)
			bad++;
	}
	alarm(CASE_TIMEOUT);
	__atomic_store_n(&s.stop, 1, __ATOMIC_SEQ_CST);
	pthread_join(s.thread, NULL);
	check(bad == 0, "%d of 100 waits went wrong", bad);
	if (get_stats(fd, &st))
		check(st.WaitsPending == 0, "WaitsPending %u", st.WaitsPending);
	close(fd);
}

static void t_final_stats(void)
{
	int fd = open_ioctl(O_RDONLY);
	WDMIOCTL_STATS s;

	if (get_stats(fd, &s)) {
		check(s.OpenFiles == 1 + (filtered ? 1 : 0),
		      "OpenFiles %u (only this one%s)", s.OpenFiles,
		      filtered ? " and the filter's" : "");
		check(s.WaitsPending == 0, "WaitsPending %u", s.WaitsPending);
		check(s.Creates == s.Closes + s.OpenFiles, "Creates %u Closes %u Open %u",
		      s.Creates, s.Closes, s.OpenFiles);
		check(s.Cleanups == s.Closes, "Cleanups %u Closes %u", s.Cleanups, s.Closes);
		diag("WdmIoctl: %u creates, %u reads, %u writes, %u ioctls",
		     s.Creates, s.Reads, s.Writes, s.Ioctls);
		diag("WdmIoctl: %u waits signalled, %u cancelled", s.WaitsSignalled,
		     s.WaitsCancelled);
	}
	close(fd);
}

/* --- WdmFilter cases --------------------------------------------------------- */

static void t_filter_stats(void)
{
	int fd = open_ioctl(O_RDWR);
	WDMFILTER_STATS f;
	WDMIOCTL_STATS s;

	get_filter_stats(fd, &f);
	expect_call("FILTER_STATS output too small", fd, IOCTL_WDMFILTER_STATS, 0, 0,
		    (uintptr_t)&f, sizeof(f) - 1, ENOBUFS, STATUS_BUFFER_TOO_SMALL, NULL);
	if (get_stats(fd, &s))
		check(s.Layers == 2, "Layers %u: the filter's completion routine did not run",
		      s.Layers);
	close(fd);
}

static void t_filter_reads(void)
{
	int fd = open_ioctl(O_RDWR);
	unsigned char buf[128];
	WDMFILTER_STATS a, b;
	ULONG n;

	memset(buf, 'x', sizeof(buf));
	get_filter_stats(fd, &a);
	expect_call("RESET", fd, IOCTL_WDMIOCTL_RESET, 0, 0, 0, 0, 0, STATUS_SUCCESS, NULL);
	WriteFileAt(fd, buf, 100, 0, &n);
	expect_rw("read 60", ReadFileAt(fd, buf, 60, 0, &n), 0, STATUS_SUCCESS);
	expect_rw("read 40", ReadFileAt(fd, buf, 100, 60, &n), 0, STATUS_SUCCESS);
	check(n == 40, "read %u", n);
	expect_rw("read at the end", ReadFileAt(fd, buf, 10, 100, &n), 0,
		  STATUS_END_OF_FILE);
	expect_rw("read into NULL", ReadFileAt(fd, NULL, 10, 0, &n), EFAULT,
		  STATUS_ACCESS_VIOLATION);
	get_filter_stats(fd, &b);
	check(b.Reads == a.Reads + 3, "the filter saw %u reads, want 3", b.Reads - a.Reads);
	check(b.ReadBytes == a.ReadBytes + 100, "the filter counted %u bytes, want 100",
	      b.ReadBytes - a.ReadBytes);
	check(b.Passed > a.Passed, "nothing passed down unseen");
	close(fd);
}

static void t_filter_waits(void)
{
	int fd = open_ioctl(O_RDWR), ctl = open_ioctl(O_RDWR);
	WDMFILTER_STATS a, b;
	ULONG value = 5;
	struct bg w;

	get_filter_stats(ctl, &a);
	bg_start(&w, fd, IOCTL_WDMIOCTL_WAIT);
	if (wait_pending(ctl, 1))
		expect_call("SIGNAL", ctl, IOCTL_WDMIOCTL_SIGNAL, (uintptr_t)&value, 4, 0,
			    0, 0, STATUS_SUCCESS, NULL);
	if (bg_join(&w, 5000))
		expect_bg("WAIT through the filter", &w, 0, STATUS_SUCCESS);
	bg_start(&w, fd, IOCTL_WDMIOCTL_WAIT);
	if (wait_pending(ctl, 1))
		pthread_kill(w.thread, SIGUSR1);
	if (bg_join(&w, 5000))
		expect_bg("interrupted WAIT through the filter", &w, EINTR,
			  STATUS_CANCELLED);
	get_filter_stats(ctl, &b);
	check(b.WaitsCompleted == a.WaitsCompleted + 1, "WaitsCompleted %u->%u",
	      a.WaitsCompleted, b.WaitsCompleted);
	check(b.WaitsCancelled == a.WaitsCancelled + 1, "WaitsCancelled %u->%u",
	      a.WaitsCancelled, b.WaitsCancelled);
	check(b.PendingReturned == a.PendingReturned + 2,
	      "PendingReturned %u->%u: the pending state did not reach the filter",
	      a.PendingReturned, b.PendingReturned);
	close(fd);
	close(ctl);
}

/* --- wdmtestdrv cases ---------------------------------------------------------- */

static int open_test(int flags)
{
	int fd = wdm_open(WDMTEST_DOS_NAME, flags);

	if (fd < 0) {
		check(false, "open /dev/%s: %s", WDMTEST_DOS_NAME, strerror(errno));
		exit(2);
	}
	return fd;
}

static bool get_state(int fd, WDMTEST_STATE *s)
{
	ULONG got = 0;

	memset(s, 0, sizeof(*s));
	if (!DeviceIoControl(fd, IOCTL_WDMTEST_QUERY, NULL, 0, s, sizeof(*s), &got))
		return check(false, "QUERY: %s", strerror(errno));
	return check(got == sizeof(*s), "QUERY returned %u bytes", got);
}

static bool wait_state(int ctl, bool reads, ULONG n)
{
	WDMTEST_STATE s;
	int i;

	for (i = 0; i < 1000; i++) {
		if (!get_state(ctl, &s))
			return false;
		if ((reads ? s.PendingReads : s.Kept) == n)
			return true;
		sleep_ms(5);
	}
	return check(false, "%s stayed %u, want %u", reads ? "PendingReads" : "Kept",
		     reads ? s.PendingReads : s.Kept, n);
}

/* Information beyond the output: clamped, nothing beyond written, no leak. */
static void t_info_too_big(void)
{
	unsigned char *buf = map(1, PROT_READ | PROT_WRITE);
	int fd = open_test(O_RDWR);
	ULONG64 info = 0;
	ULONG n;

	memset(buf, 0x55, 32);
	memset(buf + 32, 0xee, 64);
	if (expect_call("INFO_TOO_BIG, 32-byte output", fd, IOCTL_WDMTEST_INFO_TOO_BIG,
			0, 0, (uintptr_t)buf, 32, 0, STATUS_SUCCESS, &info)) {
		check(info == 32, "Information %llu, want it clamped to 32",
		      (unsigned long long)info);
		check(all_bytes(buf, 16, WDMTEST_INFO_FILL), "driver's bytes missing");
		check(all_bytes(buf + 16, 16, 0),
		      "bytes the driver did not write are not zero (kernel memory disclosed?)");
		check(all_bytes(buf + 32, 64, 0xee), "bytes beyond the output were written");
	}
	if (expect_call("INFO_TOO_BIG, no output", fd, IOCTL_WDMTEST_INFO_TOO_BIG,
			(uintptr_t)buf, 8, 0, 0, 0, STATUS_SUCCESS, &info))
		check(info == 0, "Information %llu, want 0", (unsigned long long)info);

	/* buffered read: Information 8 beyond */
	memset(buf, 0x55, 16);
	memset(buf + 16, 0xee, 64);
	expect_rw("read with Information beyond the buffer",
		  ReadFileAt(fd, buf, 16, 1, &n), 0, STATUS_SUCCESS);
	check(n == 16, "read returned %u, want 16", n);
	check(all_bytes(buf, 16, WDMTEST_READ_FILL) && all_bytes(buf + 16, 64, 0xee),
	      "read buffer or guard bytes wrong");
	expect_rw("read of 0 bytes, Information 8", ReadFileAt(fd, buf, 0, 1, &n), 0,
		  STATUS_SUCCESS);
	check(n == 0, "read returned %u, want 0", n);

	/* buffered write: Information 100 beyond; the position moves by 10 */
	lseek(fd, 0, SEEK_SET);
	expect_rw("write with Information beyond the buffer",
		  WriteFile(fd, buf, 10, &n), 0, STATUS_SUCCESS);
	check(n == 10, "write returned %u, want 10", n);
	check(lseek(fd, 0, SEEK_CUR) == 10, "position %lld after the write, want 10",
	      (long long)lseek(fd, 0, SEEK_CUR));
	munmap(buf, PAGE);
	close(fd);
}

static void t_double_complete(void)
{
	int fd = open_test(O_RDWR);
	WDMTEST_STATE s;

	expect_call("DOUBLE_COMPLETE", fd, IOCTL_WDMTEST_DOUBLE_COMPLETE, 0, 0, 0, 0, 0,
		    STATUS_SUCCESS, NULL);
	/* and everything still works */
	check(get_state(fd, &s), "QUERY after DOUBLE_COMPLETE");
	close(fd);
}

/* Returned without completing and without STATUS_PENDING: the call fails. */
static void t_no_complete(void)
{
	int fd = open_test(O_RDWR);
	ULONG count = 0;
	double t0 = now_s();

	expect_call("NO_COMPLETE", fd, IOCTL_WDMTEST_NO_COMPLETE, 0, 0, 0, 0, EIO,
		    STATUS_UNSUCCESSFUL, NULL);
	check(now_s() - t0 < 5, "NO_COMPLETE took %.1f s", now_s() - t0);
	if (expect_call("RELEASE", fd, IOCTL_WDMTEST_RELEASE, 0, 0, (uintptr_t)&count,
			4, 0, STATUS_SUCCESS, NULL))
		check(count == 1, "RELEASE completed %u IRPs, want 1", count);
	close(fd);
}

/* A pending IRP its driver does not complete when cancelled: detached. */
static void t_hold_interrupted(void)
{
	int fd = open_test(O_RDWR), ctl = open_test(O_RDWR);
	ULONG count = 0;
	struct bg w;

	bg_start(&w, fd, IOCTL_WDMTEST_HOLD);
	if (wait_state(ctl, false, 1))
		pthread_kill(w.thread, SIGUSR1);
	if (bg_join(&w, 10000))
		expect_bg("HOLD interrupted", &w, EINTR, STATUS_CANCELLED);
	if (expect_call("RELEASE", ctl, IOCTL_WDMTEST_RELEASE, 0, 0, (uintptr_t)&count,
			4, 0, STATUS_SUCCESS, NULL))
		check(count == 1, "RELEASE completed %u IRPs, want 1", count);
	close(fd);
	close(ctl);
}

/* HOLD, then close: CLEANUP completes the kept IRP; close does not hang. */
static void t_hold_close(void)
{
	int fd = open_test(O_RDWR), ctl = open_test(O_RDWR);
	struct bg w;

	bg_start(&w, fd, IOCTL_WDMTEST_HOLD);
	if (wait_state(ctl, false, 1))
		close(fd);
	if (bg_join(&w, 5000))
		expect_bg("HOLD on the closed file", &w, ECANCELED, STATUS_CANCELLED);
	wait_state(ctl, false, 0);
	close(ctl);
}

static void t_read_interrupted(void)
{
	int fd = open_test(O_RDWR), ctl = open_test(O_RDWR);
	WDMTEST_STATE a, b;
	struct bg r;

	get_state(ctl, &a);
	bg_start(&r, fd, 0);
	if (wait_state(ctl, true, 1))
		pthread_kill(r.thread, SIGUSR1);
	if (bg_join(&r, 5000))
		expect_bg("interrupted read", &r, EINTR, STATUS_CANCELLED);
	get_state(ctl, &b);
	check(b.ReadsCancelled == a.ReadsCancelled + 1 && b.PendingReads == 0,
	      "ReadsCancelled %u->%u pending %u", a.ReadsCancelled, b.ReadsCancelled,
	      b.PendingReads);
	close(fd);
	close(ctl);
}

static void t_read_close(void)
{
	int fd = open_test(O_RDWR), ctl = open_test(O_RDWR);
	WDMTEST_STATE a, b;
	struct bg r;

	get_state(ctl, &a);
	bg_start(&r, fd, 0);
	if (wait_state(ctl, true, 1))
		close(fd);
	/* (the file is gone: its last status cannot be asked for) */
	if (bg_join(&r, 5000))
		check(r.err == ECANCELED, "read on the closed file: errno %d (%s), want ECANCELED",
		      r.err, strerror(r.err));
	get_state(ctl, &b);
	check(b.ReadsCancelled == a.ReadsCancelled + 1 && b.PendingReads == 0,
	      "ReadsCancelled %u->%u pending %u", a.ReadsCancelled, b.ReadsCancelled,
	      b.PendingReads);
	close(ctl);
}

static void t_buffered_bad_pointers(void)
{
	unsigned char *ro = map(1, PROT_READ);
	unsigned char *edge = before_hole(10);
	int fd = open_test(O_RDWR);
	char what[96];
	ULONG n;
	size_t i;

	for (i = 0; i < n_bad_ptrs; i++) {
		NTSTATUS want = bad_ptrs[i].user ? STATUS_ACCESS_VIOLATION :
				STATUS_INVALID_DEVICE_REQUEST;	/* refused by the VFS */

		mark_last_status(fd);
		snprintf(what, sizeof(what), "buffered read into %s", bad_ptrs[i].name);
		expect_rw(what, ReadFileAt(fd, (void *)(uintptr_t)bad_ptrs[i].addr, 10,
					   1, &n), EFAULT, want);
		mark_last_status(fd);
		snprintf(what, sizeof(what), "buffered write from %s", bad_ptrs[i].name);
		expect_rw(what, WriteFileAt(fd, (void *)(uintptr_t)bad_ptrs[i].addr, 10,
					    0, &n), EFAULT, want);
		snprintf(what, sizeof(what), "INFO_TOO_BIG output %s", bad_ptrs[i].name);
		expect_call(what, fd, IOCTL_WDMTEST_INFO_TOO_BIG, 0, 0, bad_ptrs[i].addr,
			    32, EFAULT, STATUS_ACCESS_VIOLATION, NULL);
	}
	expect_rw("buffered read into read-only memory", ReadFileAt(fd, ro, 10, 1, &n),
		  EFAULT, STATUS_ACCESS_VIOLATION);
	expect_rw("buffered read running into a hole", ReadFileAt(fd, edge, 11, 1, &n),
		  EFAULT, STATUS_ACCESS_VIOLATION);
	expect_rw("buffered read of 1 GiB into 10 bytes", ReadFileAt(fd, edge, 1U << 30,
								     1, &n),
		  EFAULT, STATUS_ACCESS_VIOLATION);
	expect_rw("buffered read up to a hole", ReadFileAt(fd, edge, 10, 1, &n), 0,
		  STATUS_SUCCESS);
	munmap(ro, PAGE);
	close(fd);
}

static void t_testdrv_unknown(void)
{
	int fd = open_test(O_RDWR);

	expect_call("unknown code", fd,
		    CTL_CODE(FILE_DEVICE_UNKNOWN, 0xA7F, METHOD_BUFFERED, FILE_ANY_ACCESS),
		    0, 0, 0, 0, ENOTTY, STATUS_INVALID_DEVICE_REQUEST, NULL);
	close(fd);
}

/* Timers and DPCs a driver frees or unloads with: cancelled, reported. */
static void t_testdrv_forgotten_timers(void)
{
	int fd = open_test(O_RDWR);

	expect_call("FREE_TIMER", fd, IOCTL_WDMTEST_FREE_TIMER, 0, 0, 0, 0, 0,
		    STATUS_SUCCESS, NULL);
	expect_call("TIMER_AT_UNLOAD", fd, IOCTL_WDMTEST_TIMER_AT_UNLOAD, 0, 0, 0, 0,
		    0, STATUS_SUCCESS, NULL);
	/* Past the freed timer's due time: had it fired, the guest would oops. */
	sleep_ms(1500);
	close(fd);
}

/* --- WdmQueue: StartIo --------------------------------------------------------- */

#define QUEUE_THREADS	8
#define QUEUE_PER_THREAD 250	/* 2000 IRPs through one queue */

static int open_queue(void)
{
	int fd = wdm_open(WDMQUEUE_DOS_NAME, O_RDWR);

	if (fd < 0) {
		check(false, "open /dev/%s: %s", WDMQUEUE_DOS_NAME, strerror(errno));
		exit(2);
	}
	return fd;
}

static bool get_queue_stats(int fd, WDMQUEUE_STATS *s)
{
	ULONG got = 0;

	memset(s, 0, sizeof(*s));
	if (!DeviceIoControl(fd, IOCTL_WDMQUEUE_STATS, NULL, 0, s, sizeof(*s), &got))
		return check(false, "QUEUE STATS: %s 0x%08x", strerror(errno),
			     (unsigned int)wdm_last_status());
	return check(got == sizeof(*s), "QUEUE STATS returned %u bytes", got);
}

struct queue_worker {
	pthread_t thread;
	int count;
	int ok;			/* writes that completed with their length */
};

static void *queue_worker_fn(void *arg)
{
	struct queue_worker *w = arg;
	int fd = wdm_open(WDMQUEUE_DOS_NAME, O_RDWR), i;
	char buf[16] = "queued";
	ULONG done;

	if (fd < 0)
		return NULL;
	for (i = 0; i < w->count; i++) {
		buf[7] = (char)i;
		done = 0;
		if (WriteFile(fd, buf, sizeof(buf), &done) && done == sizeof(buf))
			w->ok++;
	}
	close(fd);
	return NULL;
}

/* Run @threads threads of @per writes each; every write must complete. */
static void queue_run(int threads, int per)
{
	struct queue_worker w[QUEUE_THREADS];
	int fd = open_queue(), i, ok = 0;
	WDMQUEUE_STATS before, after;
	double t0, t;

	get_queue_stats(fd, &before);
	memset(w, 0, sizeof(w));
	t0 = now_s();
	for (i = 0; i < threads; i++) {
		w[i].count = per;
		if (pthread_create(&w[i].thread, NULL, queue_worker_fn, &w[i]))
			check(false, "pthread_create");
	}
	for (i = 0; i < threads; i++) {
		pthread_join(w[i].thread, NULL);
		ok += w[i].ok;
	}
	t = now_s() - t0;
	check(ok == threads * per, "%d of %d IRPs completed with their length",
	      ok, threads * per);
	get_queue_stats(fd, &after);
	check(after.Completed - before.Completed == (ULONG)(threads * per),
	      "driver completed %u IRPs, want %d", after.Completed - before.Completed,
	      threads * per);
	check(after.Started - before.Started == (ULONG)(threads * per),
	      "StartIo ran %u times, want %d", after.Started - before.Started,
	      threads * per);
	check(after.MaxInStartIo == 1, "%u IRPs in StartIo at once", after.MaxInStartIo);
	printf("# queue: %d thread(s): %d IRPs in %.3f s: %.0f IRPs/s\n",
	       threads, threads * per, t, t > 0 ? threads * per / t : 0.0);
	close(fd);
}

/* Wait until @field of the queue's stats reaches @want (5 s at most). */
#define QUEUE_WAIT(fd, field, want) queue_wait(fd, #field, \
	offsetof(WDMQUEUE_STATS, field), want)

static bool queue_wait(int fd, const char *name, size_t off, ULONG want)
{
	WDMQUEUE_STATS s;
	ULONG v = 0;
	int i;

	for (i = 0; i < 1000; i++) {
		if (!get_queue_stats(fd, &s))
			return false;
		memcpy(&v, (char *)&s + off, sizeof(v));
		if (v == want)
			return true;
		sleep_ms(5);
	}
	return check(false, "queue %s is %u, want %u", name, v, want);
}

static bool queue_release(int fd)
{
	return expect_call("RELEASE", fd, IOCTL_WDMQUEUE_RELEASE, 0, 0, 0, 0, 0,
			   STATUS_SUCCESS, NULL);
}

static bool get_history(int fd, WDMQUEUE_HISTORY_OUT *h)
{
	ULONG got = 0;

	if (!DeviceIoControl(fd, IOCTL_WDMQUEUE_HISTORY, NULL, 0, h, sizeof(*h), &got))
		return check(false, "HISTORY: %s 0x%08x", strerror(errno),
			     (unsigned int)wdm_last_status());
	return check(got == sizeof(*h), "HISTORY returned %u bytes", got);
}

/*
 * Key order: while a hold (key 100) keeps the device busy, reads are
 * queued at sectors 150, 20, 300, 120, 50; after the release StartIo
 * takes them as a one-way elevator from the hold's key: 120, 150, 300,
 * then wrapping, 20, 50.
 */
static void t_queue_key_order(void)
{
	static const ULONG keys[] = { 150, 20, 300, 120, 50 };
	static const ULONG want[] = { 100, 120, 150, 300, 20, 50 };
	const size_t n = ARRAY_SIZE(keys), m = ARRAY_SIZE(want);
	int fd = open_queue();
	WDMQUEUE_HISTORY_OUT h;
	struct bg hold, r[ARRAY_SIZE(keys)];
	size_t i;

	bg_start_in(&hold, fd, IOCTL_WDMQUEUE_HOLD, 100);
	if (!QUEUE_WAIT(fd, Holding, 1))
		goto out;
	for (i = 0; i < n; i++) {
		bg_start_read(&r[i], fd, (LONGLONG)keys[i] * WDMQUEUE_SECTOR);
		QUEUE_WAIT(fd, Queued, (ULONG)i + 1);
	}
	queue_release(fd);
	for (i = 0; i < n; i++)
		if (bg_join(&r[i], 5000))
			expect_bg("keyed read", &r[i], 0, STATUS_SUCCESS);
	if (bg_join(&hold, 5000))
		expect_bg("released hold", &hold, 0, STATUS_SUCCESS);
	if (get_history(fd, &h) && check(h.Count >= m, "history of %u", h.Count)) {
		for (i = 0; i < m; i++) {
			ULONG k = h.Keys[(h.Count - m + i) % WDMQUEUE_HISTORY];

			check(k == want[i], "StartIo call %zu of %zu had key %u, want %u",
			      i + 1, m, k, want[i]);
		}
	}
out:
	close(fd);
}

/* A queued IRP cancelled by a signal: EINTR, STATUS_CANCELLED. */
static void t_queue_cancel_queued(void)
{
	int fd = open_queue();
	WDMQUEUE_STATS a, b;
	struct bg hold, r;

	get_queue_stats(fd, &a);
	bg_start_in(&hold, fd, IOCTL_WDMQUEUE_HOLD, 0);
	if (!QUEUE_WAIT(fd, Holding, 1))
		goto out;
	bg_start_read(&r, fd, 7 * WDMQUEUE_SECTOR);
	if (QUEUE_WAIT(fd, Queued, 1))
		pthread_kill(r.thread, SIGUSR1);
	if (bg_join(&r, 5000))
		expect_bg("cancelled queued read", &r, EINTR, STATUS_CANCELLED);
	QUEUE_WAIT(fd, Queued, 0);
	queue_release(fd);
	if (bg_join(&hold, 5000))
		expect_bg("released hold", &hold, 0, STATUS_SUCCESS);
	get_queue_stats(fd, &b);
	check(b.Cancelled == a.Cancelled + 1, "Cancelled %u->%u", a.Cancelled,
	      b.Cancelled);
out:
	close(fd);
}

/*
 * The current IRP (a cancelable hold) cancelled by a signal: its cancel
 * routine completes it and starts the next one, which completes.
 */
static void t_queue_cancel_current(void)
{
	int fd = open_queue();
	WDMQUEUE_STATS a, b;
	struct bg hold, r;

	get_queue_stats(fd, &a);
	bg_start_in(&hold, fd, IOCTL_WDMQUEUE_HOLD_CANCELABLE, 10);
	if (!QUEUE_WAIT(fd, Holding, 1))
		goto out;
	bg_start_read(&r, fd, 11 * WDMQUEUE_SECTOR);
	if (QUEUE_WAIT(fd, Queued, 1))
		pthread_kill(hold.thread, SIGUSR1);
	if (bg_join(&hold, 5000))
		expect_bg("cancelled current hold", &hold, EINTR, STATUS_CANCELLED);
	if (bg_join(&r, 5000))
		expect_bg("read queued behind it", &r, 0, STATUS_SUCCESS);
	get_queue_stats(fd, &b);
	check(b.CurrentCancelled == a.CurrentCancelled + 1 && b.Holding == 0,
	      "CurrentCancelled %u->%u Holding %u", a.CurrentCancelled,
	      b.CurrentCancelled, b.Holding);
	expect_call("RELEASE with nothing held", fd, IOCTL_WDMQUEUE_RELEASE, 0, 0, 0, 0,
		    ENOENT, STATUS_NOT_FOUND, NULL);
out:
	close(fd);
}

/*
 * A signal for a current IRP that cannot be cancelled (a plain hold):
 * IoCancelIrp finds no cancel routine, the IRP completes normally when
 * released, and the syscall returns its success.
 */
static void t_queue_cancel_uncancelable(void)
{
	int fd = open_queue();
	struct bg hold;

	bg_start_in(&hold, fd, IOCTL_WDMQUEUE_HOLD, 5);
	if (!QUEUE_WAIT(fd, Holding, 1))
		goto out;
	pthread_kill(hold.thread, SIGUSR1);
	sleep_ms(300);
	check(!__atomic_load_n(&hold.done, __ATOMIC_SEQ_CST),
	      "an uncancelable hold ended on a signal");
	queue_release(fd);
	if (bg_join(&hold, 5000))
		expect_bg("signalled, then released hold", &hold, 0, STATUS_SUCCESS);
out:
	close(fd);
}

struct storm {
	pthread_t thread;
	int fd, count, ok, cancelled, bad;
	volatile int done;
};

static void *storm_writer(void *arg)
{
	struct storm *w = arg;
	char buf[16] = "storm";
	ULONG done;
	int i;

	/* A file of its own: a write's NTSTATUS is its file's last one. */
	w->fd = open_queue();
	for (i = 0; i < w->count; i++) {
		done = 0;
		if (WriteFileAt(w->fd, buf, sizeof(buf), (off_t)(i % 8) * WDMQUEUE_SECTOR,
				&done) && done == sizeof(buf))
			w->ok++;
		else if (errno == EINTR && wdm_last_status() == STATUS_CANCELLED)
			w->cancelled++;
		else
			w->bad++;
	}
	close(w->fd);
	__atomic_store_n(&w->done, 1, __ATOMIC_SEQ_CST);
	return NULL;
}

/*
 * Signals racing completions: each of 4 writers' IRPs is queued, current
 * or completing when a signal comes. Every write ends exactly once,
 * either written or cancelled, and the driver's counts agree.
 */
static void t_queue_cancel_storm(void)
{
	int fd = open_queue(), i, ok = 0, cancelled = 0, n = 4, per = 200;
	WDMQUEUE_STATS a, b;
	struct storm w[4];
	bool all;

	get_queue_stats(fd, &a);
	for (i = 0; i < n; i++) {
		w[i] = (struct storm){ .count = per };
		pthread_create(&w[i].thread, NULL, storm_writer, &w[i]);
	}
	do {
		all = true;
		for (i = 0; i < n; i++) {
			if (__atomic_load_n(&w[i].done, __ATOMIC_SEQ_CST))
				continue;
			all = false;
			pthread_kill(w[i].thread, SIGUSR1);
		}
		usleep(300);
	} while (!all);
	for (i = 0; i < n; i++) {
		pthread_join(w[i].thread, NULL);
		check(w[i].bad == 0, "writer %d: %d writes neither done nor cancelled",
		      i, w[i].bad);
		ok += w[i].ok;
		cancelled += w[i].cancelled;
	}
	get_queue_stats(fd, &b);
	diag("storm: %d written, %d cancelled", ok, cancelled);
	check(ok + cancelled == n * per, "%d + %d writes ended, want %d", ok, cancelled,
	      n * per);
	check(b.Completed - a.Completed == (ULONG)ok,
	      "driver completed %u writes, callers saw %d", b.Completed - a.Completed, ok);
	check((b.Cancelled - a.Cancelled) + (b.CurrentCancelled - a.CurrentCancelled) ==
	      (ULONG)cancelled, "driver cancelled %u + %u, callers saw %d",
	      b.Cancelled - a.Cancelled, b.CurrentCancelled - a.CurrentCancelled,
	      cancelled);
	check(b.Queued == 0 && b.MaxInStartIo == 1, "Queued %u, MaxInStartIo %u",
	      b.Queued, b.MaxInStartIo);
	close(fd);
}

/*
 * close() of a file with queued IRPs (another file's hold keeps the
 * device busy): IRP_MJ_CLEANUP cancels them, the other file's hold
 * stays.
 */
static void t_queue_close_queued(void)
{
	int ctl = open_queue(), fd = open_queue();
	WDMQUEUE_STATS a, b;
	struct bg hold, r[4];
	int i;

	get_queue_stats(ctl, &a);
	bg_start_in(&hold, ctl, IOCTL_WDMQUEUE_HOLD, 0);
	if (!QUEUE_WAIT(ctl, Holding, 1)) {
		close(fd);
		goto out;
	}
	/* Holds, not reads: an ioctl brings its own status back. */
	for (i = 0; i < 4; i++) {
		bg_start_in(&r[i], fd, IOCTL_WDMQUEUE_HOLD, i + 1);
		QUEUE_WAIT(ctl, Queued, (ULONG)i + 1);
	}
	check(close(fd) == 0, "close: %s", strerror(errno));
	for (i = 0; i < 4; i++)
		if (bg_join(&r[i], 5000))
			expect_bg("hold queued on the closed file", &r[i], ECANCELED,
				  STATUS_CANCELLED);
	get_queue_stats(ctl, &b);
	check(b.CleanupCancelled == a.CleanupCancelled + 4 && b.Queued == 0 &&
	      b.Holding == 1, "CleanupCancelled %u->%u Queued %u Holding %u",
	      a.CleanupCancelled, b.CleanupCancelled, b.Queued, b.Holding);
	queue_release(ctl);
	if (bg_join(&hold, 5000))
		expect_bg("the other file's hold", &hold, 0, STATUS_SUCCESS);
out:
	close(ctl);
}

/* Closing the file whose hold is current: cleanup cancels it too. */
static void t_queue_close_current(void)
{
	int ctl = open_queue(), fd = open_queue();
	struct bg hold;

	bg_start_in(&hold, fd, IOCTL_WDMQUEUE_HOLD, 0);
	if (QUEUE_WAIT(ctl, Holding, 1))
		check(close(fd) == 0, "close: %s", strerror(errno));
	else
		close(fd);
	if (bg_join(&hold, 5000))
		expect_bg("hold of the closed file", &hold, ECANCELED, STATUS_CANCELLED);
	QUEUE_WAIT(ctl, Holding, 0);
	close(ctl);
}

/* CSQ: waiters are served oldest first, each with its own tag. */
static void t_queue_csq_order(void)
{
	int fd = open_queue(), i, n = 4;
	ULONG most = 16, tags[16];
	ULONG64 info = 0;
	struct bg w[4];

	for (i = 0; i < n; i++) {
		bg_start_in(&w[i], fd, IOCTL_WDMQUEUE_CSQ_WAIT, 1000 + i);
		QUEUE_WAIT(fd, CsqPending, (ULONG)i + 1);
	}
	memset(tags, 0, sizeof(tags));
	if (expect_call("CSQ_SERVE", fd, IOCTL_WDMQUEUE_CSQ_SERVE, (uintptr_t)&most, 4,
			(uintptr_t)tags, sizeof(tags), 0, STATUS_SUCCESS, &info) &&
	    check(info == (ULONG64)n * 4, "SERVE returned %llu bytes",
		  (unsigned long long)info))
		for (i = 0; i < n; i++)
			check(tags[i] == (ULONG)(1000 + i), "served #%d: tag %u", i, tags[i]);
	for (i = 0; i < n; i++) {
		if (!bg_join(&w[i], 5000))
			continue;
		expect_bg("CSQ waiter", &w[i], 0, STATUS_SUCCESS);
		check(w[i].out == (ULONG)(1000 + i) && w[i].info == 4,
		      "waiter %d got tag %u (Information %llu)", i, w[i].out,
		      (unsigned long long)w[i].info);
	}
	expect_call("CSQ_SERVE without input", fd, IOCTL_WDMQUEUE_CSQ_SERVE, 0, 0,
		    (uintptr_t)tags, sizeof(tags), EINVAL, STATUS_INVALID_PARAMETER, NULL);
	close(fd);
}

/* CSQ: a signal cancels a waiter, a close cancels its file's waiters. */
static void t_queue_csq_cancel(void)
{
	int ctl = open_queue(), fd = open_queue();
	WDMQUEUE_STATS a, b;
	struct bg w1, w2, w3;
	ULONG most = 16, tags[16];
	ULONG64 info = 1;

	get_queue_stats(ctl, &a);
	bg_start_in(&w1, ctl, IOCTL_WDMQUEUE_CSQ_WAIT, 1);
	if (QUEUE_WAIT(ctl, CsqPending, 1))
		pthread_kill(w1.thread, SIGUSR1);
	if (bg_join(&w1, 5000))
		expect_bg("signalled CSQ waiter", &w1, EINTR, STATUS_CANCELLED);
	bg_start_in(&w2, fd, IOCTL_WDMQUEUE_CSQ_WAIT, 2);
	bg_start_in(&w3, fd, IOCTL_WDMQUEUE_CSQ_WAIT, 3);
	if (QUEUE_WAIT(ctl, CsqPending, 2))
		check(close(fd) == 0, "close: %s", strerror(errno));
	else
		close(fd);
	if (bg_join(&w2, 5000))
		expect_bg("CSQ waiter of the closed file", &w2, ECANCELED, STATUS_CANCELLED);
	if (bg_join(&w3, 5000))
		expect_bg("CSQ waiter of the closed file", &w3, ECANCELED, STATUS_CANCELLED);
	get_queue_stats(ctl, &b);
	check(b.CsqCancelled == a.CsqCancelled + 3 && b.CsqPending == 0,
	      "CsqCancelled %u->%u pending %u", a.CsqCancelled, b.CsqCancelled,
	      b.CsqPending);
	expect_call("CSQ_SERVE of an empty queue", ctl, IOCTL_WDMQUEUE_CSQ_SERVE,
		    (uintptr_t)&most, 4, (uintptr_t)tags, sizeof(tags), 0, STATUS_SUCCESS,
		    &info);
	check(info == 0, "SERVE of nothing returned %llu bytes", (unsigned long long)info);
	close(ctl);
}

struct csq_waiter {
	pthread_t thread;
	int fd, count, base, bad;
};

static void *csq_waiter_fn(void *arg)
{
	struct csq_waiter *w = arg;
	ULONG tag, out, got;
	int i;

	for (i = 0; i < w->count; i++) {
		tag = w->base + i;
		out = 0;
		if (!DeviceIoControl(w->fd, IOCTL_WDMQUEUE_CSQ_WAIT, &tag, 4, &out, 4, &got) ||
		    out != tag || got != 4)
			w->bad++;
	}
	return NULL;
}

/* CSQ: 8 threads of waiters, one server: every waiter served once. */
static void t_queue_csq_stress(void)
{
	int fd = open_queue(), i, n = 8, per = 100;
	struct csq_waiter w[8];
	WDMQUEUE_STATS a, b;
	ULONG most = 16, tags[16];
	ULONG64 info;
	long served = 0;
	double t0 = now_s();

	get_queue_stats(fd, &a);
	for (i = 0; i < n; i++) {
		w[i] = (struct csq_waiter){ .fd = fd, .count = per, .base = i * 100000 };
		pthread_create(&w[i].thread, NULL, csq_waiter_fn, &w[i]);
	}
	while (served < n * per && now_s() - t0 < 50) {
		info = 0;
		if (wdm_call(fd, IOCTL_WDMQUEUE_CSQ_SERVE, (uintptr_t)&most, 4,
			     (uintptr_t)tags, sizeof(tags), NULL, &info))
			break;
		served += info / 4;
		if (!info)
			usleep(100);
	}
	check(served == n * per, "served %ld of %d waiters", served, n * per);
	for (i = 0; i < n; i++) {
		pthread_join(w[i].thread, NULL);
		check(w[i].bad == 0, "thread %d: %d waits without their tag", i, w[i].bad);
	}
	get_queue_stats(fd, &b);
	check(b.CsqCompleted - a.CsqCompleted == (ULONG)(n * per) && b.CsqPending == 0,
	      "CsqCompleted %u pending %u", b.CsqCompleted - a.CsqCompleted, b.CsqPending);
	close(fd);
}

/* Work still queued when the handles close: rmmod waits for it (queue.sh). */
static void t_queue_defer(void)
{
	int fd = open_queue(), i;

	for (i = 0; i < 3; i++)
		expect_call("DEFER", fd, IOCTL_WDMQUEUE_DEFER, 0, 0, 0, 0, 0,
			    STATUS_SUCCESS, NULL);
	close(fd);
}

static void t_queue_one_thread(void)
{
	queue_run(1, QUEUE_PER_THREAD * 2);
}

static void t_queue_eight_threads(void)
{
	queue_run(QUEUE_THREADS, QUEUE_PER_THREAD);
}

static void t_queue_read(void)
{
	int fd = open_queue();
	char buf[8];
	ULONG done = 1;

	check(ReadFile(fd, buf, sizeof(buf), &done) && done == 0,
	      "read through StartIo: %s, %u bytes", strerror(errno), done);
	close(fd);
}

static void t_queue_final_stats(void)
{
	int fd = open_queue();
	WDMQUEUE_STATS s;

	if (get_queue_stats(fd, &s)) {
		/* Every IRP StartIo took completed, or was cancelled as current. */
		check(s.Completed + s.CurrentCancelled == s.Started,
		      "completed %u + cancelled as current %u, started %u",
		      s.Completed, s.CurrentCancelled, s.Started);
		check(s.Queued == 0 && s.Holding == 0 && s.CsqPending == 0,
		      "Queued %u Holding %u CsqPending %u", s.Queued, s.Holding,
		      s.CsqPending);
		check(s.MaxInStartIo == 1, "%u IRPs in StartIo at once", s.MaxInStartIo);
	}
	close(fd);
}

/* --- WdmEdu: the edu PCI device through PnP, StartIo, ISR, DPC, DMA ------------ */

static char edu_path[256];

/* The edu device's interface node: /dev/wdm/<guid>/<PCI device>. */
static int open_edu(void)
{
	glob_t g;
	int fd;

	if (!edu_path[0]) {
		if (glob("/dev/wdm/" WDMEDU_INTERFACE_GUID "/*", 0, NULL, &g) || !g.gl_pathc) {
			check(false, "no /dev/wdm/%s/* interface node", WDMEDU_INTERFACE_GUID);
			exit(2);
		}
		snprintf(edu_path, sizeof(edu_path), "%s", g.gl_pathv[0]);
		globfree(&g);
	}
	fd = open(edu_path, O_RDWR);
	if (fd < 0) {
		check(false, "open %s: %s", edu_path, strerror(errno));
		exit(2);
	}
	return fd;
}

static bool edu_stats(int fd, WDMEDU_STATS *s)
{
	ULONG got = 0;

	memset(s, 0, sizeof(*s));
	if (!DeviceIoControl(fd, IOCTL_WDMEDU_STATS, NULL, 0, s, sizeof(*s), &got))
		return check(false, "EDU STATS: %s 0x%08x", strerror(errno),
			     (unsigned int)wdm_last_status());
	return check(got == sizeof(*s), "EDU STATS returned %u bytes", got);
}

/* What the device computes: n! in 32 bits, wrapping (0! = 1). */
static uint32_t host_factorial(uint32_t n)
{
	uint32_t r = 1;

	while (n > 0)
		r *= n--;
	return r;
}

static bool edu_call(int fd, ULONG code, ULONG in, ULONG *out)
{
	ULONG got = 0;

	*out = 0;
	if (!DeviceIoControl(fd, code, &in, 4, out, 4, &got))
		return check(false, "ioctl 0x%x(%u): %s 0x%08x", code, in, strerror(errno),
			     (unsigned int)wdm_last_status());
	return check(got == 4, "ioctl 0x%x returned %u bytes", code, got);
}

static void t_edu_open_stats(void)
{
	int fd = open_edu();
	const char *want = getenv("WDMTEST_EDU_MSI");
	WDMEDU_STATS s;

	if (edu_stats(fd, &s)) {
		diag("edu at %s: %s interrupt", edu_path,
		     s.MessageSignaled ? "message-signaled" : "line-based");
		if (want)
			check(s.MessageSignaled == (ULONG)atoi(want),
			      "interrupt is %s, want %s", s.MessageSignaled ? "MSI" : "INTx",
			      atoi(want) ? "MSI" : "INTx");
	}
	close(fd);
}

static void t_edu_liveness(void)
{
	static const ULONG values[] = { 0, 1, 0x12345678, 0xffffffff, 0xa5a5a5a5 };
	int fd = open_edu();
	ULONG out;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(values); i++)
		if (edu_call(fd, IOCTL_WDMEDU_LIVENESS, values[i], &out))
			check(out == ~values[i], "liveness(0x%x) = 0x%x", values[i], out);
	close(fd);
}

static void t_edu_factorial(void)
{
	static const ULONG ns[] = { 0, 1, 2, 5, 10, 12, 13, 20, 33, 100, 1000 };
	int fd = open_edu();
	WDMEDU_STATS a, b;
	ULONG out;
	size_t i;

	edu_stats(fd, &a);
	for (i = 0; i < ARRAY_SIZE(ns); i++)
		if (edu_call(fd, IOCTL_WDMEDU_FACTORIAL, ns[i], &out))
			check(out == host_factorial(ns[i]), "%u! = %u, want %u", ns[i], out,
			      host_factorial(ns[i]));
	edu_stats(fd, &b);
	check(b.Factorials - a.Factorials == ARRAY_SIZE(ns) &&
	      b.Interrupts - a.Interrupts >= ARRAY_SIZE(ns),
	      "Factorials %u->%u Interrupts %u->%u", a.Factorials, b.Factorials,
	      a.Interrupts, b.Interrupts);
	close(fd);
}

struct edu_worker {
	pthread_t thread;
	int id, count, bad;
	ULONG code;
};

static void *edu_worker_fn(void *arg)
{
	struct edu_worker *w = arg;
	int fd = open_edu(), i;
	ULONG in, out;

	for (i = 0; i < w->count; i++) {
		in = (ULONG)(w->id * 37 + i * 11) % 40;
		if (w->code == IOCTL_WDMEDU_RAISE)
			in = 0x10000u << (i % 8);
		if (!DeviceIoControl(fd, w->code, &in, 4, &out, 4, NULL)) {
			w->bad++;
			continue;
		}
		if (w->code == IOCTL_WDMEDU_FACTORIAL && out != host_factorial(in))
			w->bad++;
		if (w->code == IOCTL_WDMEDU_RAISE && !(out & in))
			w->bad++;
		if (w->code == IOCTL_WDMEDU_LIVENESS && out != ~in)
			w->bad++;
	}
	close(fd);
	return NULL;
}

/* @n threads of @per requests of @code at once; every answer checked. */
static double edu_run(ULONG code, int n, int per)
{
	struct edu_worker w[8];
	int i, bad = 0;
	double t0 = now_s();

	for (i = 0; i < n; i++) {
		w[i] = (struct edu_worker){ .id = i, .count = per, .code = code };
		pthread_create(&w[i].thread, NULL, edu_worker_fn, &w[i]);
	}
	for (i = 0; i < n; i++) {
		pthread_join(w[i].thread, NULL);
		bad += w[i].bad;
	}
	check(bad == 0, "%d of %d answers wrong or failed", bad, n * per);
	return now_s() - t0;
}

/* Factorials from 4 threads, serialised by StartIo, each answered right. */
static void t_edu_factorial_threads(void)
{
	int fd = open_edu();
	WDMEDU_STATS s;
	double t = edu_run(IOCTL_WDMEDU_FACTORIAL, 4, 100);

	diag("edu: 400 factorials from 4 threads in %.2f s: %.0f round trips/s", t,
	     t > 0 ? 400 / t : 0.0);
	if (edu_stats(fd, &s))
		check(s.MaxInStartIo == 1, "%u requests in StartIo at once", s.MaxInStartIo);
	close(fd);
}

/* An interrupt storm: raises from 2 threads, every one seen by the ISR. */
static void t_edu_interrupt_storm(void)
{
	int fd = open_edu();
	WDMEDU_STATS a, b;
	double t;

	edu_stats(fd, &a);
	t = edu_run(IOCTL_WDMEDU_RAISE, 2, 500);
	edu_stats(fd, &b);
	diag("edu: 1000 raised interrupts in %.2f s (%u unclaimed on the line)", t,
	     b.Unclaimed - a.Unclaimed);
	check(b.Interrupts - a.Interrupts == 1000, "ISR claimed %u interrupts, want 1000",
	      b.Interrupts - a.Interrupts);
	close(fd);
}

static void t_edu_bad_requests(void)
{
	int fd = open_edu();
	unsigned char buf[8192];
	WDMEDU_STATS a, b;
	ULONG done, out;

	edu_stats(fd, &a);
	/* Transfers QEMU 7.2 cannot take: refused before the device sees them. */
	check(!WriteFileAt(fd, buf, 200, 4000, &done) && errno == EINVAL &&
	      wdm_last_status() == STATUS_INVALID_PARAMETER,
	      "DMA past the buffer: errno %d status 0x%08x", errno,
	      (unsigned int)wdm_last_status());
	check(!ReadFileAt(fd, buf, 4096, 0, &done) && errno == EINVAL,
	      "4096-byte DMA: errno %d", errno);
	check(!ReadFileAt(fd, buf, 1, 4095, &done) && errno == EINVAL,
	      "DMA of the last byte: errno %d", errno);
	check(!WriteFileAt(fd, buf, 1, 8192, &done) && errno == EINVAL,
	      "DMA at 8192: errno %d", errno);
	/* A DMA of 0 bytes would abort QEMU 7.2: refused too. */
	check(!WriteFileAt(fd, buf, 0, 0, &done) && errno == EINVAL &&
	      wdm_last_status() == STATUS_INVALID_PARAMETER,
	      "0-byte DMA write: errno %d status 0x%08x", errno,
	      (unsigned int)wdm_last_status());
	check(!ReadFileAt(fd, buf, 0, 100, &done) && errno == EINVAL,
	      "0-byte DMA read: errno %d", errno);
	edu_stats(fd, &b);
	check(b.Rejected - a.Rejected == 6, "Rejected %u->%u", a.Rejected, b.Rejected);
	expect_call("FACTORIAL without input", fd, IOCTL_WDMEDU_FACTORIAL, 0, 0,
		    (uintptr_t)&out, 4, EINVAL, STATUS_INVALID_PARAMETER, NULL);
	expect_call("RAISE of nothing", fd, IOCTL_WDMEDU_RAISE, (uintptr_t)&(ULONG){ 0 }, 4,
		    (uintptr_t)&out, 4, EINVAL, STATUS_INVALID_PARAMETER, NULL);
	expect_call("unknown code", fd,
		    CTL_CODE(FILE_DEVICE_UNKNOWN, 0x8ff, METHOD_BUFFERED, FILE_ANY_ACCESS),
		    0, 0, 0, 0, ENOTTY, STATUS_INVALID_DEVICE_REQUEST, NULL);
	close(fd);
}

/* DMA round trips: sizes, offsets, user buffers at odd alignments. */
static void t_edu_dma(void)
{
	static const struct { ULONG off, len, misalign; } cases[] = {
		{ 0, 1, 0 }, { 0, 64, 0 }, { 100, 1000, 3 }, { 0, 4095, 0 },
		{ 3995, 100, 4000 }, { 2048, 2047, 4090 }, { 1, 4094, 17 },
	};
	unsigned char *out = map(3, PROT_READ | PROT_WRITE);
	unsigned char *in = map(3, PROT_READ | PROT_WRITE);
	int fd = open_edu();
	WDMEDU_STATS a, b;
	ULONG done, bytes = 0;
	double t0 = now_s(), t;
	size_t i;

	edu_stats(fd, &a);
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		unsigned char *w = out + cases[i].misalign, *r = in + (cases[i].misalign ^ 5);

		fill_random(w, cases[i].len, 77 + i);
		memset(r, 0, cases[i].len);
		if (!check(WriteFileAt(fd, w, cases[i].len, cases[i].off, &done) &&
			   done == cases[i].len, "DMA write %u at %u: %s (%u bytes)",
			   cases[i].len, cases[i].off, strerror(errno), done))
			continue;
		if (!check(ReadFileAt(fd, r, cases[i].len, cases[i].off, &done) &&
			   done == cases[i].len, "DMA read %u at %u: %s (%u bytes)",
			   cases[i].len, cases[i].off, strerror(errno), done))
			continue;
		check(!memcmp(w, r, cases[i].len), "DMA %u bytes at %u: data differs",
		      cases[i].len, cases[i].off);
		bytes += 2 * cases[i].len;
	}
	t = now_s() - t0;
	edu_stats(fd, &b);
	diag("edu: %u bytes by DMA in %.2f s: %.3f MB/s, %u device transfers", bytes, t,
	     t > 0 ? bytes / t / 1e6 : 0.0, b.DmaTransfers - a.DmaTransfers);
	check(b.DmaBytes - a.DmaBytes == bytes, "DmaBytes %u, want %u",
	      b.DmaBytes - a.DmaBytes, bytes);
	close(fd);
	munmap(out, 3 * PAGE);
	munmap(in, 3 * PAGE);
}

/* Everything at once: DMA, factorials, liveness; still one in StartIo. */
static void t_edu_mixed(void)
{
	struct edu_worker w[2] = {
		{ .id = 1, .count = 100, .code = IOCTL_WDMEDU_FACTORIAL },
		{ .id = 2, .count = 100, .code = IOCTL_WDMEDU_LIVENESS },
	};
	unsigned char buf[512], back[512];
	int fd = open_edu(), i, bad = 0;
	WDMEDU_STATS s;
	ULONG done;

	for (i = 0; i < 2; i++)
		pthread_create(&w[i].thread, NULL, edu_worker_fn, &w[i]);
	for (i = 0; i < 4; i++) {
		fill_random(buf, sizeof(buf), 900 + i);
		if (!WriteFileAt(fd, buf, sizeof(buf), i * 512, &done) ||
		    !ReadFileAt(fd, back, sizeof(back), i * 512, &done) ||
		    memcmp(buf, back, sizeof(buf)))
			bad++;
	}
	for (i = 0; i < 2; i++) {
		pthread_join(w[i].thread, NULL);
		bad += w[i].bad;
	}
	check(bad == 0, "%d requests failed or answered wrong", bad);
	if (edu_stats(fd, &s))
		check(s.MaxInStartIo == 1, "%u requests in StartIo at once", s.MaxInStartIo);
	close(fd);
}

/* The upper filter from edu.inf sits over WdmEdu and sees the requests. */
static void t_edu_filter(void)
{
	int fd = open_edu();
	WDMEDUFILTER_STATS a, b;
	ULONG got = 0, out;
	unsigned char buf[16] = { 0 };

	if (!check(DeviceIoControl(fd, IOCTL_WDMEDUFILTER_STATS, NULL, 0, &a, sizeof(a),
				   &got) && got == sizeof(a),
		   "filter STATS: %s (is wdmedufilter in the stack?)", strerror(errno)))
		goto out;
	edu_call(fd, IOCTL_WDMEDU_LIVENESS, 7, &out);
	WriteFileAt(fd, buf, sizeof(buf), 0, &got);
	ReadFileAt(fd, buf, sizeof(buf), 0, &got);
	DeviceIoControl(fd, IOCTL_WDMEDUFILTER_STATS, NULL, 0, &b, sizeof(b), &got);
	check(b.DeviceControls == a.DeviceControls + 1 && b.Writes == a.Writes + 1 &&
	      b.Reads == a.Reads + 1 && b.Pnp >= 2,
	      "filter saw %u->%u ioctls, %u->%u writes, %u->%u reads, %u PnP",
	      a.DeviceControls, b.DeviceControls, a.Writes, b.Writes, a.Reads, b.Reads,
	      b.Pnp);
out:
	close(fd);
}

/*
 * Load until the device goes (edu.sh unbinds or unplugs it meanwhile):
 * every request ends, in success or in an error of a device that is gone.
 */
static void t_edu_until_gone(void)
{
	int fd = open_edu(), ok = 0, gone = 0, other = 0, i;
	unsigned char buf[256];
	ULONG out, done;
	NTSTATUS st;

	for (i = 0; i < 100000 && !gone; i++) {
		if (i % 4 == 0 ? WriteFileAt(fd, buf, sizeof(buf), 0, &done) :
		    DeviceIoControl(fd, IOCTL_WDMEDU_FACTORIAL, &i, 4, &out, 4, NULL)) {
			ok++;
			continue;
		}
		st = wdm_last_status();
		if (st == STATUS_NO_SUCH_DEVICE || st == STATUS_DELETE_PENDING)
			gone++;
		else
			other++;
	}
	/* Gone for good: the next requests fail at once. */
	for (i = 0; i < 3; i++) {
		check(!DeviceIoControl(fd, IOCTL_WDMEDU_LIVENESS, &i, 4, &out, 4, NULL),
		      "request after removal succeeded");
		st = wdm_last_status();
		check(st == STATUS_NO_SUCH_DEVICE || st == STATUS_DELETE_PENDING,
		      "after removal: status 0x%08x", (unsigned int)st);
	}
	diag("edu: %d requests done, then the device went (%d gone, %d other)", ok, gone,
	     other);
	check(gone > 0 && other == 0, "%d gone, %d other failures", gone, other);
	close(fd);
}

/* make demo: what the device does, told as diagnostics. */
static void t_edu_demo(void)
{
	static const char text[] = "Hello from user space, by DMA through WdmEdu!";
	char back[sizeof(text)] = "";
	int fd = open_edu();
	WDMEDU_STATS a, b;
	ULONG n, out, done;
	double t0;

	edu_stats(fd, &a);
	edu_call(fd, IOCTL_WDMEDU_LIVENESS, 0x12345678, &out);
	diag("liveness: wrote 0x12345678, the device reads back 0x%08x", out);
	for (n = 1; n <= 12; n += 3) {
		t0 = now_s();
		edu_call(fd, IOCTL_WDMEDU_FACTORIAL, n, &out);
		diag("factorial: %2u! = %-9u (the device; %.1f ms round trip)", n, out,
		     (now_s() - t0) * 1000);
		check(out == host_factorial(n), "wrong factorial");
	}
	t0 = now_s();
	check(WriteFileAt(fd, text, sizeof(text), 100, &done) && done == sizeof(text),
	      "DMA write: %s", strerror(errno));
	check(ReadFileAt(fd, back, sizeof(back), 100, &done) && done == sizeof(back),
	      "DMA read: %s", strerror(errno));
	diag("DMA: wrote \"%s\" to the device's buffer and read back \"%s\" (%.0f ms)",
	     text, back, (now_s() - t0) * 1000);
	edu_stats(fd, &b);
	diag("the driver counted %u interrupts, %u DPCs, %u DMA transfers, %s",
	     b.Interrupts - a.Interrupts, b.Dpcs - a.Dpcs, b.DmaTransfers - a.DmaTransfers,
	     b.MessageSignaled ? "MSI" : "INTx");
	close(fd);
}

/* --- WdkTest (tools/wdktest) ------------------------------------------------ */

static int open_wdk(void)
{
	int fd = wdm_open(WDKTEST_DOS_NAME, O_RDWR);

	check(fd >= 0, "open /dev/%s: %s", WDKTEST_DOS_NAME, strerror(errno));
	return fd;
}

static bool wdk_stats(int fd, WDKTEST_STATS *s)
{
	ULONG got = 0;
	bool ok = DeviceIoControl(fd, IOCTL_WDKTEST_STATS, NULL, 0, s,
				  sizeof(*s), &got);

	return check(ok && got == sizeof(*s), "STATS: errno %d status 0x%08x",
		     ok ? 0 : errno, (unsigned int)wdm_last_status());
}

/*
 * What the driver's except and finally blocks counted since @before:
 * @exc except blocks (the last with @code), @fin finally blocks of which
 * @abn abnormal, @outer outer handlers.
 */
static void wdk_expect_counts(int fd, const WDKTEST_STATS *before,
			      const char *what, ULONG exc, NTSTATUS code,
			      ULONG fin, ULONG abn, ULONG outer)
{
	WDKTEST_STATS s;

	if (!wdk_stats(fd, &s))
		return;
	check(s.Exceptions - before->Exceptions == exc &&
	      s.Finally - before->Finally == fin &&
	      s.AbnormalFinally - before->AbnormalFinally == abn &&
	      s.OuterExceptions - before->OuterExceptions == outer,
	      "%s: except %u finally %u (abnormal %u) outer %u, want %u %u (%u) %u",
	      what, s.Exceptions - before->Exceptions, s.Finally - before->Finally,
	      s.AbnormalFinally - before->AbnormalFinally,
	      s.OuterExceptions - before->OuterExceptions, exc, fin, abn, outer);
	if (exc || outer)
		check(s.LastException == code,
		      "%s: GetExceptionCode() 0x%08x in the except block, want 0x%08x",
		      what, (unsigned int)s.LastException, (unsigned int)code);
}

/* An input of @count values 1..count at @p (room for it assumed). */
static ULONG wdk_input(void *p, ULONG count, ULONG *sum)
{
	WDKTEST_SUM_INPUT *in = p;
	ULONG i;

	in->Magic = WDKTEST_MAGIC;
	in->Count = count;
	*sum = 0;
	for (i = 0; i < count; i++) {
		in->Values[i] = i + 1;
		*sum += i + 1;
	}
	return sizeof(*in) + count * sizeof(ULONG);
}

/* A SUM request whose buffers are bad: it ends in the except block. */
static void wdk_sum_fails(int fd, ULONG code, const char *what, uint64_t in,
			  ULONG in_len, uint64_t out, ULONG out_len, int err,
			  NTSTATUS st)
{
	WDKTEST_STATS before;
	ULONG64 info = 1;

	if (!wdk_stats(fd, &before))
		return;
	expect_call(what, fd, code, in, in_len, out, out_len, err, st, &info);
	check(info == 0, "%s: Information %llu", what, (unsigned long long)info);
	wdk_expect_counts(fd, &before, what, 1, st, 1, 1, 0);
}

static void t_wdk_nodes(void)
{
	static const struct { const char *name; unsigned int mode; } nodes[] = {
		{ WDKTEST_DOS_NAME, 0666 },
		{ WDKTEST_ADMIN_NAME, 0600 },
		{ WDKTEST_KERNEL_NAME, 0600 },	/* devtmpfs' mode for 0 */
	};
	char path[64];
	struct stat st;
	size_t i;
	pid_t pid;
	int fd, status;

	for (i = 0; i < ARRAY_SIZE(nodes); i++) {
		snprintf(path, sizeof(path), "/dev/%s", nodes[i].name);
		if (!check(!stat(path, &st), "stat %s: %s", path, strerror(errno)))
			continue;
		check(S_ISCHR(st.st_mode) && (st.st_mode & 07777) == nodes[i].mode &&
		      st.st_uid == 0 && st.st_gid == 0,
		      "%s: mode %04o uid %u gid %u, want a char device %04o root:root",
		      path, st.st_mode & 07777, st.st_uid, st.st_gid, nodes[i].mode);
	}
	/* KERNEL_ONLY: no open from user space, not even root's */
	fd = wdm_open(WDKTEST_KERNEL_NAME, O_RDONLY);
	check(fd < 0 && errno == EACCES, "open /dev/%s: fd %d errno %d, want EACCES",
	      WDKTEST_KERNEL_NAME, fd, errno);
	if (fd >= 0)
		close(fd);
	/* an unprivileged user: the 0666 node opens, the 0600 one does not */
	pid = fork();
	if (pid == 0) {
		int bad = 0;

		if (setgid(65534) || setuid(65534))
			_exit(10);
		fd = wdm_open(WDKTEST_DOS_NAME, O_RDWR);
		if (fd < 0)
			bad |= 1;
		else
			close(fd);
		fd = wdm_open(WDKTEST_ADMIN_NAME, O_RDWR);
		if (fd >= 0 || errno != EACCES)
			bad |= 2;
		_exit(bad);
	}
	check(pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	      WEXITSTATUS(status) == 0,
	      "as uid 65534: exit %d (1: /dev/%s did not open, 2: /dev/%s did, 10: setuid)",
	      WIFEXITED(status) ? WEXITSTATUS(status) : -1, WDKTEST_DOS_NAME,
	      WDKTEST_ADMIN_NAME);
}

static void t_wdk_sum(void)
{
	static const ULONG counts[] = { 0, 1, 5, 1000, 2000 };
	unsigned char *in = map(4, PROT_READ | PROT_WRITE);
	char *out = map(1, PROT_READ | PROT_WRITE);
	int fd = open_wdk();
	WDKTEST_STATS before;
	char want[64], what[64];
	ULONG len, sum;
	ULONG64 info;
	size_t i;

	if (fd < 0 || !wdk_stats(fd, &before))
		return;
	for (i = 0; i < ARRAY_SIZE(counts); i++) {
		/* the values straddle a page boundary */
		unsigned char *p = in + PAGE - 4;

		len = wdk_input(p, counts[i], &sum);
		memset(out, 'x', 64);
		snprintf(want, sizeof(want), "sum=%u count=%u", sum, counts[i]);
		snprintf(what, sizeof(what), "SUM of %u values", counts[i]);
		if (expect_call(what, fd, IOCTL_WDKTEST_SUM, (uintptr_t)p, len,
				(uintptr_t)out, 64, 0, STATUS_SUCCESS, &info))
			check(!strcmp(out, want) && info == strlen(want),
			      "%s: \"%.64s\" (Information %llu), want \"%s\"", what,
			      out, (unsigned long long)info, want);
		snprintf(what, sizeof(what), "SUM_LOCK_ONLY of %u values", counts[i]);
		if (expect_call(what, fd, IOCTL_WDKTEST_SUM_LOCK_ONLY, (uintptr_t)p,
				len, (uintptr_t)out, 64, 0, STATUS_SUCCESS, &info))
			check(!strcmp(out, want), "%s: \"%.64s\"", what, out);
	}
	/* each request ran its finally block, none its except block */
	wdk_expect_counts(fd, &before, "good SUMs", 0, 0, 2 * ARRAY_SIZE(counts),
			  0, 0);
	munmap(in, 4 * PAGE);
	munmap(out, PAGE);
	close(fd);
}

static void t_wdk_sum_short_output(void)
{
	unsigned char in[64];
	char *out = map(1, PROT_READ | PROT_WRITE);
	int fd = open_wdk();
	ULONG len, sum;
	ULONG64 info;

	if (fd < 0)
		return;
	len = wdk_input(in, 3, &sum);	/* "sum=6 count=3" */
	memset(out, 'x', 16);
	if (expect_call("SUM into 6 bytes", fd, IOCTL_WDKTEST_SUM, (uintptr_t)in,
			len, (uintptr_t)out, 6, EOVERFLOW, STATUS_BUFFER_OVERFLOW,
			&info))
		check(!memcmp(out, "sum=6\0x", 7) && info == 5,
		      "SUM into 6 bytes: \"%.6s\" Information %llu, want \"sum=6\" 5",
		      out, (unsigned long long)info);
	munmap(out, PAGE);
	close(fd);
}

static void t_wdk_sum_bad_pointers(void)
{
	unsigned char *in = map(1, PROT_READ | PROT_WRITE);
	unsigned char *ro = map(1, PROT_READ);
	char *out = map(1, PROT_READ | PROT_WRITE);
	int fd = open_wdk();
	char what[96];
	ULONG len, sum;
	size_t i;

	if (fd < 0)
		return;
	len = wdk_input(in, 4, &sum);
	for (i = 0; i < n_bad_ptrs; i++) {
		snprintf(what, sizeof(what), "SUM input %s", bad_ptrs[i].name);
		wdk_sum_fails(fd, IOCTL_WDKTEST_SUM, what, bad_ptrs[i].addr, len,
			      (uintptr_t)out, 64, EFAULT, STATUS_ACCESS_VIOLATION);
		snprintf(what, sizeof(what), "SUM output %s", bad_ptrs[i].name);
		wdk_sum_fails(fd, IOCTL_WDKTEST_SUM, what, (uintptr_t)in, len,
			      bad_ptrs[i].addr, 64, EFAULT, STATUS_ACCESS_VIOLATION);
		/* without ProbeFor*: MmProbeAndLockPages raises */
		snprintf(what, sizeof(what), "SUM_LOCK_ONLY input %s", bad_ptrs[i].name);
		wdk_sum_fails(fd, IOCTL_WDKTEST_SUM_LOCK_ONLY, what, bad_ptrs[i].addr,
			      len, (uintptr_t)out, 64, EFAULT,
			      STATUS_ACCESS_VIOLATION);
		snprintf(what, sizeof(what), "SUM_LOCK_ONLY output %s", bad_ptrs[i].name);
		wdk_sum_fails(fd, IOCTL_WDKTEST_SUM_LOCK_ONLY, what, (uintptr_t)in,
			      len, bad_ptrs[i].addr, 64, EFAULT,
			      STATUS_ACCESS_VIOLATION);
	}
	wdk_sum_fails(fd, IOCTL_WDKTEST_SUM, "SUM output read-only", (uintptr_t)in,
		      len, (uintptr_t)ro, 64, EFAULT, STATUS_ACCESS_VIOLATION);
	wdk_sum_fails(fd, IOCTL_WDKTEST_SUM_LOCK_ONLY, "SUM_LOCK_ONLY output read-only",
		      (uintptr_t)in, len, (uintptr_t)ro, 64, EFAULT,
		      STATUS_ACCESS_VIOLATION);
	munmap(in, PAGE);
	munmap(ro, PAGE);
	munmap(out, PAGE);
	close(fd);
}

static void t_wdk_sum_too_short(void)
{
	unsigned char *in = map(1, PROT_READ | PROT_WRITE), *edge;
	char *out = map(1, PROT_READ | PROT_WRITE);
	int fd = open_wdk();
	ULONG len, sum;

	if (fd < 0)
		return;
	len = wdk_input(in, 4, &sum);
	/* shorter than the header: the driver raises */
	wdk_sum_fails(fd, IOCTL_WDKTEST_SUM, "SUM input of 4 bytes", (uintptr_t)in, 4,
		      (uintptr_t)out, 64, ENOBUFS, STATUS_BUFFER_TOO_SMALL);
	wdk_sum_fails(fd, IOCTL_WDKTEST_SUM, "SUM output of 0 bytes", (uintptr_t)in,
		      len, (uintptr_t)out, 0, ENOBUFS, STATUS_BUFFER_TOO_SMALL);
	/* more values than the length holds */
	wdk_sum_fails(fd, IOCTL_WDKTEST_SUM, "SUM count beyond the length",
		      (uintptr_t)in, len - 4, (uintptr_t)out, 64, EINVAL,
		      STATUS_INVALID_BUFFER_SIZE);
	/* a length reaching past the mapping into a PROT_NONE page */
	edge = before_hole(12);
	wdk_input(edge, 1, &sum);
	wdk_sum_fails(fd, IOCTL_WDKTEST_SUM, "SUM input running into a hole",
		      (uintptr_t)edge, len, (uintptr_t)out, 64, EFAULT,
		      STATUS_ACCESS_VIOLATION);
	wdk_sum_fails(fd, IOCTL_WDKTEST_SUM_LOCK_ONLY,
		      "SUM_LOCK_ONLY input running into a hole", (uintptr_t)edge,
		      len, (uintptr_t)out, 64, EFAULT, STATUS_ACCESS_VIOLATION);
	edge = (unsigned char *)before_hole(8);
	wdk_sum_fails(fd, IOCTL_WDKTEST_SUM, "SUM output running into a hole",
		      (uintptr_t)in, len, (uintptr_t)edge, 64, EFAULT,
		      STATUS_ACCESS_VIOLATION);
	/* a wrong magic */
	((WDKTEST_SUM_INPUT *)in)->Magic = 0;
	wdk_sum_fails(fd, IOCTL_WDKTEST_SUM, "SUM bad magic", (uintptr_t)in, len,
		      (uintptr_t)out, 64, EINVAL, STATUS_INVALID_PARAMETER);
	munmap(in, PAGE);
	munmap(out, PAGE);
	close(fd);
}

static void t_wdk_sum_misaligned(void)
{
	unsigned char *in = map(1, PROT_READ | PROT_WRITE);
	char *out = map(1, PROT_READ | PROT_WRITE);
	int fd = open_wdk();
	ULONG len, sum;

	if (fd < 0)
		return;
	len = wdk_input(in + 2, 4, &sum);
	wdk_sum_fails(fd, IOCTL_WDKTEST_SUM, "SUM input misaligned", (uintptr_t)(in + 2),
		      len, (uintptr_t)out, 64, EFAULT, STATUS_DATATYPE_MISALIGNMENT);
	munmap(in, PAGE);
	munmap(out, PAGE);
	close(fd);
}

static void t_wdk_raise(void)
{
	static const struct {
		NTSTATUS code;
		ULONG depth;
		NTSTATUS want;
		int err;
		bool outer;
	} cases[] = {
		/* the inner filter takes error codes */
		{ STATUS_ACCESS_DENIED, 0, STATUS_ACCESS_DENIED, EACCES, false },
		{ STATUS_ACCESS_DENIED, 20, STATUS_ACCESS_DENIED, EACCES, false },
		{ STATUS_INVALID_BUFFER_SIZE, 5, STATUS_INVALID_BUFFER_SIZE, EINVAL, false },
		/* other codes go on to the outer handler */
		{ (NTSTATUS)0x60000001, 3, STATUS_UNSUCCESSFUL, EIO, true },
		{ STATUS_BUFFER_OVERFLOW, 10, STATUS_UNSUCCESSFUL, EIO, true },
	};
	int fd = open_wdk();
	WDKTEST_RAISE_INPUT in;
	WDKTEST_STATS before;
	char what[96];
	size_t i;

	if (fd < 0)
		return;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		if (!wdk_stats(fd, &before))
			break;
		in.Code = cases[i].code;
		in.Depth = cases[i].depth;
		snprintf(what, sizeof(what), "RAISE 0x%08x from depth %u",
			 (unsigned int)in.Code, in.Depth);
		expect_call(what, fd, IOCTL_WDKTEST_RAISE, (uintptr_t)&in, sizeof(in),
			    0, 0, cases[i].err, cases[i].want, NULL);
		wdk_expect_counts(fd, &before, what, !cases[i].outer, cases[i].code,
				  1, 1, cases[i].outer);
	}
	/* break in an except block inside the dispatch routine's switch */
	expect_call("RAISE with a short input", fd, IOCTL_WDKTEST_RAISE,
		    (uintptr_t)&in, 4, 0, 0, ENOBUFS, STATUS_BUFFER_TOO_SMALL, NULL);
	close(fd);
}

static void t_wdk_unhandled(void)
{
	int fd = open_wdk();
	WDKTEST_STATS before;
	ULONG64 info = 0;
	ULONG out = 0;

	if (fd < 0 || !wdk_stats(fd, &before))
		return;
	/* reported by wdmshim; ExRaiseStatus returns and the request succeeds */
	if (expect_call("UNHANDLED", fd, IOCTL_WDKTEST_UNHANDLED, 0, 0,
			(uintptr_t)&out, sizeof(out), 0, STATUS_SUCCESS, &info))
		check(info == sizeof(out) && out == 1,
		      "UNHANDLED: Information %llu output %u, want 4 and 1",
		      (unsigned long long)info, out);
	wdk_expect_counts(fd, &before, "UNHANDLED", 0, 0, 0, 0, 0);
	close(fd);
}

static void t_wdk_describe(void)
{
	static const char prefix[] = "WdkTest \\Device\\WdkTest: ";
	uint16_t out[128];
	ULONG got = 0;
	int fd = open_wdk();
	size_t n, i;

	if (fd < 0)
		return;
	memset(out, 0xff, sizeof(out));
	if (check(DeviceIoControl(fd, IOCTL_WDKTEST_DESCRIBE, NULL, 0, out,
				  sizeof(out), &got),
		  "DESCRIBE: errno %d status 0x%08x", errno,
		  (unsigned int)wdm_last_status())) {
		for (n = 0; n < ARRAY_SIZE(out) && out[n]; n++)
			;
		for (i = 0; i < strlen(prefix) && i < n; i++)
			if (out[i] != (unsigned char)prefix[i])
				break;
		check(n < ARRAY_SIZE(out) && i == strlen(prefix) &&
		      got == (n + 1) * sizeof(uint16_t),
		      "DESCRIBE: %zu characters (Information %u), prefix matches %zu of %zu",
		      n, got, i, strlen(prefix));
	}
	/* 10 bytes: 4 characters and the NUL */
	memset(out, 0xff, sizeof(out));
	expect_call("DESCRIBE into 10 bytes", fd, IOCTL_WDKTEST_DESCRIBE, 0, 0,
		    (uintptr_t)out, 10, EOVERFLOW, STATUS_BUFFER_OVERFLOW, NULL);
	check(out[0] == 'W' && out[3] == 'T' && out[4] == 0 && out[5] == 0xffff,
	      "DESCRIBE into 10 bytes: %04x %04x %04x %04x %04x %04x", out[0],
	      out[1], out[2], out[3], out[4], out[5]);
	close(fd);
}

/* --- main -------------------------------------------------------------------- */

struct test {
	const char *name;
	void (*fn)(void);
};

#define T(f) { #f + 2, f }
static const struct test ioctl_tests[] = {
	T(t_open_stats), T(t_echo), T(t_echo_lengths), T(t_echo_bad_pointers),
	T(t_checksum), T(t_checksum_bad_pointers), T(t_fill), T(t_invert),
	T(t_invert_bad_pointers), T(t_unknown_ioctl), T(t_uapi_misuse),
	T(t_access), T(t_read_write), T(t_read_write_bad_pointers),
	T(t_wait_signal), T(t_wait_interrupted), T(t_close_while_pending),
	T(t_cleanup_own_file), T(t_race_one_file), T(t_race_wait_signal),
	T(t_final_stats),
};

static const struct test filter_tests[] = {
	T(t_filter_stats), T(t_filter_reads), T(t_filter_waits),
};

static const struct test testdrv_tests[] = {
	T(t_info_too_big), T(t_double_complete), T(t_no_complete),
	T(t_hold_interrupted), T(t_hold_close), T(t_read_interrupted),
	T(t_read_close), T(t_buffered_bad_pointers), T(t_testdrv_unknown),
	T(t_testdrv_forgotten_timers),
};

static const struct test queue_tests[] = {
	T(t_queue_read), T(t_queue_key_order), T(t_queue_cancel_queued),
	T(t_queue_cancel_current), T(t_queue_cancel_uncancelable),
	T(t_queue_cancel_storm), T(t_queue_close_queued), T(t_queue_close_current),
	T(t_queue_csq_order), T(t_queue_csq_cancel), T(t_queue_csq_stress),
	T(t_queue_one_thread), T(t_queue_eight_threads), T(t_queue_final_stats),
	T(t_queue_defer),
};

static const struct test wdk_tests[] = {
	T(t_wdk_nodes), T(t_wdk_sum), T(t_wdk_sum_short_output),
	T(t_wdk_sum_bad_pointers), T(t_wdk_sum_too_short), T(t_wdk_sum_misaligned),
	T(t_wdk_raise), T(t_wdk_unhandled), T(t_wdk_describe),
};

static const struct test edu_tests[] = {
	T(t_edu_open_stats), T(t_edu_liveness), T(t_edu_factorial),
	T(t_edu_factorial_threads), T(t_edu_interrupt_storm), T(t_edu_bad_requests),
	T(t_edu_dma), T(t_edu_mixed), T(t_edu_filter),
};

static const struct test edu_again_tests[] = {
	T(t_edu_liveness), T(t_edu_factorial), T(t_edu_filter),
};

static const struct test edu_demo_tests[] = {
	T(t_edu_demo),
};

static const struct test edu_gone_tests[] = {
	T(t_edu_until_gone),
};

/* make soak: 100 000 IRPs through one queue from 8 threads. */
static void t_queue_soak(void)
{
	queue_run(QUEUE_THREADS, 12500);
}

static const struct test soak_tests[] = {
	T(t_queue_soak), T(t_queue_final_stats),
};

int main(int argc, char **argv)
{
	const struct test *sets[2] = { NULL, NULL };
	size_t counts[2] = { 0, 0 }, total, i, s;
	const char *verdict;
	struct sigaction sa;
	int n = 0, failed = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	phase = argc == 2 ? argv[1] : "";
	if (!strcmp(phase, "ioctl")) {
		sets[0] = ioctl_tests;
		counts[0] = ARRAY_SIZE(ioctl_tests);
	} else if (!strcmp(phase, "filter")) {
		layers = 2;
		filtered = true;
		sets[0] = filter_tests;
		counts[0] = ARRAY_SIZE(filter_tests);
		sets[1] = ioctl_tests;
		counts[1] = ARRAY_SIZE(ioctl_tests);
	} else if (!strcmp(phase, "testdrv")) {
		sets[0] = testdrv_tests;
		counts[0] = ARRAY_SIZE(testdrv_tests);
	} else if (!strcmp(phase, "wdk")) {
		sets[0] = wdk_tests;
		counts[0] = ARRAY_SIZE(wdk_tests);
	} else if (!strcmp(phase, "queue")) {
		sets[0] = queue_tests;
		counts[0] = ARRAY_SIZE(queue_tests);
	} else if (!strcmp(phase, "edu")) {
		sets[0] = edu_tests;
		counts[0] = ARRAY_SIZE(edu_tests);
	} else if (!strcmp(phase, "edu-again")) {
		sets[0] = edu_again_tests;
		counts[0] = ARRAY_SIZE(edu_again_tests);
	} else if (!strcmp(phase, "edu-demo")) {
		sets[0] = edu_demo_tests;
		counts[0] = ARRAY_SIZE(edu_demo_tests);
	} else if (!strcmp(phase, "edu-gone")) {
		sets[0] = edu_gone_tests;
		counts[0] = ARRAY_SIZE(edu_gone_tests);
	} else if (!strcmp(phase, "soak")) {
		sets[0] = soak_tests;
		counts[0] = ARRAY_SIZE(soak_tests);
	} else {
		fprintf(stderr, "usage: %s %s\n", argv[0],
			"ioctl|filter|testdrv|wdk|queue|soak|edu|edu-again|edu-gone|edu-demo");
		return 2;
	}

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;	/* no SA_RESTART: calls fail EINTR */
	sigaction(SIGUSR1, &sa, NULL);
	sa.sa_handler = on_alarm;
	sigaction(SIGALRM, &sa, NULL);
	init_bad_ptrs();

	total = counts[0] + counts[1];
	printf("1..%zu\n", total);
	for (s = 0; s < 2; s++) {
		for (i = 0; i < counts[s]; i++) {
			n++;
			cur_failed = false;
			snprintf(timeout_line, sizeof(timeout_line),
				 "not ok %d - %s/%s # timed out after %d s\n", n, phase,
				 sets[s][i].name, CASE_TIMEOUT);
			alarm(CASE_TIMEOUT);
			sets[s][i].fn();
			alarm(0);
			verdict = cur_failed ? "not ok" : "ok";
			printf("%s %d - %s/%s\n", verdict, n, phase, sets[s][i].name);
			failed += cur_failed;
		}
	}
	return failed ? 1 : 0;
}
