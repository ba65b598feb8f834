// SPDX-License-Identifier: GPL-2.0
/*
 * ke_time_test.c - KUnit tests of the Ke time routines and of in-stack
 * queued spin locks.
 *
 * Time semantics are Windows': system time in 100 ns units since
 * 1601-01-01 UTC (KeQuerySystemTime at tick resolution, ...Precise as
 * precise as the clock); the tick count times KeQueryTimeIncrement() is
 * 100 ns units since boot, as KeQueryInterruptTime() is; the performance
 * counter is monotonic at the frequency it reports; KeStallExecutionProcessor
 * busy-waits at any IRQL.
 *
 * In-stack queued spin locks: KeAcquireInStackQueuedSpinLock raises to
 * DISPATCH_LEVEL and keeps the previous IRQL in the handle, which the
 * release restores; the AtDpcLevel variants leave the IRQL alone.
 */
#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/timekeeping.h>
#include "wdm_internal.h"
#include "io_harness.h"

#define EPOCH_DELTA 116444736000000000LL	/* 1601 to 1970, 100 ns */
#define YEAR_2020 132223104000000000LL		/* 2020-01-01 as system time */

static int reports(void)
{
	return atomic_read(&wdm_reports);
}

static void system_time_units_and_epoch(struct kunit *test)
{
	LARGE_INTEGER precise, coarse;
	s64 linux_now;

	KeQuerySystemTimePrecise(&precise);
	KeQuerySystemTime(&coarse);
	linux_now = ktime_get_real_ns() / 100 + EPOCH_DELTA;
	KUNIT_EXPECT_GT(test, precise.QuadPart, YEAR_2020);
	/* Same clock, same units: within a second of each other. */
	KUNIT_EXPECT_LT(test, abs(linux_now - precise.QuadPart), 10000000LL);
	/* The coarse one lags by at most a few ticks. */
	KUNIT_EXPECT_LT(test, abs(precise.QuadPart - coarse.QuadPart),
			(s64)KeQueryTimeIncrement() * 4 + 10000);
}

static void system_time_advances(struct kunit *test)
{
	LARGE_INTEGER a, b;

	KeQuerySystemTimePrecise(&a);
	msleep(20);
	KeQuerySystemTimePrecise(&b);
	KUNIT_EXPECT_GE(test, b.QuadPart - a.QuadPart, 20 * 10000LL);
	KUNIT_EXPECT_LT(test, b.QuadPart - a.QuadPart, 5000 * 10000LL);
}

static void time_increment_is_a_tick(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, (u64)KeQueryTimeIncrement() * 100, (u64)TICK_NSEC);
	KUNIT_EXPECT_GE(test, KeQueryTimeIncrement(), 10000U);	/* <= 1000 Hz */
}

static void tick_count_counts_ticks(struct kunit *test)
{
	LARGE_INTEGER a, b;
	ULONGLONG up = KeQueryInterruptTime();
	s64 since_boot, diff;

	KeQueryTickCount(&a);
	msleep(50);
	KeQueryTickCount(&b);
	KUNIT_EXPECT_GE(test, b.QuadPart - a.QuadPart,
			(s64)msecs_to_jiffies(50) - 1);
	KUNIT_EXPECT_LT(test, b.QuadPart - a.QuadPart, (s64)(5 * HZ));
	/*
	 * Ticks since boot, in 100 ns units, are about the time since boot
	 * (within 10%: an emulated guest loses ticks).
	 */
	since_boot = a.QuadPart * KeQueryTimeIncrement();
	diff = abs(since_boot - (s64)up);
	KUNIT_EXPECT_LT_MSG(test, diff, (s64)up / 10 + 10000000LL,
			    "ticks %lld x %u vs %llu", a.QuadPart,
			    KeQueryTimeIncrement(), up);
}

