// SPDX-License-Identifier: GPL-2.0
/*
 * ke_test.c - KUnit tests of the kernel (Ke) pieces of the I/O manager:
 * IRQL, spin locks, events and KeWaitForSingleObject.
 *
 * Semantics are Windows': KeRaiseIrql returns the previous IRQL and
 * KeLowerIrql goes back to it; KeAcquireSpinLock raises to DISPATCH_LEVEL
 * and returns the IRQL KeReleaseSpinLock restores; a notification event
 * stays signalled and releases every waiter, a synchronization event
 * releases one and resets itself; KeSetEvent and KeResetEvent return the
 * previous state; a wait times out with STATUS_TIMEOUT (zero timeout:
 * at once; negative: relative, in 100 ns units; positive: absolute).
 *
 * Values are recorded at raised IRQL and asserted after lowering it: a
 * failing assertion must not allocate or sleep in atomic context.
 */
#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/irqflags.h>
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/preempt.h>
#include <linux/timekeeping.h>
#include "wdm_internal.h"
#include "io_harness.h"

static int reports(void)
{
	return atomic_read(&wdm_reports);
}

static NTSTATUS kwait(PKEVENT ev, PLARGE_INTEGER timeout)
{
	return KeWaitForSingleObject(ev, Executive, KernelMode, FALSE, timeout);
}

static void irql_passive_in_process_context(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, KeGetCurrentIrql(), PASSIVE_LEVEL);
	KUNIT_EXPECT_TRUE(test, preemptible());
}

static void irql_raise_and_lower_dispatch(struct kunit *test)
{
	KIRQL old = 0xff, old2 = 0xff, cur, cur2, after;
	bool atomic;

	KeRaiseIrql(DISPATCH_LEVEL, &old);
	cur = KeGetCurrentIrql();
	atomic = !preemptible();
	/* Raising to the same level is allowed and returns it. */
	KeRaiseIrql(DISPATCH_LEVEL, &old2);
	cur2 = KeGetCurrentIrql();
	KeLowerIrql(old2);
	after = KeGetCurrentIrql();
	KeLowerIrql(old);

	KUNIT_EXPECT_EQ(test, old, PASSIVE_LEVEL);
	KUNIT_EXPECT_EQ(test, cur, DISPATCH_LEVEL);
	KUNIT_EXPECT_TRUE(test, atomic);
	KUNIT_EXPECT_EQ(test, old2, DISPATCH_LEVEL);
	KUNIT_EXPECT_EQ(test, cur2, DISPATCH_LEVEL);
	KUNIT_EXPECT_EQ(test, after, DISPATCH_LEVEL);
	KUNIT_EXPECT_EQ(test, KeGetCurrentIrql(), PASSIVE_LEVEL);
	KUNIT_EXPECT_TRUE(test, preemptible());
}

static void irql_raise_to_dpc_level(struct kunit *test)
{
	KIRQL old, cur;

	old = KeRaiseIrqlToDpcLevel();
	cur = KeGetCurrentIrql();
	KeLowerIrql(old);
	KUNIT_EXPECT_EQ(test, old, PASSIVE_LEVEL);
	KUNIT_EXPECT_EQ(test, cur, DISPATCH_LEVEL);
	KUNIT_EXPECT_EQ(test, KeGetCurrentIrql(), PASSIVE_LEVEL);
}

static void irql_raise_to_high_level(struct kunit *test)
{
	KIRQL old, old2, cur, cur2, mid;
	bool irqs_off, irqs_off2, irqs_mid;

	KeRaiseIrql(HIGH_LEVEL, &old);
	cur = KeGetCurrentIrql();
	irqs_off = irqs_disabled();
	KeLowerIrql(old);
	KUNIT_EXPECT_EQ(test, old, PASSIVE_LEVEL);
	KUNIT_EXPECT_EQ(test, cur, HIGH_LEVEL);
	KUNIT_EXPECT_TRUE(test, irqs_off);
	KUNIT_EXPECT_FALSE(test, irqs_disabled());
	KUNIT_EXPECT_EQ(test, KeGetCurrentIrql(), PASSIVE_LEVEL);

	/* DISPATCH_LEVEL -> HIGH_LEVEL -> DISPATCH_LEVEL -> PASSIVE_LEVEL */
	KeRaiseIrql(DISPATCH_LEVEL, &old);
	KeRaiseIrql(HIGH_LEVEL, &old2);
	cur2 = KeGetCurrentIrql();
	irqs_off2 = irqs_disabled();
	KeLowerIrql(old2);
	mid = KeGetCurrentIrql();
	irqs_mid = irqs_disabled();
	KeLowerIrql(old);
	KUNIT_EXPECT_EQ(test, old2, DISPATCH_LEVEL);
	KUNIT_EXPECT_EQ(test, cur2, HIGH_LEVEL);
	KUNIT_EXPECT_TRUE(test, irqs_off2);
	KUNIT_EXPECT_EQ(test, mid, DISPATCH_LEVEL);
	KUNIT_EXPECT_FALSE(test, irqs_mid);
	KUNIT_EXPECT_EQ(test, KeGetCurrentIrql(), PASSIVE_LEVEL);
}

