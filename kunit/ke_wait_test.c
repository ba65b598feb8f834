// SPDX-License-Identifier: GPL-2.0
/*
 * ke_wait_test.c - KUnit tests of KeWaitForMultipleObjects,
 * KeWaitForSingleObject on every object type, and KeDelayExecutionThread.
 *
 * Semantics are Windows': WaitAny returns STATUS_WAIT_0 + the index of the
 * lowest signalled object and consumes only that one; WaitAll returns
 * STATUS_WAIT_0 only when every object is signalled at once, and only then
 * consumes the synchronization objects among them; a Count above
 * THREAD_WAIT_OBJECTS needs a wait block array, above MAXIMUM_WAIT_OBJECTS
 * is invalid (reported here: Windows bug-checks); timeouts are zero
 * (poll), negative (relative, 100 ns units) or positive (absolute system
 * time); a nonzero timeout above APC_LEVEL is reported.
 */
#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include "wdm_internal.h"
#include "io_harness.h"

static int reports(void)
{
	return atomic_read(&wdm_reports);
}

static LARGE_INTEGER zero = { .QuadPart = 0 };

static NTSTATUS wait_many(ULONG n, PVOID *objs, WAIT_TYPE type,
			  PLARGE_INTEGER timeout)
{
	return KeWaitForMultipleObjects(n, objs, type, Executive, KernelMode,
					FALSE, timeout, NULL);
}

/* Now as a Windows system time: 100 ns units since 1601. */
static s64 nt_now(void)
{
	return ktime_get_real_ns() / 100 + 116444736000000000LL;
}

/* A kthread that waits on objects and records the outcome. */
struct mwaiter {
	ULONG count;
	PVOID *objs;
	WAIT_TYPE type;
	PLARGE_INTEGER timeout;
	NTSTATUS status;
	atomic_t done;
};

static int mwait_thread(void *arg)
{
	struct mwaiter *w = arg;

	w->status = wait_many(w->count, w->objs, w->type, w->timeout);
	atomic_set(&w->done, 1);
	return iot_wait_for_stop();
}

static struct task_struct *start_waiter(struct kunit *test, struct mwaiter *w)
{
	struct task_struct *t;

	atomic_set(&w->done, 0);
	w->status = -1;
	t = kthread_run(mwait_thread, w, "kunit_mwait");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	return t;
}

/* Wait up to ~2 s for a waiter to finish; true if it did. */
static bool waiter_done(struct mwaiter *w)
{
	int i;

	for (i = 0; i < 200 && !atomic_read(&w->done); i++)
		usleep_range(10000, 20000);
	return atomic_read(&w->done);
}

static void wait_any_returns_lowest_signalled_index(struct kunit *test)
{
	KEVENT ev[3];
	PVOID objs[3] = { &ev[0], &ev[1], &ev[2] };
	int i;

	for (i = 0; i < 3; i++)
		KeInitializeEvent(&ev[i], NotificationEvent, FALSE);
	KeSetEvent(&ev[2], IO_NO_INCREMENT, FALSE);
	KUNIT_EXPECT_EQ(test, wait_many(3, objs, WaitAny, &zero),
			STATUS_WAIT_0 + 2);
	KeSetEvent(&ev[1], IO_NO_INCREMENT, FALSE);
	KUNIT_EXPECT_EQ(test, wait_many(3, objs, WaitAny, NULL),
			STATUS_WAIT_0 + 1);
	/* Notification events are not consumed. */
	KUNIT_EXPECT_EQ(test, KeReadStateEvent(&ev[1]), 1);
	KUNIT_EXPECT_EQ(test, KeReadStateEvent(&ev[2]), 1);
}

