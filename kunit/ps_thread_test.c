// SPDX-License-Identifier: GPL-2.0
/*
 * ps_thread_test.c - KUnit tests of system threads, with the harness's
 * hosted driver.
 *
 * Semantics are Windows': PsCreateSystemThread runs the routine at
 * PASSIVE_LEVEL in a new thread and returns a kernel handle;
 * ObReferenceObjectByHandle gives the thread object, which a wait is
 * satisfied on once the thread has exited (returned, or called
 * PsTerminateSystemThread, which does not return); the object outlives
 * the handle (ZwClose) and the thread while referenced. A driver must
 * wait for its threads before it unloads: one still running is reported
 * and waited for.
 */
#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/preempt.h>
#include <linux/sched.h>
#include <wdmshim/host.h>
#include "io_harness.h"

static LARGE_INTEGER zero = { .QuadPart = 0 };

struct tctx {
	KIRQL irql;
	bool preemptible;
	PVOID seen;
	NTSTATUS terminate;		/* nonzero: PsTerminateSystemThread */
	KEVENT *hold;			/* wait for it first */
	unsigned int sleep_ms;
	atomic_t *counter;
	bool after_terminate;		/* reached code after terminate */
	atomic_t ran;
};

static VOID NTAPI thread_routine(PVOID ctx)
{
	struct tctx *c = ctx;

	c->irql = KeGetCurrentIrql();
	c->preemptible = preemptible();
	c->seen = ctx;
	if (c->hold)
		KeWaitForSingleObject(c->hold, Executive, KernelMode, FALSE, NULL);
	if (c->sleep_ms)
		msleep(c->sleep_ms);
	if (c->counter)
		atomic_inc(c->counter);
	atomic_set(&c->ran, 1);
	if (c->terminate) {
		PsTerminateSystemThread(c->terminate);
		c->after_terminate = true;
	}
}

static NTSTATUS wait5s(PVOID obj)
{
	LARGE_INTEGER t = { .QuadPart = -5000 * 10000LL };

	return KeWaitForSingleObject(obj, Executive, KernelMode, FALSE, &t);
}

/* Create a thread and reference its object. */
static PVOID start(struct kunit *test, struct tctx *c, HANDLE *h)
{
	PVOID obj = NULL;

	KUNIT_ASSERT_EQ(test, PsCreateSystemThread(h, THREAD_ALL_ACCESS, NULL,
						   NULL, NULL, thread_routine, c),
			STATUS_SUCCESS);
	KUNIT_ASSERT_EQ(test, ObReferenceObjectByHandle(*h, THREAD_ALL_ACCESS,
							*PsThreadType,
							KernelMode, &obj, NULL),
			STATUS_SUCCESS);
	return obj;
}

static void thread_runs_at_passive_and_signals_exit(struct kunit *test)
{
	struct tctx c = {};
	HANDLE h = NULL;
	PVOID obj = start(test, &c, &h);

	KUNIT_EXPECT_NOT_NULL(test, h);
	KUNIT_EXPECT_EQ(test, wait5s(obj), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, atomic_read(&c.ran), 1);
	KUNIT_EXPECT_EQ(test, c.irql, PASSIVE_LEVEL);
	KUNIT_EXPECT_TRUE(test, c.preemptible);
	KUNIT_EXPECT_PTR_EQ(test, c.seen, (PVOID)&c);
	KUNIT_EXPECT_EQ(test, wdm_thread_exit_status(obj), STATUS_SUCCESS);
	/* Signalled for good: a notification-like object. */
	KUNIT_EXPECT_EQ(test, KeWaitForSingleObject(obj, Executive, KernelMode,
						    FALSE, &zero),
			STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, ZwClose(h), STATUS_SUCCESS);
	ObDereferenceObject(obj);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
}

static void thread_terminate_sets_exit_status(struct kunit *test)
{
	struct tctx c = { .terminate = STATUS_CANCELLED };
	HANDLE h;
	PVOID obj = start(test, &c, &h);

	KUNIT_EXPECT_EQ(test, wait5s(obj), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, wdm_thread_exit_status(obj), STATUS_CANCELLED);
	KUNIT_EXPECT_FALSE(test, c.after_terminate);
	ZwClose(h);
	ObDereferenceObject(obj);
}

