// SPDX-License-Identifier: GPL-2.0
/*
 * ke_semaphore_test.c - KUnit tests of KSEMAPHORE.
 *
 * Semantics are Windows': the count is the signal state, between zero and
 * the limit; KeReleaseSemaphore adds Adjustment and returns the previous
 * count; going over the limit raises STATUS_SEMAPHORE_LIMIT_EXCEEDED on
 * Windows and is reported here, the count unchanged; each satisfied wait
 * takes one.
 */
#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include "wdm_internal.h"
#include "io_harness.h"

static int reports(void)
{
	return atomic_read(&wdm_reports);
}

static LARGE_INTEGER zero = { .QuadPart = 0 };

static NTSTATUS kwait(PVOID obj, PLARGE_INTEGER timeout)
{
	return KeWaitForSingleObject(obj, Executive, KernelMode, FALSE, timeout);
}

static void semaphore_initial_state(struct kunit *test)
{
	KSEMAPHORE s;

	KeInitializeSemaphore(&s, 2, 5);
	KUNIT_EXPECT_EQ(test, s.Header.Type, SemaphoreObject);
	KUNIT_EXPECT_EQ(test, KeReadStateSemaphore(&s), 2);
	KUNIT_EXPECT_EQ(test, s.Limit, 5);
	KeInitializeSemaphore(&s, 0, 1);
	KUNIT_EXPECT_EQ(test, KeReadStateSemaphore(&s), 0);
}

static void semaphore_release_returns_previous_count(struct kunit *test)
{
	KSEMAPHORE s;

	KeInitializeSemaphore(&s, 0, 10);
	KUNIT_EXPECT_EQ(test, KeReleaseSemaphore(&s, IO_NO_INCREMENT, 1, FALSE), 0);
	KUNIT_EXPECT_EQ(test, KeReleaseSemaphore(&s, IO_NO_INCREMENT, 3, FALSE), 1);
	KUNIT_EXPECT_EQ(test, KeReadStateSemaphore(&s), 4);
	KUNIT_EXPECT_EQ(test, KeReleaseSemaphore(&s, IO_NO_INCREMENT, 6, FALSE), 4);
	KUNIT_EXPECT_EQ(test, KeReadStateSemaphore(&s), 10);
}

static void semaphore_limit_exceeded_reported(struct kunit *test)
{
	int before = reports();
	KSEMAPHORE s;

	KeInitializeSemaphore(&s, 2, 3);
	KUNIT_EXPECT_EQ(test, KeReleaseSemaphore(&s, IO_NO_INCREMENT, 2, FALSE), 2);
	KUNIT_EXPECT_EQ(test, KeReadStateSemaphore(&s), 2);
	KUNIT_EXPECT_EQ(test, reports(), before + 1);
	/* Overflow of LONG is over the limit too. */
	KUNIT_EXPECT_EQ(test, KeReleaseSemaphore(&s, IO_NO_INCREMENT, 0x7fffffff,
						 FALSE), 2);
	KUNIT_EXPECT_EQ(test, KeReadStateSemaphore(&s), 2);
	KUNIT_EXPECT_EQ(test, reports(), before + 2);
	/* Up to the limit exactly is fine. */
	KUNIT_EXPECT_EQ(test, KeReleaseSemaphore(&s, IO_NO_INCREMENT, 1, FALSE), 2);
	KUNIT_EXPECT_EQ(test, KeReadStateSemaphore(&s), 3);
	KUNIT_EXPECT_EQ(test, reports(), before + 2);
}

static void semaphore_bad_adjustment_reported(struct kunit *test)
{
	int before = reports();
	KSEMAPHORE s;

	KeInitializeSemaphore(&s, 1, 3);
	KUNIT_EXPECT_EQ(test, KeReleaseSemaphore(&s, IO_NO_INCREMENT, 0, FALSE), 1);
	KUNIT_EXPECT_EQ(test, KeReleaseSemaphore(&s, IO_NO_INCREMENT, -1, FALSE), 1);
	KUNIT_EXPECT_EQ(test, KeReadStateSemaphore(&s), 1);
	KUNIT_EXPECT_EQ(test, reports(), before + 2);
}