static void wait_any_consumes_only_the_winner(struct kunit *test)
{
	KEVENT ev[2];
	PVOID objs[2] = { &ev[0], &ev[1] };

	KeInitializeEvent(&ev[0], SynchronizationEvent, TRUE);
	KeInitializeEvent(&ev[1], SynchronizationEvent, TRUE);
	KUNIT_EXPECT_EQ(test, wait_many(2, objs, WaitAny, &zero), STATUS_WAIT_0);
	KUNIT_EXPECT_EQ(test, KeReadStateEvent(&ev[0]), 0);
	KUNIT_EXPECT_EQ(test, KeReadStateEvent(&ev[1]), 1);
	KUNIT_EXPECT_EQ(test, wait_many(2, objs, WaitAny, &zero),
			STATUS_WAIT_0 + 1);
	KUNIT_EXPECT_EQ(test, KeReadStateEvent(&ev[1]), 0);
	KUNIT_EXPECT_EQ(test, wait_many(2, objs, WaitAny, &zero), STATUS_TIMEOUT);
}

static void wait_all_needs_every_object(struct kunit *test)
{
	KEVENT ev[3];
	PVOID objs[3] = { &ev[0], &ev[1], &ev[2] };

	KeInitializeEvent(&ev[0], SynchronizationEvent, TRUE);
	KeInitializeEvent(&ev[1], NotificationEvent, TRUE);
	KeInitializeEvent(&ev[2], SynchronizationEvent, FALSE);
	KUNIT_EXPECT_EQ(test, wait_many(3, objs, WaitAll, &zero), STATUS_TIMEOUT);
	/* Nothing consumed by a wait that was not satisfied. */
	KUNIT_EXPECT_EQ(test, KeReadStateEvent(&ev[0]), 1);
	KUNIT_EXPECT_EQ(test, KeReadStateEvent(&ev[1]), 1);
	KeSetEvent(&ev[2], IO_NO_INCREMENT, FALSE);
	KUNIT_EXPECT_EQ(test, wait_many(3, objs, WaitAll, &zero), STATUS_WAIT_0);
	KUNIT_EXPECT_EQ(test, KeReadStateEvent(&ev[0]), 0);
	KUNIT_EXPECT_EQ(test, KeReadStateEvent(&ev[1]), 1);
	KUNIT_EXPECT_EQ(test, KeReadStateEvent(&ev[2]), 0);
}

/*
 * A WaitAll waiter on two synchronization events never holds one of them
 * while the other is missing: a third party can take the first meanwhile.
 */
static void wait_all_is_atomic(struct kunit *test)
{
	KEVENT a, b;
	PVOID objs[2] = { &a, &b };
	struct mwaiter w = { .count = 2, .objs = objs, .type = WaitAll };
	struct task_struct *t;

	KeInitializeEvent(&a, SynchronizationEvent, FALSE);
	KeInitializeEvent(&b, SynchronizationEvent, FALSE);
	t = start_waiter(test, &w);
	msleep(20);
	KeSetEvent(&a, IO_NO_INCREMENT, FALSE);
	msleep(30);
	KUNIT_EXPECT_EQ(test, atomic_read(&w.done), 0);
	KUNIT_EXPECT_EQ(test, KeReadStateEvent(&a), 1);
	/* Someone else takes a: the waiter must not have consumed it. */
	KUNIT_EXPECT_EQ(test, KeWaitForSingleObject(&a, Executive, KernelMode,
						    FALSE, &zero),
			STATUS_SUCCESS);
	KeSetEvent(&b, IO_NO_INCREMENT, FALSE);
	msleep(30);
	KUNIT_EXPECT_EQ(test, atomic_read(&w.done), 0);
	KUNIT_EXPECT_EQ(test, KeReadStateEvent(&b), 1);
	KeSetEvent(&a, IO_NO_INCREMENT, FALSE);
	KUNIT_EXPECT_TRUE(test, waiter_done(&w));
	KUNIT_EXPECT_EQ(test, w.status, STATUS_WAIT_0);
	KUNIT_EXPECT_EQ(test, KeReadStateEvent(&a), 0);
	KUNIT_EXPECT_EQ(test, KeReadStateEvent(&b), 0);
	kthread_stop(t);
}