static void irql_wrong_direction_reported(struct kunit *test)
{
	int before = reports();
	KIRQL old, bad, cur;

	KeRaiseIrql(DISPATCH_LEVEL, &old);
	/* "Raising" below the current IRQL: reported, nothing changes. */
	KeRaiseIrql(PASSIVE_LEVEL, &bad);
	cur = KeGetCurrentIrql();
	KeLowerIrql(old);
	KUNIT_EXPECT_EQ(test, bad, DISPATCH_LEVEL);
	KUNIT_EXPECT_EQ(test, cur, DISPATCH_LEVEL);
	KUNIT_EXPECT_EQ(test, reports(), before + 1);
	/* "Lowering" above it: reported, nothing changes. */
	KeLowerIrql(DISPATCH_LEVEL);
	KUNIT_EXPECT_EQ(test, KeGetCurrentIrql(), PASSIVE_LEVEL);
	KUNIT_EXPECT_EQ(test, reports(), before + 2);
}

static void paged_code_above_apc_level_reported(struct kunit *test)
{
	int before = reports();
	KIRQL old;

	PAGED_CODE();
	KUNIT_EXPECT_EQ(test, reports(), before);
	KeRaiseIrql(DISPATCH_LEVEL, &old);
	PAGED_CODE();
	KeLowerIrql(old);
	KUNIT_EXPECT_EQ(test, reports(), before + 1);
}

static void spin_lock_irql_transitions(struct kunit *test)
{
	KIRQL old = 0xff, cur;
	KSPIN_LOCK lock;

	KeInitializeSpinLock(&lock);
	KeAcquireSpinLock(&lock, &old);
	cur = KeGetCurrentIrql();
	KeReleaseSpinLock(&lock, old);
	KUNIT_EXPECT_EQ(test, old, PASSIVE_LEVEL);
	KUNIT_EXPECT_EQ(test, cur, DISPATCH_LEVEL);
	KUNIT_EXPECT_EQ(test, KeGetCurrentIrql(), PASSIVE_LEVEL);

	/* Taken at DISPATCH_LEVEL: released back to DISPATCH_LEVEL. */
	KeRaiseIrql(DISPATCH_LEVEL, &cur);
	KeAcquireSpinLock(&lock, &old);
	KeReleaseSpinLock(&lock, old);
	KUNIT_EXPECT_EQ(test, old, DISPATCH_LEVEL);
	KUNIT_EXPECT_EQ(test, KeGetCurrentIrql(), DISPATCH_LEVEL);
	KeLowerIrql(cur);
	KUNIT_EXPECT_EQ(test, KeGetCurrentIrql(), PASSIVE_LEVEL);
}

static void spin_lock_nesting(struct kunit *test)
{
	KIRQL old_a, old_b, in_b, after_b;
	KSPIN_LOCK a, b;

	KeInitializeSpinLock(&a);
	KeInitializeSpinLock(&b);
	KeAcquireSpinLock(&a, &old_a);
	KeAcquireSpinLock(&b, &old_b);
	in_b = KeGetCurrentIrql();
	KeReleaseSpinLock(&b, old_b);
	after_b = KeGetCurrentIrql();
	KeReleaseSpinLock(&a, old_a);
	KUNIT_EXPECT_EQ(test, old_a, PASSIVE_LEVEL);
	KUNIT_EXPECT_EQ(test, old_b, DISPATCH_LEVEL);
	KUNIT_EXPECT_EQ(test, in_b, DISPATCH_LEVEL);
	/* Releasing the inner lock leaves the outer one's IRQL. */
	KUNIT_EXPECT_EQ(test, after_b, DISPATCH_LEVEL);
	KUNIT_EXPECT_EQ(test, KeGetCurrentIrql(), PASSIVE_LEVEL);
}