static void thread_object_signalled_only_after_exit(struct kunit *test)
{
	struct tctx c = {};
	KEVENT hold;
	HANDLE h;
	PVOID obj;

	KeInitializeEvent(&hold, NotificationEvent, FALSE);
	c.hold = &hold;
	obj = start(test, &c, &h);
	msleep(20);
	KUNIT_EXPECT_EQ(test, KeWaitForSingleObject(obj, Executive, KernelMode,
						    FALSE, &zero),
			STATUS_TIMEOUT);
	KeSetEvent(&hold, IO_NO_INCREMENT, FALSE);
	KUNIT_EXPECT_EQ(test, wait5s(obj), STATUS_SUCCESS);
	ZwClose(h);
	ObDereferenceObject(obj);
}

static void thread_object_outlives_handle(struct kunit *test)
{
	struct tctx c = {};
	KEVENT hold;
	HANDLE h;
	PVOID obj;

	KeInitializeEvent(&hold, NotificationEvent, FALSE);
	c.hold = &hold;
	obj = start(test, &c, &h);
	KUNIT_EXPECT_EQ(test, ZwClose(h), STATUS_SUCCESS);
	/* The handle is gone, the object is not. */
	KUNIT_EXPECT_EQ(test, ObReferenceObjectByHandle(h, THREAD_ALL_ACCESS,
							NULL, KernelMode,
							&obj, NULL),
			STATUS_INVALID_HANDLE);
	ObReferenceObject(obj);
	KeSetEvent(&hold, IO_NO_INCREMENT, FALSE);
	KUNIT_EXPECT_EQ(test, wait5s(obj), STATUS_SUCCESS);
	ObDereferenceObject(obj);
	KUNIT_EXPECT_EQ(test, wait5s(obj), STATUS_SUCCESS);
	ObDereferenceObject(obj);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
}

static void thread_wait_all_on_many(struct kunit *test)
{
	enum { N = 8 };
	struct tctx *c = kunit_kcalloc(test, N, sizeof(*c), GFP_KERNEL);
	KWAIT_BLOCK *wb = kunit_kcalloc(test, N, sizeof(*wb), GFP_KERNEL);
	PVOID objs[N];
	HANDLE h[N];
	atomic_t counter;
	int i;

	KUNIT_ASSERT_NOT_NULL(test, c);
	KUNIT_ASSERT_NOT_NULL(test, wb);
	atomic_set(&counter, 0);
	for (i = 0; i < N; i++) {
		c[i].counter = &counter;
		c[i].sleep_ms = 20 + 5 * i;
		objs[i] = start(test, &c[i], &h[i]);
	}
	KUNIT_EXPECT_EQ(test, KeWaitForMultipleObjects(N, objs, WaitAll,
						       Executive, KernelMode,
						       FALSE, NULL, wb),
			STATUS_WAIT_0);
	KUNIT_EXPECT_EQ(test, atomic_read(&counter), N);
	for (i = 0; i < N; i++) {
		ZwClose(h[i]);
		ObDereferenceObject(objs[i]);
	}
}

static void thread_wait_any_first_to_exit(struct kunit *test)
{
	struct tctx c[2] = { { .sleep_ms = 2000 }, { .sleep_ms = 0 } };
	PVOID objs[2];
	HANDLE h[2];
	int i;

	for (i = 0; i < 2; i++)
		objs[i] = start(test, &c[i], &h[i]);
	KUNIT_EXPECT_EQ(test, KeWaitForMultipleObjects(2, objs, WaitAny,
						       Executive, KernelMode,
						       FALSE, NULL, NULL),
			STATUS_WAIT_1);
	for (i = 0; i < 2; i++) {
		KUNIT_EXPECT_EQ(test, wait5s(objs[i]), STATUS_SUCCESS);
		ZwClose(h[i]);
		ObDereferenceObject(objs[i]);
	}
}

static void thread_bad_handles(struct kunit *test)
{
	PVOID obj = NULL;

	KUNIT_EXPECT_EQ(test, ObReferenceObjectByHandle(NULL, 0, NULL,
							KernelMode, &obj, NULL),
			STATUS_INVALID_HANDLE);
	KUNIT_EXPECT_EQ(test, ObReferenceObjectByHandle((HANDLE)0x1234, 0, NULL,
							KernelMode, &obj, NULL),
			STATUS_INVALID_HANDLE);
	KUNIT_EXPECT_NULL(test, obj);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
	KUNIT_EXPECT_EQ(test, ZwClose((HANDLE)0x1234), STATUS_INVALID_HANDLE);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 1);
}