static void wait_any_woken_by_later_signal(struct kunit *test)
{
	KEVENT ev[3];
	PVOID objs[3] = { &ev[0], &ev[1], &ev[2] };
	LARGE_INTEGER t5s = { .QuadPart = -5000 * 10000LL };
	struct mwaiter w = { .count = 3, .objs = objs, .type = WaitAny,
			     .timeout = &t5s };
	struct task_struct *t;
	int i;

	for (i = 0; i < 3; i++)
		KeInitializeEvent(&ev[i], SynchronizationEvent, FALSE);
	t = start_waiter(test, &w);
	msleep(30);
	KUNIT_EXPECT_EQ(test, atomic_read(&w.done), 0);
	KeSetEvent(&ev[2], IO_NO_INCREMENT, FALSE);
	KUNIT_EXPECT_TRUE(test, waiter_done(&w));
	KUNIT_EXPECT_EQ(test, w.status, STATUS_WAIT_0 + 2);
	KUNIT_EXPECT_EQ(test, KeReadStateEvent(&ev[2]), 0);
	kthread_stop(t);
}

static void wait_all_woken_when_last_signalled(struct kunit *test)
{
	KEVENT ev;
	KSEMAPHORE sem;
	PVOID objs[2] = { &ev, &sem };
	struct mwaiter w = { .count = 2, .objs = objs, .type = WaitAll };
	struct task_struct *t;

	KeInitializeEvent(&ev, NotificationEvent, FALSE);
	KeInitializeSemaphore(&sem, 0, 5);
	t = start_waiter(test, &w);
	KeReleaseSemaphore(&sem, IO_NO_INCREMENT, 2, FALSE);
	msleep(30);
	KUNIT_EXPECT_EQ(test, atomic_read(&w.done), 0);
	KUNIT_EXPECT_EQ(test, KeReadStateSemaphore(&sem), 2);
	KeSetEvent(&ev, IO_NO_INCREMENT, FALSE);
	KUNIT_EXPECT_TRUE(test, waiter_done(&w));
	KUNIT_EXPECT_EQ(test, w.status, STATUS_WAIT_0);
	KUNIT_EXPECT_EQ(test, KeReadStateSemaphore(&sem), 1);
	KUNIT_EXPECT_EQ(test, KeReadStateEvent(&ev), 1);
	kthread_stop(t);
}

struct mixed {
	KEVENT nev, sev;
	KSEMAPHORE sem;
	KMUTEX mtx;
	KWAIT_BLOCK wb[4];
};

static void wait_mixed_object_types(struct kunit *test)
{
	struct mixed *m = kunit_kzalloc(test, sizeof(*m), GFP_KERNEL);
	PVOID objs[4];

	KUNIT_ASSERT_NOT_NULL(test, m);
	objs[0] = &m->nev;
	objs[1] = &m->sev;
	objs[2] = &m->sem;
	objs[3] = &m->mtx;
	KeInitializeEvent(&m->nev, NotificationEvent, TRUE);
	KeInitializeEvent(&m->sev, SynchronizationEvent, TRUE);
	KeInitializeSemaphore(&m->sem, 1, 1);
	KeInitializeMutex(&m->mtx, 0);
	KUNIT_EXPECT_EQ(test, KeWaitForMultipleObjects(4, objs, WaitAll,
						       Executive, KernelMode,
						       FALSE, &zero, m->wb),
			STATUS_WAIT_0);
	KUNIT_EXPECT_EQ(test, KeReadStateEvent(&m->nev), 1);
	KUNIT_EXPECT_EQ(test, KeReadStateEvent(&m->sev), 0);
	KUNIT_EXPECT_EQ(test, KeReadStateSemaphore(&m->sem), 0);
	KUNIT_EXPECT_EQ(test, KeReadStateMutex(&m->mtx), 0);
	KUNIT_EXPECT_PTR_EQ(test, m->mtx.OwnerThread, (PVOID)current);
	/* Now only the notification event and the (owned) mutex are ready. */
	KUNIT_EXPECT_EQ(test, KeWaitForMultipleObjects(4, objs, WaitAll,
						       Executive, KernelMode,
						       FALSE, &zero, m->wb),
			STATUS_TIMEOUT);
	KUNIT_EXPECT_EQ(test, KeReadStateMutex(&m->mtx), 0);
	objs[0] = &m->sev;
	objs[1] = &m->sem;
	objs[2] = &m->mtx;
	KUNIT_EXPECT_EQ(test, wait_many(3, objs, WaitAny, &zero),
			STATUS_WAIT_0 + 2);
	KUNIT_EXPECT_EQ(test, KeReadStateMutex(&m->mtx), -1);
	KUNIT_EXPECT_EQ(test, KeReleaseMutex(&m->mtx, FALSE), -1);
	KUNIT_EXPECT_EQ(test, KeReleaseMutex(&m->mtx, FALSE), 0);
	KUNIT_EXPECT_EQ(test, KeReadStateMutex(&m->mtx), 1);
}