static void interrupt_time_monotonic(struct kunit *test)
{
	ULONGLONG a, b;

	a = KeQueryInterruptTime();
	usleep_range(10000, 20000);
	b = KeQueryInterruptTime();
	KUNIT_EXPECT_GE(test, b - a, 10 * 10000ULL);
	KUNIT_EXPECT_LT(test, b - a, 5000 * 10000ULL);
	KUNIT_EXPECT_GT(test, a, 0ULL);
}

static void performance_counter_frequency(struct kunit *test)
{
	LARGE_INTEGER f = { .QuadPart = 0 }, a, b;

	a = KeQueryPerformanceCounter(&f);
	KUNIT_EXPECT_EQ(test, f.QuadPart, 10000000LL);
	msleep(20);
	b = KeQueryPerformanceCounter(NULL);
	/* 20 ms at the reported frequency */
	KUNIT_EXPECT_GE(test, b.QuadPart - a.QuadPart, f.QuadPart / 50);
	KUNIT_EXPECT_LT(test, b.QuadPart - a.QuadPart, f.QuadPart * 5);
}

static void performance_counter_never_goes_back(struct kunit *test)
{
	LARGE_INTEGER prev = KeQueryPerformanceCounter(NULL), cur;
	int i, back = 0;

	for (i = 0; i < 10000; i++) {
		cur = KeQueryPerformanceCounter(NULL);
		if (cur.QuadPart < prev.QuadPart)
			back++;
		prev = cur;
	}
	KUNIT_EXPECT_EQ(test, back, 0);
}

static void stall_execution_busy_waits(struct kunit *test)
{
	ktime_t start;
	s64 us_short, us_long;
	KIRQL old;

	start = ktime_get();
	KeRaiseIrql(DISPATCH_LEVEL, &old);
	KeStallExecutionProcessor(50);
	KeLowerIrql(old);
	us_short = ktime_us_delta(ktime_get(), start);
	start = ktime_get();
	KeStallExecutionProcessor(2500);
	us_long = ktime_us_delta(ktime_get(), start);
	KUNIT_EXPECT_GE(test, us_short, 50LL);
	KUNIT_EXPECT_GE(test, us_long, 2500LL);
	KUNIT_EXPECT_LT(test, us_long, 5000000LL);
}

static void instack_lock_irql_transitions(struct kunit *test)
{
	KLOCK_QUEUE_HANDLE h;
	KSPIN_LOCK lock;
	KIRQL inside;

	KeInitializeSpinLock(&lock);
	KeAcquireInStackQueuedSpinLock(&lock, &h);
	inside = KeGetCurrentIrql();
	KeReleaseInStackQueuedSpinLock(&h);
	KUNIT_EXPECT_EQ(test, inside, DISPATCH_LEVEL);
	KUNIT_EXPECT_EQ(test, h.OldIrql, PASSIVE_LEVEL);
	KUNIT_EXPECT_PTR_EQ(test, h.LockQueue.Lock, &lock);
	KUNIT_EXPECT_EQ(test, KeGetCurrentIrql(), PASSIVE_LEVEL);
}

static void instack_lock_at_dpc_level(struct kunit *test)
{
	KLOCK_QUEUE_HANDLE h1, h2;
	KSPIN_LOCK a, b;
	KIRQL old, inside, after;
	int before = reports();

	KeInitializeSpinLock(&a);
	KeInitializeSpinLock(&b);
	KeRaiseIrql(DISPATCH_LEVEL, &old);
	KeAcquireInStackQueuedSpinLockAtDpcLevel(&a, &h1);
	/* Nested: the outer handle raised nothing, the inner keeps DISPATCH. */
	KeAcquireInStackQueuedSpinLock(&b, &h2);
	inside = KeGetCurrentIrql();
	KeReleaseInStackQueuedSpinLock(&h2);
	KeReleaseInStackQueuedSpinLockFromDpcLevel(&h1);
	after = KeGetCurrentIrql();
	KeLowerIrql(old);
	KUNIT_EXPECT_EQ(test, inside, DISPATCH_LEVEL);
	KUNIT_EXPECT_EQ(test, h2.OldIrql, DISPATCH_LEVEL);
	KUNIT_EXPECT_EQ(test, after, DISPATCH_LEVEL);
	KUNIT_EXPECT_EQ(test, KeGetCurrentIrql(), PASSIVE_LEVEL);
	KUNIT_EXPECT_EQ(test, reports(), before);
}

