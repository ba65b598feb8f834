// SPDX-License-Identifier: GPL-2.0
/*
 * ke_mutex_test.c - KUnit tests of KMUTEX and FAST_MUTEX.
 *
 * KMUTEX semantics are Windows': signal state 1 when free; a satisfied
 * wait makes the caller the owner and lowers the state by one (0, then
 * negative when the owner acquires it again); KeReleaseMutex returns the
 * previous state and frees the mutex when that was 0; another thread's
 * wait is not satisfied while it is owned; a release by a non-owner is
 * a bug (reported here, nothing changes).
 *
 * FAST_MUTEX: exclusive between threads, not recursive (reported here
 * rather than deadlocking), ExTryToAcquireFastMutex fails when held, a
 * release by a non-holder or an acquire above APC_LEVEL is reported.
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

static void mutex_initially_free(struct kunit *test)
{
	KMUTEX m;

	KeInitializeMutex(&m, 0);
	KUNIT_EXPECT_EQ(test, m.Header.Type, MutantObject);
	KUNIT_EXPECT_EQ(test, KeReadStateMutex(&m), 1);
	KUNIT_EXPECT_NULL(test, m.OwnerThread);
	KUNIT_EXPECT_FALSE(test, m.Abandoned);
}

static void mutex_wait_takes_ownership(struct kunit *test)
{
	KMUTEX m;

	KeInitializeMutex(&m, 0);
	KUNIT_EXPECT_EQ(test, kwait(&m, NULL), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, KeReadStateMutex(&m), 0);
	KUNIT_EXPECT_PTR_EQ(test, m.OwnerThread, (PVOID)current);
	KUNIT_EXPECT_EQ(test, KeReleaseMutex(&m, FALSE), 0);
	KUNIT_EXPECT_EQ(test, KeReadStateMutex(&m), 1);
	KUNIT_EXPECT_NULL(test, m.OwnerThread);
}

static void mutex_recursive_acquisition(struct kunit *test)
{
	KMUTEX m;
	int i;

	KeInitializeMutex(&m, 0);
	for (i = 0; i < 3; i++)
		KUNIT_EXPECT_EQ(test, kwait(&m, &zero), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, KeReadStateMutex(&m), -2);
	KUNIT_EXPECT_EQ(test, KeReleaseMutex(&m, FALSE), -2);
	KUNIT_EXPECT_EQ(test, KeReleaseMutex(&m, FALSE), -1);
	KUNIT_EXPECT_PTR_EQ(test, m.OwnerThread, (PVOID)current);
	KUNIT_EXPECT_EQ(test, KeReleaseMutex(&m, FALSE), 0);
	KUNIT_EXPECT_EQ(test, KeReadStateMutex(&m), 1);
	KUNIT_EXPECT_NULL(test, m.OwnerThread);
}

static void mutex_release_unowned_reported(struct kunit *test)
{
	int before = reports();
	KMUTEX m;

	KeInitializeMutex(&m, 0);
	KUNIT_EXPECT_EQ(test, KeReleaseMutex(&m, FALSE), 1);
	KUNIT_EXPECT_EQ(test, KeReadStateMutex(&m), 1);
	KUNIT_EXPECT_EQ(test, reports(), before + 1);
}

struct mthread {
	KMUTEX *m;
	FAST_MUTEX *fm;
	NTSTATUS status;
	LONG released;
	BOOLEAN tried;
	atomic_t done;
};

static int mutex_release_other(void *arg)
{
	struct mthread *t = arg;

	t->released = KeReleaseMutex(t->m, FALSE);
	atomic_set(&t->done, 1);
	return iot_wait_for_stop();
}

static int mutex_wait_other(void *arg)
{
	struct mthread *t = arg;

	t->status = kwait(t->m, NULL);
	atomic_set(&t->done, 1);
	if (t->status == STATUS_SUCCESS)
		t->released = KeReleaseMutex(t->m, FALSE);
	return iot_wait_for_stop();
}

static bool mthread_done(struct mthread *t)
{
	int i;

	for (i = 0; i < 200 && !atomic_read(&t->done); i++)
		usleep_range(10000, 20000);
	return atomic_read(&t->done);
}

static void mutex_release_by_other_thread_reported(struct kunit *test)
{
	struct mthread t = { .released = 99 };
	struct task_struct *task;
	int before = reports();
	KMUTEX m;

	KeInitializeMutex(&m, 0);
	t.m = &m;
	KUNIT_EXPECT_EQ(test, kwait(&m, NULL), STATUS_SUCCESS);
	task = kthread_run(mutex_release_other, &t, "kunit_mrel");
	KUNIT_ASSERT_FALSE(test, IS_ERR(task));
	KUNIT_EXPECT_TRUE(test, mthread_done(&t));
	kthread_stop(task);
	KUNIT_EXPECT_EQ(test, t.released, 0);
	KUNIT_EXPECT_EQ(test, reports(), before + 1);
	/* Still ours. */
	KUNIT_EXPECT_EQ(test, KeReadStateMutex(&m), 0);
	KUNIT_EXPECT_PTR_EQ(test, m.OwnerThread, (PVOID)current);
	KUNIT_EXPECT_EQ(test, KeReleaseMutex(&m, FALSE), 0);
}