static void wait_multiple_zero_timeout(struct kunit *test)
{
	KEVENT ev[2];
	PVOID objs[2] = { &ev[0], &ev[1] };
	ktime_t start = ktime_get();

	KeInitializeEvent(&ev[0], NotificationEvent, FALSE);
	KeInitializeEvent(&ev[1], SynchronizationEvent, FALSE);
	KUNIT_EXPECT_EQ(test, wait_many(2, objs, WaitAny, &zero), STATUS_TIMEOUT);
	KUNIT_EXPECT_EQ(test, wait_many(2, objs, WaitAll, &zero), STATUS_TIMEOUT);
	KUNIT_EXPECT_LT(test, ktime_ms_delta(ktime_get(), start), 1000LL);
}

static void wait_multiple_relative_timeout(struct kunit *test)
{
	LARGE_INTEGER t = { .QuadPart = -30 * 10000LL };	/* 30 ms */
	KEVENT ev[2];
	PVOID objs[2] = { &ev[0], &ev[1] };
	ktime_t start;
	s64 ms;

	KeInitializeEvent(&ev[0], NotificationEvent, FALSE);
	KeInitializeEvent(&ev[1], NotificationEvent, TRUE);
	start = ktime_get();
	KUNIT_EXPECT_EQ(test, wait_many(2, objs, WaitAll, &t), STATUS_TIMEOUT);
	ms = ktime_ms_delta(ktime_get(), start);
	KUNIT_EXPECT_GE(test, ms, 30LL);
	KUNIT_EXPECT_LT(test, ms, 5000LL);
	start = ktime_get();
	KUNIT_EXPECT_EQ(test, wait_many(1, objs, WaitAny, &t), STATUS_TIMEOUT);
	KUNIT_EXPECT_GE(test, ktime_ms_delta(ktime_get(), start), 30LL);
}

static void wait_multiple_absolute_timeout(struct kunit *test)
{
	LARGE_INTEGER t = { .QuadPart = 1 };	/* 1601: long past */
	KEVENT ev[2];
	PVOID objs[2] = { &ev[0], &ev[1] };
	ktime_t start = ktime_get();
	s64 ms;

	KeInitializeEvent(&ev[0], NotificationEvent, FALSE);
	KeInitializeEvent(&ev[1], NotificationEvent, FALSE);
	KUNIT_EXPECT_EQ(test, wait_many(2, objs, WaitAny, &t), STATUS_TIMEOUT);
	KUNIT_EXPECT_LT(test, ktime_ms_delta(ktime_get(), start), 1000LL);

	t.QuadPart = nt_now() + 30 * 10000LL;	/* 30 ms from now */
	start = ktime_get();
	KUNIT_EXPECT_EQ(test, wait_many(2, objs, WaitAny, &t), STATUS_TIMEOUT);
	ms = ktime_ms_delta(ktime_get(), start);
	KUNIT_EXPECT_GE(test, ms, 25LL);
	KUNIT_EXPECT_LT(test, ms, 5000LL);
}

