// SPDX-License-Identifier: GPL-2.0
/*
 * wdmbench - measure wdmshim's hosted drivers against their native Linux
 * twins (tools/native), in the same VM boot, alternating the two within
 * each repetition. Prints a table (per-operation cost: minimum and
 * median over the repetitions; ratio of the medians, wdmshim / native)
 * and the same as "bench-csv:" lines.
 *
 *	wdmbench ioctl	null METHOD_BUFFERED ioctls (0 and 64 bytes), a
 *			METHOD_OUT_DIRECT 64 KiB fill, IRP allocate/free
 *	wdmbench queue	the StartIo queue with 1 and 2 threads
 *	wdmbench stack	a 3-device stack (wdmbench's two filters) vs 1
 *			device; loads and unloads wdmbench.ko itself
 *	wdmbench edu	edu factorials and 4095-byte DMA round trips: wall
 *			time and guest CPU busy time per operation
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <uapi/wdmshim.h>
#include "libwdmio.h"
#include "../samples/ioctl/ioctl_codes.h"
#include "../samples/queue/queue_ioctl.h"
#include "../samples/edu/edu_ioctl.h"
#include "benchdrv/bench_ioctl.h"
#include "native/native_ioctl.h"

#define REPS		5
#define MAX_REPS	9

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/*
 * CPU time the tasks of every CPU ran so far, in ns: the 7th field of each
 * cpu line of /proc/schedstat (the idle task not included). Kernel
 * threads, workers and syscalls all count; hard interrupt time does not.
 */
static double cpu_busy(void)
{
	unsigned long long v[7];
	FILE *f = fopen("/proc/schedstat", "r");
	double busy = 0;
	char line[512];

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "cpu", 3) &&
		    sscanf(line, "%*s %llu %llu %llu %llu %llu %llu %llu", &v[0], &v[1],
			   &v[2], &v[3], &v[4], &v[5], &v[6]) == 7)
			busy += v[6];
	fclose(f);
	return busy;
}

static int must_open(const char *path)
{
	int fd = open(path, O_RDWR);

	if (fd < 0) {
		fprintf(stderr, "wdmbench: open %s: %s\n", path, strerror(errno));
		exit(2);
	}
	return fd;
}

static void call(int fd, ULONG code, void *in, ULONG in_len, void *out, ULONG out_len,
		 uint64_t *info)
{
	struct wdm_ioctl a = {
		.size = sizeof(a), .code = code, .in = (uintptr_t)in, .out = (uintptr_t)out,
		.in_len = in_len, .out_len = out_len,
	};

	if (ioctl(fd, WDM_IOCTL_CALL, &a)) {
		fprintf(stderr, "wdmbench: ioctl 0x%x: %s\n", code, strerror(errno));
		exit(2);
	}
	if (info)
		*info = a.information;
}

/* --- results ---------------------------------------------------------------- */