static void semaphore_bad_initialisation_reported(struct kunit *test)
{
	int before = reports();
	KSEMAPHORE s;

	KeInitializeSemaphore(&s, 4, 3);
	KUNIT_EXPECT_EQ(test, reports(), before + 1);
	KeInitializeSemaphore(&s, 0, 0);
	KUNIT_EXPECT_EQ(test, reports(), before + 2);
}

static void semaphore_wait_takes_one(struct kunit *test)
{
	KSEMAPHORE s;

	KeInitializeSemaphore(&s, 2, 2);
	KUNIT_EXPECT_EQ(test, kwait(&s, &zero), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, KeReadStateSemaphore(&s), 1);
	KUNIT_EXPECT_EQ(test, kwait(&s, NULL), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, KeReadStateSemaphore(&s), 0);
	KUNIT_EXPECT_EQ(test, kwait(&s, &zero), STATUS_TIMEOUT);
	KUNIT_EXPECT_EQ(test, KeReadStateSemaphore(&s), 0);
}

struct semwaiter {
	KSEMAPHORE *s;
	atomic_t *woken;
};

static int sem_wait_once(void *arg)
{
	struct semwaiter *w = arg;

	if (kwait(w->s, NULL) == STATUS_SUCCESS)
		atomic_inc(w->woken);
	return iot_wait_for_stop();
}

/* Three waiters; a release by 2 lets exactly two through. */
static void semaphore_release_wakes_as_many_as_count(struct kunit *test)
{
	struct task_struct *t[3];
	struct semwaiter w;
	atomic_t woken;
	KSEMAPHORE s;
	int i;

	KeInitializeSemaphore(&s, 0, 10);
	atomic_set(&woken, 0);
	w.s = &s;
	w.woken = &woken;
	for (i = 0; i < 3; i++) {
		t[i] = kthread_run(sem_wait_once, &w, "kunit_sem%d", i);
		KUNIT_ASSERT_FALSE(test, IS_ERR(t[i]));
	}
	msleep(30);
	KUNIT_EXPECT_EQ(test, atomic_read(&woken), 0);
	KUNIT_EXPECT_EQ(test, KeReleaseSemaphore(&s, IO_NO_INCREMENT, 2, FALSE), 0);
	msleep(50);
	KUNIT_EXPECT_EQ(test, atomic_read(&woken), 2);
	KUNIT_EXPECT_EQ(test, KeReadStateSemaphore(&s), 0);
	KeReleaseSemaphore(&s, IO_NO_INCREMENT, 1, FALSE);
	for (i = 0; i < 200 && atomic_read(&woken) < 3; i++)
		usleep_range(10000, 20000);
	KUNIT_EXPECT_EQ(test, atomic_read(&woken), 3);
	for (i = 0; i < 3; i++)
		kthread_stop(t[i]);
}

static void semaphore_release_at_dispatch_level(struct kunit *test)
{
	KSEMAPHORE s;
	LONG prev;
	KIRQL old;

	KeInitializeSemaphore(&s, 0, 1);
	KeRaiseIrql(DISPATCH_LEVEL, &old);
	prev = KeReleaseSemaphore(&s, IO_NO_INCREMENT, 1, FALSE);
	KeLowerIrql(old);
	KUNIT_EXPECT_EQ(test, prev, 0);
	KUNIT_EXPECT_EQ(test, KeReadStateSemaphore(&s), 1);
}

static struct kunit_case ke_semaphore_cases[] = {
	KUNIT_CASE(semaphore_initial_state),
	KUNIT_CASE(semaphore_release_returns_previous_count),
	KUNIT_CASE(semaphore_limit_exceeded_reported),
	KUNIT_CASE(semaphore_bad_adjustment_reported),
	KUNIT_CASE(semaphore_bad_initialisation_reported),
	KUNIT_CASE(semaphore_wait_takes_one),
	KUNIT_CASE(semaphore_release_wakes_as_many_as_count),
	KUNIT_CASE(semaphore_release_at_dispatch_level),
	{}
};

static struct kunit_suite ke_semaphore_suite = {
	.name = "wdmshim_ke_semaphore",
	.test_cases = ke_semaphore_cases,
};

kunit_test_suites(&ke_semaphore_suite);
