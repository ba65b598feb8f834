// SPDX-License-Identifier: GPL-2.0
/*
 * ke_timer_test.c - KUnit tests of timers (KTIMER).
 *
 * Semantics are Windows': a due time is relative when negative (100 ns
 * units) and an absolute system time when positive; KeSetTimer(Ex)
 * returns whether the timer was pending (and resets it), KeCancelTimer
 * whether it was pending; an expired timer is signalled until set again;
 * a periodic timer expires every Period ms; a DPC given to the timer is
 * queued at each expiry; KeWaitForSingleObject waits for a timer, and a
 * synchronization timer is reset by the wait it satisfies.
 */
#include <kunit/test.h>
#include <linux/atomic.h>
#include <linux/delay.h>
#include <linux/ktime.h>
#include <linux/timekeeping.h>
#include "wdm_internal.h"

/* 100 ns units between 1601-01-01 and 1970-01-01 */
#define EPOCH_DELTA 116444736000000000LL

static LARGE_INTEGER rel_ms(LONGLONG ms)
{
	LARGE_INTEGER t;

	t.QuadPart = -ms * 10000;
	return t;
}

static NTSTATUS twait(PKTIMER t, LONGLONG ms)
{
	LARGE_INTEGER to = rel_ms(ms);

	return KeWaitForSingleObject(t, Executive, KernelMode, FALSE,
				     ms < 0 ? NULL : &to);
}

static PKTIMER new_timer(struct kunit *test, TIMER_TYPE type)
{
	PKTIMER t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, t);
	KeInitializeTimerEx(t, type);
	return t;
}

struct timer_dpc {
	atomic_t runs;
	KIRQL irql;
	KDPC dpc;
};

static VOID NTAPI timer_dpc_routine(PKDPC dpc, PVOID ctx, PVOID a1, PVOID a2)
{
	struct timer_dpc *d = ctx;

	d->irql = KeGetCurrentIrql();
	atomic_inc(&d->runs);
}

static void timer_initialize(struct kunit *test)
{
	PKTIMER n = new_timer(test, NotificationTimer);
	PKTIMER s = new_timer(test, SynchronizationTimer);
	KTIMER *d = kunit_kzalloc(test, sizeof(*d), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, d);
	KeInitializeTimer(d);
	KUNIT_EXPECT_EQ(test, n->Header.Type, TimerNotificationObject);
	KUNIT_EXPECT_EQ(test, s->Header.Type, TimerSynchronizationObject);
	KUNIT_EXPECT_EQ(test, d->Header.Type, TimerNotificationObject);
	KUNIT_EXPECT_FALSE(test, KeReadStateTimer(n));
	KUNIT_EXPECT_FALSE(test, KeCancelTimer(n));
}

static void timer_relative_expires(struct kunit *test)
{
	PKTIMER t = new_timer(test, NotificationTimer);
	ktime_t start = ktime_get();
	s64 ms;

	KUNIT_EXPECT_FALSE(test, KeSetTimer(t, rel_ms(30), NULL));
	KUNIT_EXPECT_FALSE(test, KeReadStateTimer(t));
	KUNIT_EXPECT_EQ(test, twait(t, 5000), STATUS_SUCCESS);
	ms = ktime_ms_delta(ktime_get(), start);
	KUNIT_EXPECT_GE(test, ms, 29);
	KUNIT_EXPECT_TRUE(test, KeReadStateTimer(t));
	/* Expired: no longer pending. */
	KUNIT_EXPECT_FALSE(test, KeCancelTimer(t));
	/* A notification timer stays signalled. */
	KUNIT_EXPECT_EQ(test, twait(t, 0), STATUS_SUCCESS);
	KUNIT_EXPECT_TRUE(test, KeReadStateTimer(t));
}