static void mutex_excludes_other_threads(struct kunit *test)
{
	struct mthread t = { .released = 99 };
	struct task_struct *task;
	KMUTEX m;

	KeInitializeMutex(&m, 0);
	t.m = &m;
	KUNIT_EXPECT_EQ(test, kwait(&m, NULL), STATUS_SUCCESS);
	atomic_set(&t.done, 0);
	task = kthread_run(mutex_wait_other, &t, "kunit_mwait");
	KUNIT_ASSERT_FALSE(test, IS_ERR(task));
	msleep(50);
	KUNIT_EXPECT_EQ(test, atomic_read(&t.done), 0);
	/* Recursive acquisition by the owner still works meanwhile. */
	KUNIT_EXPECT_EQ(test, kwait(&m, &zero), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, KeReleaseMutex(&m, FALSE), -1);
	msleep(20);
	KUNIT_EXPECT_EQ(test, atomic_read(&t.done), 0);
	KUNIT_EXPECT_EQ(test, KeReleaseMutex(&m, FALSE), 0);
	KUNIT_EXPECT_TRUE(test, mthread_done(&t));
	kthread_stop(task);
	KUNIT_EXPECT_EQ(test, t.status, STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, t.released, 0);
	KUNIT_EXPECT_EQ(test, KeReadStateMutex(&m), 1);
}

static int mutex_hold(void *arg)
{
	struct mthread *t = arg;
	int ret;

	t->status = kwait(t->m, NULL);
	atomic_set(&t->done, 1);
	ret = iot_wait_for_stop();
	t->released = KeReleaseMutex(t->m, FALSE);
	return ret;
}

static void mutex_owned_elsewhere_times_out(struct kunit *test)
{
	LARGE_INTEGER t20 = { .QuadPart = -20 * 10000LL };
	struct mthread t = { .released = 99 };
	struct task_struct *task;
	int before = reports();
	KMUTEX m;

	KeInitializeMutex(&m, 0);
	t.m = &m;
	task = kthread_run(mutex_hold, &t, "kunit_mhold");
	KUNIT_ASSERT_FALSE(test, IS_ERR(task));
	KUNIT_EXPECT_TRUE(test, mthread_done(&t));
	KUNIT_EXPECT_EQ(test, t.status, STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, kwait(&m, &t20), STATUS_TIMEOUT);
	KUNIT_EXPECT_EQ(test, kwait(&m, &zero), STATUS_TIMEOUT);
	kthread_stop(task);
	KUNIT_EXPECT_EQ(test, t.released, 0);
	KUNIT_EXPECT_EQ(test, kwait(&m, &zero), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, KeReleaseMutex(&m, FALSE), 0);
	KUNIT_EXPECT_EQ(test, reports(), before);
}