static void spin_lock_at_dpc_level(struct kunit *test)
{
	KIRQL old, in, after;
	KSPIN_LOCK lock;
	int before = reports();

	KeInitializeSpinLock(&lock);
	KeRaiseIrql(DISPATCH_LEVEL, &old);
	KeAcquireSpinLockAtDpcLevel(&lock);
	in = KeGetCurrentIrql();
	KeReleaseSpinLockFromDpcLevel(&lock);
	after = KeGetCurrentIrql();
	KeLowerIrql(old);
	KUNIT_EXPECT_EQ(test, in, DISPATCH_LEVEL);
	KUNIT_EXPECT_EQ(test, after, DISPATCH_LEVEL);
	KUNIT_EXPECT_EQ(test, KeGetCurrentIrql(), PASSIVE_LEVEL);
	KUNIT_EXPECT_EQ(test, reports(), before);
}

static void spin_lock_try_at_dpc_level(struct kunit *test)
{
	BOOLEAN first, held, again;
	KSPIN_LOCK lock;
	KIRQL old;

	KeInitializeSpinLock(&lock);
	KeRaiseIrql(DISPATCH_LEVEL, &old);
	first = KeTryToAcquireSpinLockAtDpcLevel(&lock);
	held = KeTryToAcquireSpinLockAtDpcLevel(&lock);
	if (first)
		KeReleaseSpinLockFromDpcLevel(&lock);
	again = KeTryToAcquireSpinLockAtDpcLevel(&lock);
	if (again)
		KeReleaseSpinLockFromDpcLevel(&lock);
	KeLowerIrql(old);
	KUNIT_EXPECT_TRUE(test, first);
	KUNIT_EXPECT_FALSE(test, held);
	KUNIT_EXPECT_TRUE(test, again);
}

#define SPIN_ROUNDS 20000

struct spin_race {
	KSPIN_LOCK lock;
	int counter;
};

static int spin_racer(void *arg)
{
	struct spin_race *r = arg;
	KIRQL old;
	int i;

	for (i = 0; i < SPIN_ROUNDS; i++) {
		KeAcquireSpinLock(&r->lock, &old);
		WRITE_ONCE(r->counter, READ_ONCE(r->counter) + 1);
		KeReleaseSpinLock(&r->lock, old);
	}
	return iot_wait_for_stop();
}

static void spin_lock_excludes(struct kunit *test)
{
	struct spin_race *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);
	struct task_struct *t1, *t2;

	KUNIT_ASSERT_NOT_NULL(test, r);
	KeInitializeSpinLock(&r->lock);
	t1 = kthread_run(spin_racer, r, "kunit_spin1");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t1));
	t2 = kthread_run(spin_racer, r, "kunit_spin2");
	if (IS_ERR(t2)) {
		kthread_stop(t1);
		KUNIT_FAIL(test, "kthread_run failed");
		return;
	}
	while (READ_ONCE(r->counter) < 2 * SPIN_ROUNDS)
		usleep_range(5000, 10000);
	kthread_stop(t1);
	kthread_stop(t2);
	KUNIT_EXPECT_EQ(test, r->counter, 2 * SPIN_ROUNDS);
}

static void event_notification_stays_signalled(struct kunit *test)
{
	LARGE_INTEGER zero = { .QuadPart = 0 };
	KEVENT ev;

	KeInitializeEvent(&ev, NotificationEvent, FALSE);
	KUNIT_EXPECT_EQ(test, KeReadStateEvent(&ev), 0);
	KUNIT_EXPECT_EQ(test, KeSetEvent(&ev, IO_NO_INCREMENT, FALSE), 0);
	KUNIT_EXPECT_NE(test, KeReadStateEvent(&ev), 0);
	/* The previous state, now signalled. */
	KUNIT_EXPECT_NE(test, KeSetEvent(&ev, IO_NO_INCREMENT, FALSE), 0);
	KUNIT_EXPECT_EQ(test, kwait(&ev, &zero), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, kwait(&ev, NULL), STATUS_SUCCESS);
	KUNIT_EXPECT_NE(test, KeReadStateEvent(&ev), 0);

	KUNIT_EXPECT_NE(test, KeResetEvent(&ev), 0);
	KUNIT_EXPECT_EQ(test, KeReadStateEvent(&ev), 0);
	KUNIT_EXPECT_EQ(test, KeResetEvent(&ev), 0);
	KUNIT_EXPECT_EQ(test, kwait(&ev, &zero), STATUS_TIMEOUT);
	KeSetEvent(&ev, IO_NO_INCREMENT, FALSE);
	KeClearEvent(&ev);
	KUNIT_EXPECT_EQ(test, KeReadStateEvent(&ev), 0);

	/* Initially signalled. */
	KeInitializeEvent(&ev, NotificationEvent, TRUE);
	KUNIT_EXPECT_NE(test, KeReadStateEvent(&ev), 0);
}