static void timer_absolute_expires(struct kunit *test)
{
	PKTIMER t = new_timer(test, NotificationTimer);
	LARGE_INTEGER due;
	ktime_t start = ktime_get();

	due.QuadPart = ktime_get_real_ns() / 100 + EPOCH_DELTA + 30 * 10000;
	KUNIT_EXPECT_FALSE(test, KeSetTimer(t, due, NULL));
	KUNIT_EXPECT_EQ(test, twait(t, 5000), STATUS_SUCCESS);
	KUNIT_EXPECT_GE(test, ktime_ms_delta(ktime_get(), start), 25);
}

static void timer_absolute_past_expires_at_once(struct kunit *test)
{
	PKTIMER t = new_timer(test, NotificationTimer);
	LARGE_INTEGER due;

	due.QuadPart = ktime_get_real_ns() / 100 + EPOCH_DELTA - 10000000;
	KeSetTimer(t, due, NULL);
	KUNIT_EXPECT_EQ(test, twait(t, 1000), STATUS_SUCCESS);
}

static void timer_cancel_pending(struct kunit *test)
{
	PKTIMER t = new_timer(test, NotificationTimer);

	KUNIT_EXPECT_FALSE(test, KeSetTimer(t, rel_ms(10000), NULL));
	KUNIT_EXPECT_TRUE(test, KeCancelTimer(t));
	KUNIT_EXPECT_FALSE(test, KeCancelTimer(t));
	KUNIT_EXPECT_EQ(test, twait(t, 20), STATUS_TIMEOUT);
	KUNIT_EXPECT_FALSE(test, KeReadStateTimer(t));
}

static void timer_reset_while_pending(struct kunit *test)
{
	PKTIMER t = new_timer(test, NotificationTimer);
	ktime_t start;

	KUNIT_EXPECT_FALSE(test, KeSetTimer(t, rel_ms(10000), NULL));
	start = ktime_get();
	/* Reset: was pending; the new due time replaces the old one. */
	KUNIT_EXPECT_TRUE(test, KeSetTimer(t, rel_ms(20), NULL));
	KUNIT_EXPECT_EQ(test, twait(t, 5000), STATUS_SUCCESS);
	KUNIT_EXPECT_LT(test, ktime_ms_delta(ktime_get(), start), 5000);
	KUNIT_EXPECT_FALSE(test, KeCancelTimer(t));
}

static void timer_set_clears_signal(struct kunit *test)
{
	PKTIMER t = new_timer(test, NotificationTimer);

	KeSetTimer(t, rel_ms(1), NULL);
	KUNIT_EXPECT_EQ(test, twait(t, 5000), STATUS_SUCCESS);
	KUNIT_EXPECT_TRUE(test, KeReadStateTimer(t));
	KUNIT_EXPECT_FALSE(test, KeSetTimer(t, rel_ms(10000), NULL));
	KUNIT_EXPECT_FALSE(test, KeReadStateTimer(t));
	KUNIT_EXPECT_TRUE(test, KeCancelTimer(t));
}

static void timer_synchronization_auto_resets(struct kunit *test)
{
	PKTIMER t = new_timer(test, SynchronizationTimer);

	KeSetTimer(t, rel_ms(5), NULL);
	KUNIT_EXPECT_EQ(test, twait(t, 5000), STATUS_SUCCESS);
	/* The satisfied wait consumed the signal. */
	KUNIT_EXPECT_FALSE(test, KeReadStateTimer(t));
	KUNIT_EXPECT_EQ(test, twait(t, 0), STATUS_TIMEOUT);
}

static void timer_wait_times_out(struct kunit *test)
{
	PKTIMER t = new_timer(test, NotificationTimer);

	KeSetTimer(t, rel_ms(10000), NULL);
	KUNIT_EXPECT_EQ(test, twait(t, 0), STATUS_TIMEOUT);
	KUNIT_EXPECT_EQ(test, twait(t, 20), STATUS_TIMEOUT);
	KUNIT_EXPECT_TRUE(test, KeCancelTimer(t));
}