struct result {
	const char *op;
	const char *unit;
	double wdm[MAX_REPS], native[MAX_REPS];
	int n;
};

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double median(double *v, int n, double *min)
{
	double s[MAX_REPS];

	memcpy(s, v, n * sizeof(*v));
	qsort(s, n, sizeof(*s), cmp_double);
	*min = s[0];
	return n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

static void report(struct result *r, const char *native_name)
{
	double wmin, nmin, wmed = median(r->wdm, r->n, &wmin),
	       nmed = median(r->native, r->n, &nmin);

	printf("%-34s %10.0f %10.0f  %10.0f %10.0f  %6.2f  %s vs %s\n", r->op, wmin, wmed,
	       nmin, nmed, nmed > 0 ? wmed / nmed : 0.0, r->unit, native_name);
	printf("bench-csv: %s,%s,%.1f,%.1f,%.1f,%.1f,%.3f,%s\n", r->op, r->unit, wmin, wmed,
	       nmin, nmed, nmed > 0 ? wmed / nmed : 0.0, native_name);
}

static void header(void)
{
	printf("%-34s %10s %10s  %10s %10s  %6s\n", "operation", "wdm min", "wdm med",
	       "twin min", "twin med", "ratio");
}

/* --- ioctl -------------------------------------------------------------- */

static double echo_ns(int fd, ULONG code, ULONG len, int iters)
{
	char in[64] = "abcdefghijklmnopqrstuvwxyz0123456789", out[64];
	double t0 = now_ns();
	int i;

	for (i = 0; i < iters; i++)
		call(fd, code, in, len, out, len, NULL);
	return (now_ns() - t0) / iters;
}

static double fill_ns(int fd, ULONG code, char *buf, int iters)
{
	char seed = 7;
	double t0 = now_ns();
	int i;

	for (i = 0; i < iters; i++)
		call(fd, code, &seed, 1, buf, 65536, NULL);
	return (now_ns() - t0) / iters;
}

static void bench_ioctl(void)
{
	int w = must_open("/dev/WdmIoctl"), n = must_open("/dev/wdmnative");
	struct result r0 = { .op = "null ioctl BUFFERED 0 B", .unit = "ns/op" };
	struct result r64 = { .op = "null ioctl BUFFERED 64 B", .unit = "ns/op" };
	struct result rf = { .op = "OUT_DIRECT 64 KiB fill", .unit = "ns/op" };
	char *buf = aligned_alloc(4096, 65536);
	int i;

	memset(buf, 0, 65536);
	for (i = 0; i < REPS; i++) {
		r0.wdm[i] = echo_ns(w, IOCTL_WDMIOCTL_ECHO, 0, 20000);
		r0.native[i] = echo_ns(n, NATIVE_ECHO, 0, 20000);
		r64.wdm[i] = echo_ns(w, IOCTL_WDMIOCTL_ECHO, 64, 20000);
		r64.native[i] = echo_ns(n, NATIVE_ECHO, 64, 20000);
		rf.wdm[i] = fill_ns(w, IOCTL_WDMIOCTL_FILL, buf, 2000);
		rf.native[i] = fill_ns(n, NATIVE_FILL, buf, 2000);
	}
	r0.n = REPS;
	r64.n = REPS;
	rf.n = REPS;
	header();
	report(&r0, "native");
	report(&r64, "native");
	report(&rf, "native");
	close(w);
	close(n);
	free(buf);
}

/* IRP allocate + free vs kmalloc + kfree of the same size. */
static void bench_irp(void)
{
	int w = must_open("/dev/WdmBench"), n = must_open("/dev/wdmnative");
	struct result r = { .op = "IRP allocate+free (2 locations)", .unit = "ns/op" };
	WDMBENCH_IRP in = { 100000, 2 };
	uint64_t ns;
	ULONG size = 0;
	int i;

	call(w, IOCTL_WDMBENCH_IRP_SIZE, &in, sizeof(in), &size, sizeof(size), NULL);
	for (i = 0; i < REPS; i++) {
		call(w, IOCTL_WDMBENCH_IRP, &in, sizeof(in), &ns, sizeof(ns), NULL);
		r.wdm[i] = (double)ns / in.Count;
		call(n, NATIVE_ALLOC, NULL, in.Count, NULL, size, &ns);
		r.native[i] = (double)ns / in.Count;
	}
	r.n = REPS;
	report(&r, "kmalloc+kfree");
	printf("# an IRP with 2 stack locations: IoSizeOfIrp = %u bytes %s\n", size,
	       "(plus wdmshim's own bookkeeping in front of it)");
	close(w);
	close(n);
}

/* --- stack --------------------------------------------------------------- */

static void bench_stack(void)
{
	struct result r = { .op = "ioctl 64 B through 3 devices", .unit = "ns/op" };
	int i, fd;

	for (i = 0; i < REPS; i++) {
		fd = must_open("/dev/WdmIoctl");
		r.native[i] = echo_ns(fd, IOCTL_WDMIOCTL_ECHO, 64, 20000);
		close(fd);
		if (system("insmod /opt/wdmbench.ko"))
			exit(2);
		fd = must_open("/dev/WdmIoctl");
		r.wdm[i] = echo_ns(fd, IOCTL_WDMIOCTL_ECHO, 64, 20000);
		close(fd);
		if (i == REPS - 1)
			bench_irp();
		if (system("rmmod wdmbench"))
			exit(2);
	}
	r.n = REPS;
	report(&r, "1 device");
}

/* --- queue --------------------------------------------------------------- */

struct writer {
	pthread_t thread;
	const char *path;
	int count;
};

static void *writer_fn(void *arg)
{
	struct writer *w = arg;
	int fd = must_open(w->path), i;
	char buf[16] = "bench";

	for (i = 0; i < w->count; i++)
		if (pwrite(fd, buf, sizeof(buf), 0) != sizeof(buf))
			exit(2);
	close(fd);
	return NULL;
}

static double queue_ns(const char *path, int threads, int total)
{
	struct writer w[2];
	double t0 = now_ns();
	int i;

	for (i = 0; i < threads; i++) {
		w[i] = (struct writer){ .path = path, .count = total / threads };
		pthread_create(&w[i].thread, NULL, writer_fn, &w[i]);
	}
	for (i = 0; i < threads; i++)
		pthread_join(w[i].thread, NULL);
	return (now_ns() - t0) / total;
}

static void bench_queue(void)
{
	struct result r1 = { .op = "StartIo queue, 1 thread", .unit = "ns/IRP" };
	struct result r2 = { .op = "StartIo queue, 2 threads", .unit = "ns/IRP" };
	int i;

	for (i = 0; i < REPS; i++) {
		r1.wdm[i] = queue_ns("/dev/WdmQueue", 1, 4000);
		r1.native[i] = queue_ns("/dev/wdmnative_queue", 1, 4000);
		r2.wdm[i] = queue_ns("/dev/WdmQueue", 2, 4000);
		r2.native[i] = queue_ns("/dev/wdmnative_queue", 2, 4000);
	}
	r1.n = REPS;
	r2.n = REPS;
	report(&r1, "kthread queue");
	report(&r2, "kthread queue");
}

/* --- edu ----------------------------------------------------------------- */

static char edu_path[256];

static void find_edu(void)
{
	glob_t g;

	if (glob("/dev/wdm/" WDMEDU_INTERFACE_GUID "/*", 0, NULL, &g) || !g.gl_pathc) {
		fprintf(stderr, "wdmbench: no WdmEdu device\n");
		exit(2);
	}
	snprintf(edu_path, sizeof(edu_path), "%s", g.gl_pathv[0]);
	globfree(&g);
}

/* @iters factorials (@dma false) or DMA round trips; wall and busy ns/op. */
static void edu_run(const char *path, ULONG code, bool dma, int iters, double *wall,
		    double *busy)
{
	int fd = must_open(path), i;
	static char *buf;		/* one page */
	double b0, b1, w0 = now_ns();
	ULONG in, out;

	if (!buf)
		buf = aligned_alloc(4096, 4096);
	b0 = cpu_busy();
	for (i = 0; i < iters; i++) {
		if (dma) {
			if (pwrite(fd, buf, 4095, 0) != 4095 || pread(fd, buf, 4095, 0) != 4095)
				exit(2);
		} else {
			in = 10 + i % 10;
			call(fd, code, &in, 4, &out, 4, NULL);
		}
	}
	b1 = cpu_busy();
	*wall = (now_ns() - w0) / iters;
	*busy = (b1 - b0) / iters;
	close(fd);
}

static void bench_edu(void)
{
	struct result fw = { .op = "edu factorial (wall)", .unit = "ns/op" };
	struct result fc = { .op = "edu factorial (guest CPU)", .unit = "ns/op" };
	struct result dw = { .op = "edu DMA 4095 B round trip (wall)", .unit = "ns/op" };
	struct result dc = { .op = "edu DMA 4095 B round trip (CPU)", .unit = "ns/op" };
	int i;

	find_edu();
	for (i = 0; i < REPS; i++) {
		edu_run(edu_path, IOCTL_WDMEDU_FACTORIAL, false, 2000, &fw.wdm[i], &fc.wdm[i]);
		edu_run("/dev/wdmnative_edu", NATIVE_EDU_FACTORIAL, false, 2000,
			&fw.native[i], &fc.native[i]);
	}
	for (i = 0; i < 3; i++) {
		edu_run(edu_path, 0, true, 5, &dw.wdm[i], &dc.wdm[i]);
		edu_run("/dev/wdmnative_edu", 0, true, 5, &dw.native[i], &dc.native[i]);
	}
	fw.n = REPS;
	fc.n = REPS;
	dw.n = 3;
	dc.n = 3;
	report(&fw, "native");
	report(&fc, "native");
	report(&dw, "native");
	report(&dc, "native");
}

int main(int argc, char **argv)
{
	const char *what = argc > 1 ? argv[1] : "";

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!strcmp(what, "ioctl")) {
		bench_ioctl();
	} else if (!strcmp(what, "queue")) {
		bench_queue();
	} else if (!strcmp(what, "stack")) {
		bench_stack();
	} else if (!strcmp(what, "edu")) {
		bench_edu();
	} else {
		fprintf(stderr, "usage: %s ioctl|queue|stack|edu\n", argv[0]);
		return 2;
	}
	return 0;
}