static void event_synchronization_auto_resets(struct kunit *test)
{
	LARGE_INTEGER zero = { .QuadPart = 0 };
	KEVENT ev;

	KeInitializeEvent(&ev, SynchronizationEvent, FALSE);
	KUNIT_EXPECT_EQ(test, kwait(&ev, &zero), STATUS_TIMEOUT);
	KUNIT_EXPECT_EQ(test, KeSetEvent(&ev, IO_NO_INCREMENT, FALSE), 0);
	KUNIT_EXPECT_NE(test, KeReadStateEvent(&ev), 0);
	/* One wait consumes the signal. */
	KUNIT_EXPECT_EQ(test, kwait(&ev, &zero), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, KeReadStateEvent(&ev), 0);
	KUNIT_EXPECT_EQ(test, kwait(&ev, &zero), STATUS_TIMEOUT);

	KeInitializeEvent(&ev, SynchronizationEvent, TRUE);
	KUNIT_EXPECT_EQ(test, kwait(&ev, NULL), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, KeReadStateEvent(&ev), 0);
}

static void wait_zero_timeout(struct kunit *test)
{
	LARGE_INTEGER zero = { .QuadPart = 0 };
	ktime_t start = ktime_get();
	KEVENT ev;

	KeInitializeEvent(&ev, NotificationEvent, FALSE);
	KUNIT_EXPECT_EQ(test, kwait(&ev, &zero), STATUS_TIMEOUT);
	/* A poll: it does not wait. */
	KUNIT_EXPECT_LT(test, ktime_ms_delta(ktime_get(), start), 1000LL);
}

static void wait_relative_timeout(struct kunit *test)
{
	LARGE_INTEGER t = { .QuadPart = -30 * 10000LL };	/* 30 ms */
	ktime_t start = ktime_get();
	s64 ms;
	KEVENT ev;

	KeInitializeEvent(&ev, NotificationEvent, FALSE);
	KUNIT_EXPECT_EQ(test, kwait(&ev, &t), STATUS_TIMEOUT);
	ms = ktime_ms_delta(ktime_get(), start);
	KUNIT_EXPECT_GE(test, ms, 30LL);
	KUNIT_EXPECT_LT(test, ms, 5000LL);
}

/* Now as a Windows system time: 100 ns units since 1601. */
static s64 nt_now(void)
{
	return ktime_get_real_ns() / 100 + 116444736000000000LL;
}

static void wait_absolute_timeout(struct kunit *test)
{
	LARGE_INTEGER t = { .QuadPart = 1 };	/* 1601: long past */
	ktime_t start = ktime_get();
	s64 ms;
	KEVENT ev;

	KeInitializeEvent(&ev, NotificationEvent, FALSE);
	KUNIT_EXPECT_EQ(test, kwait(&ev, &t), STATUS_TIMEOUT);
	KUNIT_EXPECT_LT(test, ktime_ms_delta(ktime_get(), start), 1000LL);

	t.QuadPart = nt_now() + 30 * 10000LL;	/* 30 ms from now */
	start = ktime_get();
	KUNIT_EXPECT_EQ(test, kwait(&ev, &t), STATUS_TIMEOUT);
	ms = ktime_ms_delta(ktime_get(), start);
	KUNIT_EXPECT_GE(test, ms, 25LL);
	KUNIT_EXPECT_LT(test, ms, 5000LL);
}

struct setter {
	KEVENT *ev;
	unsigned int delay_ms;
};

static int set_later(void *arg)
{
	struct setter *s = arg;

	msleep(s->delay_ms);
	KeSetEvent(s->ev, IO_NO_INCREMENT, FALSE);
	return iot_wait_for_stop();
}

static void wait_signalled_from_kthread(struct kunit *test)
{
	LARGE_INTEGER t = { .QuadPart = -5000 * 10000LL };	/* 5 s */
	struct setter s = { .delay_ms = 30 };
	struct task_struct *task;
	ktime_t start;
	KEVENT ev;

	/* Notification event, waiting forever. */
	KeInitializeEvent(&ev, NotificationEvent, FALSE);
	s.ev = &ev;
	start = ktime_get();
	task = kthread_run(set_later, &s, "kunit_set");
	KUNIT_ASSERT_FALSE(test, IS_ERR(task));
	KUNIT_EXPECT_EQ(test, kwait(&ev, NULL), STATUS_SUCCESS);
	KUNIT_EXPECT_GE(test, ktime_ms_delta(ktime_get(), start), 25LL);
	kthread_stop(task);

	/* Synchronization event, with a timeout it does not reach. */
	KeInitializeEvent(&ev, SynchronizationEvent, FALSE);
	task = kthread_run(set_later, &s, "kunit_set");
	KUNIT_ASSERT_FALSE(test, IS_ERR(task));
	KUNIT_EXPECT_EQ(test, kwait(&ev, &t), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, KeReadStateEvent(&ev), 0);
	kthread_stop(task);
}