static void instack_lock_at_dpc_level_below_reported(struct kunit *test)
{
	KLOCK_QUEUE_HANDLE h;
	KSPIN_LOCK lock;
	int before = reports();
	KIRQL old;

	KeInitializeSpinLock(&lock);
	/* Called at PASSIVE_LEVEL: reported; the lock still works. */
	KeAcquireInStackQueuedSpinLockAtDpcLevel(&lock, &h);
	KeReleaseInStackQueuedSpinLockFromDpcLevel(&h);
	KUNIT_EXPECT_EQ(test, reports(), before + 1);
	KeRaiseIrql(DISPATCH_LEVEL, &old);
	KeAcquireInStackQueuedSpinLockAtDpcLevel(&lock, &h);
	KeReleaseInStackQueuedSpinLockFromDpcLevel(&h);
	KeLowerIrql(old);
	KUNIT_EXPECT_EQ(test, reports(), before + 1);
}

/* Two kthreads increment a counter non-atomically under the lock. */
struct instack_shared {
	KSPIN_LOCK lock;
	int counter;
};

static int instack_worker(void *arg)
{
	struct instack_shared *s = arg;
	KLOCK_QUEUE_HANDLE h;
	int i, v;

	for (i = 0; i < 20000; i++) {
		KeAcquireInStackQueuedSpinLock(&s->lock, &h);
		v = s->counter;
		cpu_relax();
		s->counter = v + 1;
		KeReleaseInStackQueuedSpinLock(&h);
	}
	return iot_wait_for_stop();
}

static void instack_lock_excludes(struct kunit *test)
{
	struct instack_shared *s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);
	struct task_struct *t;
	KIRQL old;
	int i, v;

	KUNIT_ASSERT_NOT_NULL(test, s);
	KeInitializeSpinLock(&s->lock);
	t = kthread_run(instack_worker, s, "kunit_instack");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	/* The same KSPIN_LOCK, taken the classic way here. */
	for (i = 0; i < 20000; i++) {
		KeAcquireSpinLock(&s->lock, &old);
		v = s->counter;
		cpu_relax();
		s->counter = v + 1;
		KeReleaseSpinLock(&s->lock, old);
	}
	for (i = 0; i < 500; i++) {
		KeAcquireSpinLock(&s->lock, &old);
		v = s->counter;
		KeReleaseSpinLock(&s->lock, old);
		if (v == 40000)
			break;
		usleep_range(10000, 20000);
	}
	kthread_stop(t);
	KUNIT_EXPECT_EQ(test, s->counter, 40000);
}

static struct kunit_case ke_time_cases[] = {
	KUNIT_CASE(system_time_units_and_epoch),
	KUNIT_CASE(system_time_advances),
	KUNIT_CASE(time_increment_is_a_tick),
	KUNIT_CASE(tick_count_counts_ticks),
	KUNIT_CASE(interrupt_time_monotonic),
	KUNIT_CASE(performance_counter_frequency),
	KUNIT_CASE(performance_counter_never_goes_back),
	KUNIT_CASE(stall_execution_busy_waits),
	KUNIT_CASE(instack_lock_irql_transitions),
	KUNIT_CASE(instack_lock_at_dpc_level),
	KUNIT_CASE(instack_lock_at_dpc_level_below_reported),
	KUNIT_CASE(instack_lock_excludes),
	{}
};

static struct kunit_suite ke_time_suite = {
	.name = "wdmshim_ke_time",
	.test_cases = ke_time_cases,
};

kunit_test_suites(&ke_time_suite);