static void timer_queues_dpc(struct kunit *test)
{
	PKTIMER t = new_timer(test, NotificationTimer);
	struct timer_dpc *d = kunit_kzalloc(test, sizeof(*d), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, d);
	KeInitializeDpc(&d->dpc, timer_dpc_routine, d);
	KeSetTimer(t, rel_ms(5), &d->dpc);
	KUNIT_EXPECT_EQ(test, twait(t, 5000), STATUS_SUCCESS);
	KeFlushQueuedDpcs();
	KUNIT_EXPECT_EQ(test, atomic_read(&d->runs), 1);
	KUNIT_EXPECT_EQ(test, d->irql, DISPATCH_LEVEL);
}

static void timer_periodic(struct kunit *test)
{
	PKTIMER t = new_timer(test, SynchronizationTimer);
	struct timer_dpc *d = kunit_kzalloc(test, sizeof(*d), GFP_KERNEL);
	int i, runs;

	KUNIT_ASSERT_NOT_NULL(test, d);
	KeInitializeDpc(&d->dpc, timer_dpc_routine, d);
	KUNIT_EXPECT_FALSE(test, KeSetTimerEx(t, rel_ms(5), 10, &d->dpc));
	/* A synchronization timer signals once per period. */
	for (i = 0; i < 4; i++)
		KUNIT_EXPECT_EQ(test, twait(t, 5000), STATUS_SUCCESS);
	/* Periodic: still pending after expiring. */
	KUNIT_EXPECT_TRUE(test, KeCancelTimer(t));
	KeFlushQueuedDpcs();
	runs = atomic_read(&d->runs);
	KUNIT_EXPECT_GE(test, runs, 4);
	msleep(40);
	KeFlushQueuedDpcs();
	KUNIT_EXPECT_EQ(test, atomic_read(&d->runs), runs);
}

static void timer_cancel_keeps_signal(struct kunit *test)
{
	PKTIMER t = new_timer(test, NotificationTimer);

	KeSetTimerEx(t, rel_ms(1), 1000, NULL);
	KUNIT_EXPECT_EQ(test, twait(t, 5000), STATUS_SUCCESS);
	KUNIT_EXPECT_TRUE(test, KeCancelTimer(t));
	KUNIT_EXPECT_TRUE(test, KeReadStateTimer(t));
}

static void timer_negative_period_reported(struct kunit *test)
{
	PKTIMER t = new_timer(test, NotificationTimer);
	int before = atomic_read(&wdm_reports);

	KeSetTimerEx(t, rel_ms(1), -5, NULL);
	KUNIT_EXPECT_EQ(test, atomic_read(&wdm_reports), before + 1);
	KUNIT_EXPECT_EQ(test, twait(t, 5000), STATUS_SUCCESS);
	/* Treated as one-shot. */
	KUNIT_EXPECT_FALSE(test, KeCancelTimer(t));
}

struct pooled_objects {
	KTIMER timer;
	KDPC dpc;
};

/* A set timer in a pool block being freed: cancelled and reported. */
static void timer_set_in_freed_pool_cancelled(struct kunit *test)
{
	struct timer_dpc *d = kunit_kzalloc(test, sizeof(*d), GFP_KERNEL);
	struct pooled_objects *p;
	int before = atomic_read(&wdm_reports);

	KUNIT_ASSERT_NOT_NULL(test, d);
	p = ExAllocatePoolWithTag(NonPagedPoolNx, sizeof(*p), 'mTtK');
	KUNIT_ASSERT_NOT_NULL(test, p);
	KeInitializeDpc(&d->dpc, timer_dpc_routine, d);
	KeInitializeTimer(&p->timer);
	KeSetTimer(&p->timer, rel_ms(20), &d->dpc);
	ExFreePoolWithTag(p, 'mTtK');
	KUNIT_EXPECT_EQ(test, atomic_read(&wdm_reports), before + 1);
	/* Past its due time: it never fires (KASAN would see it if it did). */
	msleep(60);
	KeFlushQueuedDpcs();
	KUNIT_EXPECT_EQ(test, atomic_read(&d->runs), 0);
}