struct waiter {
	KEVENT *ev;
	atomic_t *woken;
};

static int wait_once(void *arg)
{
	struct waiter *w = arg;

	kwait(w->ev, NULL);
	atomic_inc(w->woken);
	return iot_wait_for_stop();
}

/* Start two waiters on @ev, signal it once, count who woke. */
static int wake_count(struct kunit *test, EVENT_TYPE type)
{
	struct task_struct *t[2];
	struct waiter w;
	atomic_t woken;
	KEVENT ev;
	int i, n;

	KeInitializeEvent(&ev, type, FALSE);
	atomic_set(&woken, 0);
	w.ev = &ev;
	w.woken = &woken;
	for (i = 0; i < 2; i++) {
		t[i] = kthread_run(wait_once, &w, "kunit_wait%d", i);
		KUNIT_ASSERT_FALSE(test, IS_ERR(t[i]));
	}
	msleep(50);
	KeSetEvent(&ev, IO_NO_INCREMENT, FALSE);
	msleep(100);
	n = atomic_read(&woken);
	/* Release whoever still waits, so both threads can be stopped. */
	for (i = 0; i < 20 && atomic_read(&woken) < 2; i++) {
		KeSetEvent(&ev, IO_NO_INCREMENT, FALSE);
		usleep_range(10000, 20000);
	}
	KUNIT_EXPECT_EQ(test, atomic_read(&woken), 2);
	for (i = 0; i < 2; i++)
		kthread_stop(t[i]);
	return n;
}

static void event_wakes_one_or_all(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, wake_count(test, NotificationEvent), 2);
	KUNIT_EXPECT_EQ(test, wake_count(test, SynchronizationEvent), 1);
}

static void wait_at_dispatch_level(struct kunit *test)
{
	LARGE_INTEGER zero = { .QuadPart = 0 }, t = { .QuadPart = -10000 };
	NTSTATUS poll, slept;
	int before = reports();
	KEVENT ev, never;
	KIRQL old;

	KeInitializeEvent(&ev, NotificationEvent, TRUE);
	KeInitializeEvent(&never, NotificationEvent, FALSE);
	KeRaiseIrql(DISPATCH_LEVEL, &old);
	/* A zero timeout is allowed at DISPATCH_LEVEL... */
	poll = kwait(&ev, &zero);
	/* ...a real wait is not: reported, and no sleep in atomic context. */
	slept = kwait(&never, &t);
	KeLowerIrql(old);
	KUNIT_EXPECT_EQ(test, poll, STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, slept, STATUS_TIMEOUT);
	KUNIT_EXPECT_EQ(test, reports(), before + 1);
}

static struct kunit_case ke_cases[] = {
	KUNIT_CASE(irql_passive_in_process_context),
	KUNIT_CASE(irql_raise_and_lower_dispatch),
	KUNIT_CASE(irql_raise_to_dpc_level),
	KUNIT_CASE(irql_raise_to_high_level),
	KUNIT_CASE(irql_wrong_direction_reported),
	KUNIT_CASE(paged_code_above_apc_level_reported),
	KUNIT_CASE(spin_lock_irql_transitions),
	KUNIT_CASE(spin_lock_nesting),
	KUNIT_CASE(spin_lock_at_dpc_level),
	KUNIT_CASE(spin_lock_try_at_dpc_level),
	KUNIT_CASE(spin_lock_excludes),
	KUNIT_CASE(event_notification_stays_signalled),
	KUNIT_CASE(event_synchronization_auto_resets),
	KUNIT_CASE(wait_zero_timeout),
	KUNIT_CASE(wait_relative_timeout),
	KUNIT_CASE(wait_absolute_timeout),
	KUNIT_CASE(wait_signalled_from_kthread),
	KUNIT_CASE(event_wakes_one_or_all),
	KUNIT_CASE(wait_at_dispatch_level),
	{}
};

static struct kunit_suite ke_suite = {
	.name = "wdmshim_ke",
	.test_cases = ke_cases,
};

kunit_test_suites(&ke_suite);