/* Two kthreads increment a counter non-atomically under a fast mutex. */
struct fmshared {
	FAST_MUTEX fm;
	int counter;
	int inside;
	int overlap;
};

static int fm_worker(void *arg)
{
	struct fmshared *s = arg;
	int i, v;

	for (i = 0; i < 200; i++) {
		ExAcquireFastMutex(&s->fm);
		if (s->inside++)
			s->overlap++;
		v = s->counter;
		if (!(i % 16))
			usleep_range(10, 20);
		s->counter = v + 1;
		s->inside--;
		ExReleaseFastMutex(&s->fm);
	}
	return iot_wait_for_stop();
}

static void fast_mutex_excludes_two_threads(struct kunit *test)
{
	struct fmshared *s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);
	struct task_struct *t[2];
	int i;

	KUNIT_ASSERT_NOT_NULL(test, s);
	ExInitializeFastMutex(&s->fm);
	for (i = 0; i < 2; i++) {
		t[i] = kthread_run(fm_worker, s, "kunit_fm%d", i);
		KUNIT_ASSERT_FALSE(test, IS_ERR(t[i]));
	}
	for (i = 0; i < 500; i++) {
		ExAcquireFastMutex(&s->fm);
		if (s->counter == 400) {
			ExReleaseFastMutex(&s->fm);
			break;
		}
		ExReleaseFastMutex(&s->fm);
		usleep_range(10000, 20000);
	}
	for (i = 0; i < 2; i++)
		kthread_stop(t[i]);
	KUNIT_EXPECT_EQ(test, s->counter, 400);
	KUNIT_EXPECT_EQ(test, s->overlap, 0);
	KUNIT_EXPECT_EQ(test, s->fm.Count, 1);
}

static void fast_mutex_state_and_try(struct kunit *test)
{
	FAST_MUTEX fm;

	ExInitializeFastMutex(&fm);
	KUNIT_EXPECT_EQ(test, fm.Count, 1);
	ExAcquireFastMutex(&fm);
	KUNIT_EXPECT_EQ(test, fm.Count, 0);
	KUNIT_EXPECT_PTR_EQ(test, fm.Owner, (PVOID)current);
	ExReleaseFastMutex(&fm);
	KUNIT_EXPECT_EQ(test, fm.Count, 1);
	KUNIT_EXPECT_NULL(test, fm.Owner);
	KUNIT_EXPECT_TRUE(test, ExTryToAcquireFastMutex(&fm));
	ExReleaseFastMutex(&fm);
	ExAcquireFastMutexUnsafe(&fm);
	KUNIT_EXPECT_EQ(test, fm.Count, 0);
	ExReleaseFastMutexUnsafe(&fm);
	KUNIT_EXPECT_EQ(test, fm.Count, 1);
}

static int fm_try_other(void *arg)
{
	struct mthread *t = arg;

	t->tried = ExTryToAcquireFastMutex(t->fm);
	if (t->tried)
		ExReleaseFastMutex(t->fm);
	atomic_set(&t->done, 1);
	return iot_wait_for_stop();
}

static void fast_mutex_try_fails_when_held(struct kunit *test)
{
	struct mthread t = { .tried = 2 };
	struct task_struct *task;
	FAST_MUTEX fm;

	ExInitializeFastMutex(&fm);
	t.fm = &fm;
	ExAcquireFastMutex(&fm);
	task = kthread_run(fm_try_other, &t, "kunit_fmtry");
	KUNIT_ASSERT_FALSE(test, IS_ERR(task));
	KUNIT_EXPECT_TRUE(test, mthread_done(&t));
	kthread_stop(task);
	ExReleaseFastMutex(&fm);
	KUNIT_EXPECT_EQ(test, t.tried, FALSE);
}