static void thread_handle_type_and_info(struct kunit *test)
{
	struct tctx c = {};
	OBJECT_HANDLE_INFORMATION info = {};
	struct _OBJECT_TYPE *other = (struct _OBJECT_TYPE *)&c;
	CLIENT_ID cid = { .UniqueProcess = (HANDLE)1 };
	PVOID obj, obj2;
	HANDLE h;

	KUNIT_ASSERT_EQ(test, PsCreateSystemThread(&h, THREAD_ALL_ACCESS, NULL,
						   NULL, &cid, thread_routine,
						   &c),
			STATUS_SUCCESS);
	KUNIT_EXPECT_NULL(test, cid.UniqueProcess);
	KUNIT_EXPECT_NOT_NULL(test, cid.UniqueThread);
	KUNIT_EXPECT_EQ(test, ObReferenceObjectByHandle(h, 0, other, KernelMode,
							&obj, NULL),
			STATUS_OBJECT_TYPE_MISMATCH);
	KUNIT_ASSERT_EQ(test, ObReferenceObjectByHandle(h, 0, NULL, KernelMode,
							&obj, &info),
			STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, info.GrantedAccess, (ACCESS_MASK)THREAD_ALL_ACCESS);
	KUNIT_ASSERT_EQ(test, ObReferenceObjectByHandle(h, 0, *PsThreadType,
							KernelMode, &obj2, NULL),
			STATUS_SUCCESS);
	KUNIT_EXPECT_PTR_EQ(test, obj, obj2);
	KUNIT_EXPECT_EQ(test, ((DISPATCHER_HEADER *)obj)->Type, ThreadObject);
	KUNIT_EXPECT_EQ(test, wait5s(obj), STATUS_SUCCESS);
	ObDereferenceObject(obj2);
	ZwClose(h);
	ObDereferenceObject(obj);
}

static void thread_terminate_elsewhere_reported(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, PsTerminateSystemThread(STATUS_SUCCESS),
			STATUS_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 1);
}

static void thread_create_at_dispatch_reported(struct kunit *test)
{
	struct tctx c = {};
	NTSTATUS status;
	HANDLE h = NULL;
	KIRQL old;

	KeRaiseIrql(DISPATCH_LEVEL, &old);
	status = PsCreateSystemThread(&h, THREAD_ALL_ACCESS, NULL, NULL, NULL,
				      thread_routine, &c);
	KeLowerIrql(old);
	KUNIT_EXPECT_EQ(test, status, STATUS_INVALID_PARAMETER);
	KUNIT_EXPECT_NULL(test, h);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 1);
}

/* A driver unloading with a thread still running: reported, waited for. */
static void thread_unload_waits_for_running_thread(struct kunit *test)
{
	struct tctx c = { .sleep_ms = 100 };
	struct iot *t = iot_of(test);
	HANDLE h;
	PVOID obj = start(test, &c, &h);

	ZwClose(h);
	wdm_driver_unload(t->handle);
	t->handle = NULL;
	KUNIT_EXPECT_EQ(test, atomic_read(&c.ran), 1);
	KUNIT_EXPECT_EQ(test, wait5s(obj), STATUS_SUCCESS);
	ObDereferenceObject(obj);
	KUNIT_EXPECT_EQ(test, atomic_read(&wdm_reports) - t->reports, 1);
}

static struct kunit_case ps_thread_cases[] = {
	KUNIT_CASE(thread_runs_at_passive_and_signals_exit),
	KUNIT_CASE(thread_terminate_sets_exit_status),
	KUNIT_CASE(thread_object_signalled_only_after_exit),
	KUNIT_CASE(thread_object_outlives_handle),
	KUNIT_CASE(thread_wait_all_on_many),
	KUNIT_CASE(thread_wait_any_first_to_exit),
	KUNIT_CASE(thread_bad_handles),
	KUNIT_CASE(thread_handle_type_and_info),
	KUNIT_CASE(thread_terminate_elsewhere_reported),
	KUNIT_CASE(thread_create_at_dispatch_reported),
	KUNIT_CASE(thread_unload_waits_for_running_thread),
	{}
};

static struct kunit_suite ps_thread_suite = {
	.name = "wdmshim_ps_thread",
	.init = iot_init,
	.exit = iot_exit,
	.test_cases = ps_thread_cases,
};

kunit_test_suites(&ps_thread_suite);