/* A queued DPC in a pool block being freed: removed and reported. */
static void dpc_queued_in_freed_pool_removed(struct kunit *test)
{
	struct timer_dpc *d = kunit_kzalloc(test, sizeof(*d), GFP_KERNEL);
	struct pooled_objects *p;
	int before = atomic_read(&wdm_reports);
	KIRQL irql;

	KUNIT_ASSERT_NOT_NULL(test, d);
	p = ExAllocatePoolWithTag(NonPagedPoolNx, sizeof(*p), 'mTtK');
	KUNIT_ASSERT_NOT_NULL(test, p);
	KeInitializeDpc(&p->dpc, timer_dpc_routine, d);
	/* At DISPATCH_LEVEL it cannot run before the free. */
	KeRaiseIrql(DISPATCH_LEVEL, &irql);
	KUNIT_EXPECT_TRUE(test, KeInsertQueueDpc(&p->dpc, NULL, NULL));
	ExFreePoolWithTag(p, 'mTtK');
	KeLowerIrql(irql);
	KUNIT_EXPECT_EQ(test, atomic_read(&wdm_reports), before + 1);
	KeFlushQueuedDpcs();
	KUNIT_EXPECT_EQ(test, atomic_read(&d->runs), 0);
}

/* Expired and cancelled timers are forgotten: freeing them is no fault. */
static void timer_expired_or_cancelled_freed_quietly(struct kunit *test)
{
	struct pooled_objects *p, *q;
	int before = atomic_read(&wdm_reports);

	p = ExAllocatePoolWithTag(NonPagedPoolNx, sizeof(*p), 'mTtK');
	q = ExAllocatePoolWithTag(NonPagedPoolNx, sizeof(*q), 'mTtK');
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_ASSERT_NOT_NULL(test, q);
	KeInitializeTimer(&p->timer);
	KeInitializeTimer(&q->timer);
	KeSetTimer(&p->timer, rel_ms(1), NULL);
	KeSetTimer(&q->timer, rel_ms(10000), NULL);
	KUNIT_EXPECT_EQ(test, twait(&p->timer, 5000), STATUS_SUCCESS);
	KUNIT_EXPECT_TRUE(test, KeCancelTimer(&q->timer));
	ExFreePoolWithTag(p, 'mTtK');
	ExFreePoolWithTag(q, 'mTtK');
	KUNIT_EXPECT_EQ(test, atomic_read(&wdm_reports), before);
}

static struct kunit_case ke_timer_cases[] = {
	KUNIT_CASE(timer_initialize),
	KUNIT_CASE(timer_relative_expires),
	KUNIT_CASE(timer_absolute_expires),
	KUNIT_CASE(timer_absolute_past_expires_at_once),
	KUNIT_CASE(timer_cancel_pending),
	KUNIT_CASE(timer_reset_while_pending),
	KUNIT_CASE(timer_set_clears_signal),
	KUNIT_CASE(timer_synchronization_auto_resets),
	KUNIT_CASE(timer_wait_times_out),
	KUNIT_CASE(timer_queues_dpc),
	KUNIT_CASE(timer_periodic),
	KUNIT_CASE(timer_cancel_keeps_signal),
	KUNIT_CASE(timer_negative_period_reported),
	KUNIT_CASE(timer_set_in_freed_pool_cancelled),
	KUNIT_CASE(dpc_queued_in_freed_pool_removed),
	KUNIT_CASE(timer_expired_or_cancelled_freed_quietly),
	{}
};

static struct kunit_suite ke_timer_suite = {
	.name = "wdmshim_ke_timer",
	.test_cases = ke_timer_cases,
};

kunit_test_suites(&ke_timer_suite);