static void wait_multiple_bad_count_reported(struct kunit *test)
{
	int before = reports();
	PVOID objs[THREAD_WAIT_OBJECTS + 1];
	KEVENT ev;
	int i;

	KeInitializeEvent(&ev, NotificationEvent, TRUE);
	for (i = 0; i <= THREAD_WAIT_OBJECTS; i++)
		objs[i] = &ev;
	KUNIT_EXPECT_EQ(test, wait_many(0, objs, WaitAny, &zero),
			STATUS_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, reports(), before + 1);
	/* More than THREAD_WAIT_OBJECTS without a wait block array. */
	KUNIT_EXPECT_EQ(test, wait_many(THREAD_WAIT_OBJECTS + 1, objs, WaitAny,
					&zero),
			STATUS_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, reports(), before + 2);
	KUNIT_EXPECT_EQ(test, wait_many(THREAD_WAIT_OBJECTS, objs, WaitAny,
					&zero),
			STATUS_WAIT_0);
	KUNIT_EXPECT_EQ(test, reports(), before + 2);
}

static void wait_all_duplicate_reported(struct kunit *test)
{
	int before = reports();
	KSEMAPHORE sem;
	KMUTEX mtx;
	PVOID objs[2] = { &sem, &sem };

	KeInitializeSemaphore(&sem, 1, 1);
	KeInitializeMutex(&mtx, 0);
	KUNIT_EXPECT_EQ(test, wait_many(2, objs, WaitAll, &zero),
			STATUS_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, reports(), before + 1);
	KUNIT_EXPECT_EQ(test, KeReadStateSemaphore(&sem), 1);
	/* WaitAny may name an object twice: the first index wins. */
	KUNIT_EXPECT_EQ(test, wait_many(2, objs, WaitAny, &zero), STATUS_WAIT_0);
	/* A mutex twice is acquired twice. */
	objs[0] = &mtx;
	objs[1] = &mtx;
	KUNIT_EXPECT_EQ(test, wait_many(2, objs, WaitAll, &zero), STATUS_WAIT_0);
	KUNIT_EXPECT_EQ(test, KeReadStateMutex(&mtx), -1);
	KUNIT_EXPECT_EQ(test, KeReleaseMutex(&mtx, FALSE), -1);
	KUNIT_EXPECT_EQ(test, KeReleaseMutex(&mtx, FALSE), 0);
	KUNIT_EXPECT_EQ(test, reports(), before + 1);
}

static void wait_multiple_over_maximum_reported(struct kunit *test)
{
	int before = reports();
	KWAIT_BLOCK *wb;
	PVOID *objs;
	KEVENT ev;
	int i;

	wb = kunit_kcalloc(test, MAXIMUM_WAIT_OBJECTS + 1, sizeof(*wb),
			   GFP_KERNEL);
	objs = kunit_kcalloc(test, MAXIMUM_WAIT_OBJECTS + 1, sizeof(*objs),
			     GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, wb);
	KUNIT_ASSERT_NOT_NULL(test, objs);
	KeInitializeEvent(&ev, NotificationEvent, TRUE);
	for (i = 0; i <= MAXIMUM_WAIT_OBJECTS; i++)
		objs[i] = &ev;
	KUNIT_EXPECT_EQ(test, KeWaitForMultipleObjects(MAXIMUM_WAIT_OBJECTS + 1,
						       objs, WaitAny, Executive,
						       KernelMode, FALSE, &zero,
						       wb),
			STATUS_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, reports(), before + 1);
	KUNIT_EXPECT_EQ(test, KeWaitForMultipleObjects(MAXIMUM_WAIT_OBJECTS,
						       objs, WaitAny, Executive,
						       KernelMode, FALSE, &zero,
						       wb),
			STATUS_WAIT_0);
	KUNIT_EXPECT_EQ(test, reports(), before + 1);
}