static void fast_mutex_recursion_reported(struct kunit *test)
{
	int before = reports();
	FAST_MUTEX fm;

	ExInitializeFastMutex(&fm);
	ExAcquireFastMutex(&fm);
	/* A deadlock on Windows: reported, not taken again. */
	ExAcquireFastMutex(&fm);
	KUNIT_EXPECT_EQ(test, reports(), before + 1);
	KUNIT_EXPECT_FALSE(test, ExTryToAcquireFastMutex(&fm));
	KUNIT_EXPECT_EQ(test, reports(), before + 2);
	ExReleaseFastMutex(&fm);
	KUNIT_EXPECT_EQ(test, fm.Count, 1);
}

static void fast_mutex_release_unheld_reported(struct kunit *test)
{
	int before = reports();
	FAST_MUTEX fm;

	ExInitializeFastMutex(&fm);
	ExReleaseFastMutex(&fm);
	KUNIT_EXPECT_EQ(test, reports(), before + 1);
	ExReleaseFastMutexUnsafe(&fm);
	KUNIT_EXPECT_EQ(test, reports(), before + 2);
	KUNIT_EXPECT_TRUE(test, ExTryToAcquireFastMutex(&fm));
	ExReleaseFastMutex(&fm);
}

static void fast_mutex_at_dispatch_reported(struct kunit *test)
{
	int before = reports();
	FAST_MUTEX fm;
	BOOLEAN tried;
	KIRQL old;

	ExInitializeFastMutex(&fm);
	KeRaiseIrql(DISPATCH_LEVEL, &old);
	ExAcquireFastMutex(&fm);
	tried = ExTryToAcquireFastMutex(&fm);
	KeLowerIrql(old);
	KUNIT_EXPECT_EQ(test, reports(), before + 2);
	KUNIT_EXPECT_FALSE(test, tried);
	KUNIT_EXPECT_EQ(test, fm.Count, 1);
	KUNIT_EXPECT_NULL(test, fm.Owner);
}

static void fast_mutex_holder_may_wait(struct kunit *test)
{
	LARGE_INTEGER t = { .QuadPart = -10 * 10000LL };
	FAST_MUTEX fm;
	KEVENT ev;

	ExInitializeFastMutex(&fm);
	KeInitializeEvent(&ev, NotificationEvent, FALSE);
	ExAcquireFastMutex(&fm);
	KUNIT_EXPECT_LE(test, KeGetCurrentIrql(), APC_LEVEL);
	KUNIT_EXPECT_EQ(test, kwait(&ev, &t), STATUS_TIMEOUT);
	ExReleaseFastMutex(&fm);
}

static struct kunit_case ke_mutex_cases[] = {
	KUNIT_CASE(mutex_initially_free),
	KUNIT_CASE(mutex_wait_takes_ownership),
	KUNIT_CASE(mutex_recursive_acquisition),
	KUNIT_CASE(mutex_release_unowned_reported),
	KUNIT_CASE(mutex_release_by_other_thread_reported),
	KUNIT_CASE(mutex_excludes_other_threads),
	KUNIT_CASE(mutex_owned_elsewhere_times_out),
	KUNIT_CASE(fast_mutex_excludes_two_threads),
	KUNIT_CASE(fast_mutex_state_and_try),
	KUNIT_CASE(fast_mutex_try_fails_when_held),
	KUNIT_CASE(fast_mutex_recursion_reported),
	KUNIT_CASE(fast_mutex_release_unheld_reported),
	KUNIT_CASE(fast_mutex_at_dispatch_reported),
	KUNIT_CASE(fast_mutex_holder_may_wait),
	{}
};

static struct kunit_suite ke_mutex_suite = {
	.name = "wdmshim_ke_mutex",
	.test_cases = ke_mutex_cases,
};

kunit_test_suites(&ke_mutex_suite);