/* 64 objects, each with its wait block: the last one signals. */
static void wait_any_on_maximum_objects(struct kunit *test)
{
	LARGE_INTEGER t5s = { .QuadPart = -5000 * 10000LL };
	KWAIT_BLOCK *wb;
	PVOID *objs;
	KEVENT *ev;
	int i;

	ev = kunit_kcalloc(test, MAXIMUM_WAIT_OBJECTS, sizeof(*ev), GFP_KERNEL);
	wb = kunit_kcalloc(test, MAXIMUM_WAIT_OBJECTS, sizeof(*wb), GFP_KERNEL);
	objs = kunit_kcalloc(test, MAXIMUM_WAIT_OBJECTS, sizeof(*objs),
			     GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ev);
	KUNIT_ASSERT_NOT_NULL(test, wb);
	KUNIT_ASSERT_NOT_NULL(test, objs);
	for (i = 0; i < MAXIMUM_WAIT_OBJECTS; i++) {
		KeInitializeEvent(&ev[i], SynchronizationEvent, FALSE);
		objs[i] = &ev[i];
	}
	KeSetEvent(&ev[MAXIMUM_WAIT_OBJECTS - 1], IO_NO_INCREMENT, FALSE);
	KUNIT_EXPECT_EQ(test, KeWaitForMultipleObjects(MAXIMUM_WAIT_OBJECTS,
						       objs, WaitAny, Executive,
						       KernelMode, FALSE, &t5s,
						       wb),
			STATUS_WAIT_0 + MAXIMUM_WAIT_OBJECTS - 1);
	KUNIT_EXPECT_EQ(test, KeReadStateEvent(&ev[MAXIMUM_WAIT_OBJECTS - 1]), 0);
}

static void wait_multiple_at_dispatch_reported(struct kunit *test)
{
	LARGE_INTEGER t = { .QuadPart = -10000 };
	NTSTATUS poll, slept;
	int before = reports();
	KEVENT ev[2];
	PVOID objs[2] = { &ev[0], &ev[1] };
	KIRQL old;

	KeInitializeEvent(&ev[0], NotificationEvent, FALSE);
	KeInitializeEvent(&ev[1], SynchronizationEvent, TRUE);
	KeRaiseIrql(DISPATCH_LEVEL, &old);
	poll = wait_many(2, objs, WaitAny, &zero);
	slept = wait_many(2, objs, WaitAll, &t);
	KeLowerIrql(old);
	KUNIT_EXPECT_EQ(test, poll, STATUS_WAIT_0 + 1);
	KUNIT_EXPECT_EQ(test, slept, STATUS_TIMEOUT);
	KUNIT_EXPECT_EQ(test, reports(), before + 1);
}

/* Two WaitAny waiters on one synchronization event: one signal, one wins. */
static void wait_any_sync_event_releases_one(struct kunit *test)
{
	KEVENT ev, stop;
	PVOID objs[2] = { &ev, &stop };
	struct mwaiter w[2] = {
		{ .count = 2, .objs = objs, .type = WaitAny },
		{ .count = 2, .objs = objs, .type = WaitAny },
	};
	struct task_struct *t[2];
	int i, done;

	KeInitializeEvent(&ev, SynchronizationEvent, FALSE);
	KeInitializeEvent(&stop, NotificationEvent, FALSE);
	for (i = 0; i < 2; i++)
		t[i] = start_waiter(test, &w[i]);
	msleep(30);
	KeSetEvent(&ev, IO_NO_INCREMENT, FALSE);
	msleep(50);
	done = atomic_read(&w[0].done) + atomic_read(&w[1].done);
	KUNIT_EXPECT_EQ(test, done, 1);
	KUNIT_EXPECT_EQ(test, KeReadStateEvent(&ev), 0);
	KeSetEvent(&stop, IO_NO_INCREMENT, FALSE);
	for (i = 0; i < 2; i++) {
		KUNIT_EXPECT_TRUE(test, waiter_done(&w[i]));
		kthread_stop(t[i]);
	}
	KUNIT_EXPECT_TRUE(test, w[0].status == STATUS_WAIT_1 ||
			  w[1].status == STATUS_WAIT_1);
	KUNIT_EXPECT_TRUE(test, w[0].status == STATUS_WAIT_0 ||
			  w[1].status == STATUS_WAIT_0);
}

static void delay_execution_relative(struct kunit *test)
{
	LARGE_INTEGER t = { .QuadPart = -20 * 10000LL };	/* 20 ms */
	ktime_t start = ktime_get();
	s64 ms;

	KUNIT_EXPECT_EQ(test, KeDelayExecutionThread(KernelMode, FALSE, &t),
			STATUS_SUCCESS);
	ms = ktime_ms_delta(ktime_get(), start);
	KUNIT_EXPECT_GE(test, ms, 20LL);
	KUNIT_EXPECT_LT(test, ms, 5000LL);
}

static void delay_execution_absolute(struct kunit *test)
{
	LARGE_INTEGER t;
	ktime_t start;
	s64 ms;

	t.QuadPart = nt_now() + 20 * 10000LL;
	start = ktime_get();
	KUNIT_EXPECT_EQ(test, KeDelayExecutionThread(KernelMode, FALSE, &t),
			STATUS_SUCCESS);
	ms = ktime_ms_delta(ktime_get(), start);
	KUNIT_EXPECT_GE(test, ms, 15LL);
	KUNIT_EXPECT_LT(test, ms, 5000LL);
	/* In the past: returns at once. */
	t.QuadPart = nt_now() - 10000000LL;
	start = ktime_get();
	KUNIT_EXPECT_EQ(test, KeDelayExecutionThread(KernelMode, FALSE, &t),
			STATUS_SUCCESS);
	KUNIT_EXPECT_LT(test, ktime_ms_delta(ktime_get(), start), 1000LL);
}

static void delay_execution_zero_and_short(struct kunit *test)
{
	LARGE_INTEGER t = { .QuadPart = -10 };	/* 1 us */
	ktime_t start = ktime_get();

	KUNIT_EXPECT_EQ(test, KeDelayExecutionThread(KernelMode, FALSE, &zero),
			STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, KeDelayExecutionThread(KernelMode, FALSE, &t),
			STATUS_SUCCESS);
	KUNIT_EXPECT_LT(test, ktime_ms_delta(ktime_get(), start), 1000LL);
}

static void delay_execution_at_dispatch_reported(struct kunit *test)
{
	LARGE_INTEGER t = { .QuadPart = -10 * 10000LL };
	int before = reports();
	NTSTATUS status;
	KIRQL old;

	KeRaiseIrql(DISPATCH_LEVEL, &old);
	status = KeDelayExecutionThread(KernelMode, FALSE, &t);
	KeLowerIrql(old);
	KUNIT_EXPECT_EQ(test, status, STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, reports(), before + 1);
}

static struct kunit_case ke_wait_cases[] = {
	KUNIT_CASE(wait_any_returns_lowest_signalled_index),
	KUNIT_CASE(wait_any_consumes_only_the_winner),
	KUNIT_CASE(wait_all_needs_every_object),
	KUNIT_CASE(wait_all_is_atomic),
	KUNIT_CASE(wait_any_woken_by_later_signal),
	KUNIT_CASE(wait_all_woken_when_last_signalled),
	KUNIT_CASE(wait_mixed_object_types),
	KUNIT_CASE(wait_multiple_zero_timeout),
	KUNIT_CASE(wait_multiple_relative_timeout),
	KUNIT_CASE(wait_multiple_absolute_timeout),
	KUNIT_CASE(wait_multiple_bad_count_reported),
	KUNIT_CASE(wait_multiple_over_maximum_reported),
	KUNIT_CASE(wait_all_duplicate_reported),
	KUNIT_CASE(wait_any_on_maximum_objects),
	KUNIT_CASE(wait_multiple_at_dispatch_reported),
	KUNIT_CASE(wait_any_sync_event_releases_one),
	KUNIT_CASE(delay_execution_relative),
	KUNIT_CASE(delay_execution_absolute),
	KUNIT_CASE(delay_execution_zero_and_short),
	KUNIT_CASE(delay_execution_at_dispatch_reported),
	{}
};

static struct kunit_suite ke_wait_suite = {
	.name = "wdmshim_ke_wait",
	.test_cases = ke_wait_cases,
};

kunit_test_suites(&ke_wait_suite);
