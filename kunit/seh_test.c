// SPDX-License-Identifier: GPL-2.0
/*
 * seh_test.c - KUnit tests of structured exception handling (<excpt.h>,
 * ex/seh.c, ex/probe.c): __try/__except/__finally, __leave,
 * GetExceptionCode(), AbnormalTermination(), ExRaiseStatus(), the
 * ProbeFor* routines and a raising MmProbeAndLockPages().
 *
 * Expected behaviour is the WDK's where wdmshim can give it: a raise
 * lands in the innermost __except whose filter takes it, locals keep the
 * values the body gave them, __finally blocks run on the way (inner
 * first) and see AbnormalTermination(), a filter that declines passes
 * the exception on. Where Linux differs it is as excpt.h documents: a
 * raise no frame takes is reported and returns; leaving a __try/__finally
 * body by return skips the block (reported).
 */
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/interrupt.h>
#include <linux/kthread.h>
#include <linux/bottom_half.h>
#include <linux/slab.h>
#include "wdm_internal.h"
#include "io_harness.h"

#define CODE_A ((NTSTATUS)0xE0000001L)
#define CODE_B ((NTSTATUS)0xE0000002L)

static int reports(void)
{
	return atomic_read(&wdm_reports);
}

/* A call chain @depth deep, each level with a stack array, raising. */
static noinline int deep_raise(int depth, NTSTATUS code)
{
	volatile char pad[64];

	pad[0] = depth;
	if (depth)
		deep_raise(depth - 1, code);
	else
		ExRaiseStatus(code);
	pad[1] = pad[0];
	return pad[1];
}

/* The same depth without raising: KASAN checks its redzones. */
static noinline int deep_touch(int depth)
{
	volatile char pad[64];
	int i;

	for (i = 0; i < 64; i++)
		pad[i] = i;
	if (depth)
		deep_touch(depth - 1);
	return pad[63];
}

static void seh_raise_caught(struct kunit *test)
{
	int before = reports();
	NTSTATUS code = 0;
	int x = 1, handled = 0;

	__try {
		x = 2;
		ExRaiseStatus(CODE_A);
		x = 3;
	} __except(EXCEPTION_EXECUTE_HANDLER) {
		code = GetExceptionCode();
		handled = 1;
	}
	KUNIT_EXPECT_EQ(test, handled, 1);
	KUNIT_EXPECT_EQ(test, code, CODE_A);
	/* the body's store before the raise is seen, the one after is not */
	KUNIT_EXPECT_EQ(test, x, 2);
	KUNIT_EXPECT_EQ(test, reports(), before);
}

static void seh_no_raise(struct kunit *test)
{
	int x = 0, handled = 0;

	__try {
		x = 1;
	} __except(EXCEPTION_EXECUTE_HANDLER) {
		handled = 1;
	}
	KUNIT_EXPECT_EQ(test, x, 1);
	KUNIT_EXPECT_EQ(test, handled, 0);
}

static void seh_raise_from_deep(struct kunit *test)
{
	NTSTATUS code = 0;
	int round;

	for (round = 0; round < 3; round++) {
		__try {
			deep_raise(20, CODE_B);
			code = 1;
		} __except(EXCEPTION_EXECUTE_HANDLER) {
			code = GetExceptionCode();
		}
		KUNIT_EXPECT_EQ(test, code, CODE_B);
		/* the stack the raise skipped is usable again (KASAN) */
		KUNIT_EXPECT_EQ(test, deep_touch(22), 63);
	}
}

static void seh_values(struct kunit *test)
{
	NTSTATUS code = 0;

	__try {
		ExRaiseAccessViolation();
	} __except(EXCEPTION_EXECUTE_HANDLER) {
		code = GetExceptionCode();
	}
	KUNIT_EXPECT_EQ(test, code, STATUS_ACCESS_VIOLATION);
	KUNIT_EXPECT_EQ(test, (u32)code, 0xC0000005U);
	__try {
		ExRaiseDatatypeMisalignment();
	} __except(EXCEPTION_EXECUTE_HANDLER) {
		code = GetExceptionCode();
	}
	KUNIT_EXPECT_EQ(test, (u32)code, 0x80000002U);
	__try {
		ExRaiseStatus(STATUS_INSUFFICIENT_RESOURCES);
	} __except(EXCEPTION_EXECUTE_HANDLER) {
		code = GetExceptionCode();
	}
	KUNIT_EXPECT_EQ(test, code, STATUS_INSUFFICIENT_RESOURCES);
	KUNIT_EXPECT_EQ(test, EXCEPTION_EXECUTE_HANDLER, 1);
	KUNIT_EXPECT_EQ(test, EXCEPTION_CONTINUE_SEARCH, 0);
	KUNIT_EXPECT_EQ(test, EXCEPTION_CONTINUE_EXECUTION, -1);
}

/* A filter that records the code it saw and takes only @want. */
static LONG take_only(NTSTATUS code, NTSTATUS want, NTSTATUS *seen)
{
	*seen = code;
	return code == want ? EXCEPTION_EXECUTE_HANDLER :
	       EXCEPTION_CONTINUE_SEARCH;
}

static void seh_nesting_declined(struct kunit *test)
{
	NTSTATUS inner_seen = 0, outer_seen = 0;
	int inner = 0, outer = 0, after_inner = 0;

	/* the inner filter declines: the outer one takes it */
	__try {
		__try {
			deep_raise(3, CODE_A);
		} __except(take_only(GetExceptionCode(), CODE_B, &inner_seen)) {
			inner = 1;
		}
		after_inner = 1;
	} __except(take_only(GetExceptionCode(), CODE_A, &outer_seen)) {
		outer = 1;
	}
	KUNIT_EXPECT_EQ(test, inner_seen, CODE_A);
	KUNIT_EXPECT_EQ(test, outer_seen, CODE_A);
	KUNIT_EXPECT_EQ(test, inner, 0);
	KUNIT_EXPECT_EQ(test, after_inner, 0);
	KUNIT_EXPECT_EQ(test, outer, 1);
}

static void seh_nesting_taken(struct kunit *test)
{
	NTSTATUS inner_seen = 0, outer_seen = 0;
	int inner = 0, outer = 0, after_inner = 0;

	/* the inner one takes it: the outer never sees it */
	__try {
		__try {
			ExRaiseStatus(CODE_B);
		} __except(take_only(GetExceptionCode(), CODE_B, &inner_seen)) {
			inner = 1;
		}
		after_inner = 1;
	} __except(take_only(GetExceptionCode(), CODE_A, &outer_seen)) {
		outer = 1;
	}
	KUNIT_EXPECT_EQ(test, inner_seen, CODE_B);
	KUNIT_EXPECT_EQ(test, inner, 1);
	KUNIT_EXPECT_EQ(test, after_inner, 1);
	KUNIT_EXPECT_EQ(test, outer, 0);
	KUNIT_EXPECT_EQ(test, outer_seen, 0);
}

static void seh_raise_in_handler(struct kunit *test)
{
	int inner = 0, outer = 0;

	/* a raise in a handler goes to the enclosing frame */
	__try {
		__try {
			ExRaiseStatus(CODE_A);
		} __except(EXCEPTION_EXECUTE_HANDLER) {
			inner = 1;
			ExRaiseStatus(CODE_B);
			inner = 2;
		}
	} __except(EXCEPTION_EXECUTE_HANDLER) {
		outer = GetExceptionCode();
	}
	KUNIT_EXPECT_EQ(test, inner, 1);
	KUNIT_EXPECT_EQ(test, outer, CODE_B);
}

static void seh_continue_execution(struct kunit *test)
{
	NTSTATUS code = 0;
	int inner = 0;

	__try {
		__try {
			ExRaiseStatus(CODE_A);
		} __except(EXCEPTION_CONTINUE_EXECUTION) {
			inner = 1;
		}
	} __except(EXCEPTION_EXECUTE_HANDLER) {
		code = GetExceptionCode();
	}
	KUNIT_EXPECT_EQ(test, inner, 0);
	KUNIT_EXPECT_EQ(test, code, STATUS_NONCONTINUABLE_EXCEPTION);
}

#define LOG(c) (order = order * 10 + (c))

static void seh_finally_order(struct kunit *test)
{
	int order = 0, abnormal_inner = -1, abnormal_outer = -1;

	__try {
		__try {
			__try {
				LOG(1);
				deep_raise(2, CODE_A);
				LOG(9);
			} __finally {
				abnormal_inner = AbnormalTermination();
				LOG(2);
			}
		} __finally {
			abnormal_outer = AbnormalTermination();
			LOG(3);
		}
	} __except(GetExceptionCode() == CODE_A ? (LOG(4), 1) : 0) {
		LOG(5);
	}
	/* body, inner finally, outer finally, filter, handler */
	KUNIT_EXPECT_EQ(test, order, 12345);
	KUNIT_EXPECT_EQ(test, abnormal_inner, 1);
	KUNIT_EXPECT_EQ(test, abnormal_outer, 1);

	/* without an exception: each block once, not abnormal */
	order = 0;
	__try {
		LOG(1);
	} __finally {
		abnormal_inner = AbnormalTermination();
		LOG(2);
	}
	LOG(3);
	KUNIT_EXPECT_EQ(test, order, 123);
	KUNIT_EXPECT_EQ(test, abnormal_inner, 0);
}

static void seh_leave(struct kunit *test)
{
	int x = 0, handled = 0, abnormal = -1;

	__try {
		x = 1;
		__leave;
		x = 2;
	} __except(EXCEPTION_EXECUTE_HANDLER) {
		handled = 1;
	}
	KUNIT_EXPECT_EQ(test, x, 1);
	KUNIT_EXPECT_EQ(test, handled, 0);

	__try {
		x = 3;
		if (x == 3)
			__leave;
		x = 4;
	} __finally {
		abnormal = AbnormalTermination();
		x *= 10;
	}
	KUNIT_EXPECT_EQ(test, x, 30);
	KUNIT_EXPECT_EQ(test, abnormal, 0);

	/* __leave of an inner __try leaves only that one */
	x = 0;
	__try {
		__try {
			__leave;
		} __except(EXCEPTION_EXECUTE_HANDLER) {
			x = -1;
		}
		x = 5;
	} __except(EXCEPTION_EXECUTE_HANDLER) {
		x = -2;
	}
	KUNIT_EXPECT_EQ(test, x, 5);
}

static void seh_no_handler(struct kunit *test)
{
	int before = reports(), after = 0, fin = 0;

	/* no frame at all: reported, and ExRaiseStatus returns */
	ExRaiseStatus(CODE_A);
	KUNIT_EXPECT_EQ(test, reports(), before + 1);

	/* only __finally frames: nothing is unwound either */
	__try {
		ExRaiseStatus(CODE_B);
		after = 1;
	} __finally {
		fin = AbnormalTermination() ? -1 : 1;
	}
	KUNIT_EXPECT_EQ(test, after, 1);
	KUNIT_EXPECT_EQ(test, fin, 1);
	KUNIT_EXPECT_EQ(test, reports(), before + 2);

	/* the thread is intact: a later __try works */
	after = 0;
	__try {
		ExRaiseStatus(CODE_A);
	} __except(EXCEPTION_EXECUTE_HANDLER) {
		after = GetExceptionCode();
	}
	KUNIT_EXPECT_EQ(test, after, CODE_A);
	KUNIT_EXPECT_EQ(test, reports(), before + 2);

	/* declined by every filter: reported, execution goes on after it */
	after = 0;
	__try {
		ExRaiseStatus(CODE_A);
		after = -1;
	} __except(EXCEPTION_CONTINUE_SEARCH) {
		after = -2;
	}
	KUNIT_EXPECT_EQ(test, after, 0);
	KUNIT_EXPECT_EQ(test, reports(), before + 3);
}

static noinline int return_from_try(int *x)
{
	__try {
		*x = 1;
		return 7;
	} __except(EXCEPTION_EXECUTE_HANDLER) {
		*x = -1;
	}
	return 0;
}

static noinline int return_from_finally_try(int *x)
{
	__try {
		*x = 1;
		return 7;
	} __finally {
		*x = 2;
	}
	return 0;
}

static void seh_return_from_body(struct kunit *test)
{
	int before = reports(), x = 0;

	/* the frame is unregistered: a later raise does not land in it */
	KUNIT_EXPECT_EQ(test, return_from_try(&x), 7);
	KUNIT_EXPECT_EQ(test, x, 1);
	ExRaiseStatus(CODE_A);
	KUNIT_EXPECT_EQ(test, reports(), before + 1);

	/* a __finally block is skipped: reported */
	KUNIT_EXPECT_EQ(test, return_from_finally_try(&x), 7);
	KUNIT_EXPECT_EQ(test, x, 1);
	KUNIT_EXPECT_EQ(test, reports(), before + 2);
}

static void seh_break_continue(struct kunit *test)
{
	int i, n = 0, sel, st;

	/* break and continue in a body reach the enclosing loop */
	for (i = 0; i < 5; i++) {
		__try {
			if (i == 1)
				continue;
			if (i == 3)
				break;
			n += 10;
		} __except(EXCEPTION_EXECUTE_HANDLER) {
			n = -1000;
		}
		n++;
	}
	KUNIT_EXPECT_EQ(test, i, 3);
	KUNIT_EXPECT_EQ(test, n, 22);

	/* break in an __except block leaves the enclosing switch */
	for (sel = 0; sel < 2; sel++) {
		st = 0;
		switch (sel) {
		case 0:
			__try {
				ExRaiseStatus(CODE_A);
			} __except(EXCEPTION_EXECUTE_HANDLER) {
				st = GetExceptionCode();
				break;
			}
			st = 99;
			break;
		default:
			__try {
				st = 1;
			} __except(EXCEPTION_EXECUTE_HANDLER) {
				st = -1;
				break;
			}
			st = 2;
			break;
		}
		KUNIT_EXPECT_EQ(test, st, sel == 0 ? CODE_A : 2);
	}
}

static noinline void raise_in_filter_helper(void)
{
	ExRaiseStatus(CODE_B);
}

static LONG raising_filter(void)
{
	raise_in_filter_helper();
	return EXCEPTION_EXECUTE_HANDLER;
}

static void seh_raise_in_filter(struct kunit *test)
{
	NTSTATUS code = 0;
	int inner = 0;

	__try {
		__try {
			ExRaiseStatus(CODE_A);
		} __except(raising_filter()) {
			inner = 1;
		}
	} __except(EXCEPTION_EXECUTE_HANDLER) {
		code = GetExceptionCode();
	}
	KUNIT_EXPECT_EQ(test, inner, 0);
	KUNIT_EXPECT_EQ(test, code, CODE_B);
}

static noinline int finally_returns(void)
{
	__try {
		ExRaiseStatus(CODE_A);
	} __finally {
		return 5;
	}
	return 0;
}

static void seh_finally_left(struct kunit *test)
{
	int before = reports(), r = 0, outer = 0;

	/* leaving the block during an exception drops it (reported) */
	__try {
		r = finally_returns();
	} __except(EXCEPTION_EXECUTE_HANDLER) {
		outer = 1;
	}
	KUNIT_EXPECT_EQ(test, r, 5);
	KUNIT_EXPECT_EQ(test, outer, 0);
	KUNIT_EXPECT_EQ(test, reports(), before + 1);
}

static void seh_many(struct kunit *test)
{
	int i, caught = 0;

	for (i = 0; i < 2000; i++) {
		__try {
			if (i & 1)
				ExRaiseStatus(CODE_A);
		} __except(EXCEPTION_EXECUTE_HANDLER) {
			caught++;
		}
	}
	KUNIT_EXPECT_EQ(test, caught, 1000);
	/* nothing left registered */
	KUNIT_EXPECT_FALSE(test, wdm_seh_raise(CODE_A));
}

static void seh_dispatch_level(struct kunit *test)
{
	KIRQL irql = 0;
	NTSTATUS code = 0;

	/* the handler runs at the IRQL of the raise, as on Windows */
	__try {
		KeRaiseIrql(DISPATCH_LEVEL, &irql);
		ExRaiseStatus(CODE_A);
	} __except(EXCEPTION_EXECUTE_HANDLER) {
		code = GetExceptionCode();
		KUNIT_EXPECT_EQ(test, KeGetCurrentIrql(), DISPATCH_LEVEL);
		KeLowerIrql(irql);
	}
	KUNIT_EXPECT_EQ(test, code, CODE_A);
	KUNIT_EXPECT_EQ(test, KeGetCurrentIrql(), PASSIVE_LEVEL);
}

static void seh_barrier(struct kunit *test)
{
	struct wdm_seh_frame barrier = { 0 };
	int handled = 0;
	bool raised = true;

	__try {
		wdm_seh_barrier_push(&barrier);
		raised = wdm_seh_raise(CODE_A);
		wdm_seh_barrier_pop(&barrier);
		ExRaiseStatus(CODE_B);
	} __except(EXCEPTION_EXECUTE_HANDLER) {
		handled = GetExceptionCode();
	}
	KUNIT_EXPECT_FALSE(test, raised);
	KUNIT_EXPECT_EQ(test, handled, CODE_B);
}

static void seh_probe(struct kunit *test)
{
	static const struct {
		unsigned long addr;
		SIZE_T len;
		ULONG align;
		NTSTATUS want;
	} probes[] = {
		/* a kernel address is no user buffer */
		{ 0, 16, 1, STATUS_ACCESS_VIOLATION },
		/* misaligned: checked first */
		{ 0x10001, 4, 4, STATUS_DATATYPE_MISALIGNMENT },
		{ 0x10002, 8, 8, STATUS_DATATYPE_MISALIGNMENT },
		/* a user address with nothing mapped (no mm in this thread) */
		{ 0x10000, 16, 4, STATUS_ACCESS_VIOLATION },
		/* wrapping past the end of user space */
		{ 0x7ffffffff000UL, 0x2000, 1, STATUS_ACCESS_VIOLATION },
		/* zero length: nothing is checked */
		{ 1, 0, 8, STATUS_SUCCESS },
	};
	void *kbuf = kunit_kzalloc(test, 64, GFP_KERNEL);
	unsigned int i, w;

	KUNIT_ASSERT_NOT_NULL(test, kbuf);
	for (w = 0; w < 2; w++) {
		for (i = 0; i < ARRAY_SIZE(probes); i++) {
			unsigned long addr = probes[i].addr ? probes[i].addr :
					     (unsigned long)kbuf;
			NTSTATUS code = STATUS_SUCCESS;

			__try {
				if (w)
					ProbeForWrite((PVOID)addr, probes[i].len,
						      probes[i].align);
				else
					ProbeForRead((PVOID)addr, probes[i].len,
						     probes[i].align);
			} __except(EXCEPTION_EXECUTE_HANDLER) {
				code = GetExceptionCode();
			}
			KUNIT_EXPECT_EQ_MSG(test, code, probes[i].want,
					    "%s case %u", w ? "write" : "read", i);
		}
	}
}

static void seh_probe_and_lock(struct kunit *test)
{
	u8 *buf = kunit_kzalloc(test, 64, GFP_KERNEL);
	NTSTATUS code = STATUS_SUCCESS;
	int before;
	PMDL mdl;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	/* a kernel buffer probed as a user one: raised */
	mdl = IoAllocateMdl(buf, 64, FALSE, FALSE, NULL);
	KUNIT_ASSERT_NOT_NULL(test, mdl);
	__try {
		MmProbeAndLockPages(mdl, UserMode, IoReadAccess);
		code = STATUS_SUCCESS;
	} __except(EXCEPTION_EXECUTE_HANDLER) {
		code = GetExceptionCode();
	}
	KUNIT_EXPECT_EQ(test, code, STATUS_ACCESS_VIOLATION);
	KUNIT_EXPECT_FALSE(test, mdl->MdlFlags & MDL_PAGES_LOCKED);

	/* a good one locks, no exception */
	code = 1;
	__try {
		MmProbeAndLockPages(mdl, KernelMode, IoModifyAccess);
		code = STATUS_SUCCESS;
	} __except(EXCEPTION_EXECUTE_HANDLER) {
		code = GetExceptionCode();
	}
	KUNIT_EXPECT_EQ(test, code, STATUS_SUCCESS);
	KUNIT_EXPECT_TRUE(test, mdl->MdlFlags & MDL_PAGES_LOCKED);
	MmUnlockPages(mdl);

	/* without a handler: reported, the MDL left unlocked, no raise */
	before = reports();
	MmProbeAndLockPages(mdl, UserMode, IoReadAccess);
	KUNIT_EXPECT_EQ(test, reports(), before + 1);
	KUNIT_EXPECT_FALSE(test, mdl->MdlFlags & MDL_PAGES_LOCKED);
	IoFreeMdl(mdl);
}

/* Another thread's exceptions never land in this thread's frames. */
struct seh_peer {
	struct completion in_try, go, done;
	NTSTATUS code;
};

static int seh_peer_fn(void *arg)
{
	struct seh_peer *p = arg;

	__try {
		complete(&p->in_try);
		wait_for_completion(&p->go);
		ExRaiseStatus(CODE_B);
	} __except(EXCEPTION_EXECUTE_HANDLER) {
		p->code = GetExceptionCode();
	}
	complete(&p->done);
	return 0;
}

static void seh_threads(struct kunit *test)
{
	struct seh_peer p = { 0 };
	struct task_struct *t;
	NTSTATUS mine = 0;

	init_completion(&p.in_try);
	init_completion(&p.go);
	init_completion(&p.done);
	t = kthread_run(seh_peer_fn, &p, "wdm-seh-peer");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	wait_for_completion(&p.in_try);
	__try {
		complete(&p.go);
		wait_for_completion(&p.done);
		ExRaiseStatus(CODE_A);
	} __except(EXCEPTION_EXECUTE_HANDLER) {
		mine = GetExceptionCode();
	}
	KUNIT_EXPECT_EQ(test, p.code, CODE_B);
	KUNIT_EXPECT_EQ(test, mine, CODE_A);
}

/* A softirq has frames of its own: it never lands in the task's. */
struct seh_softirq {
	struct tasklet_struct tasklet;
	struct completion done;
	bool raised;
	NTSTATUS code;
};

static void seh_tasklet_fn(struct tasklet_struct *t)
{
	struct seh_softirq *s = container_of(t, struct seh_softirq, tasklet);

	/* no frame in softirq context: the raise cannot land anywhere */
	s->raised = wdm_seh_raise(CODE_B);
	__try {
		ExRaiseStatus(CODE_A);
	} __except(EXCEPTION_EXECUTE_HANDLER) {
		s->code = GetExceptionCode();
	}
	complete(&s->done);
}

static void seh_softirq_context(struct kunit *test)
{
	struct seh_softirq s = { .raised = true };
	NTSTATUS mine = 0;

	init_completion(&s.done);
	tasklet_setup(&s.tasklet, seh_tasklet_fn);
	__try {
		tasklet_schedule(&s.tasklet);
		wait_for_completion(&s.done);
		ExRaiseStatus(CODE_B);
	} __except(EXCEPTION_EXECUTE_HANDLER) {
		mine = GetExceptionCode();
	}
	tasklet_kill(&s.tasklet);
	KUNIT_EXPECT_FALSE(test, s.raised);
	KUNIT_EXPECT_EQ(test, s.code, CODE_A);
	KUNIT_EXPECT_EQ(test, mine, CODE_B);
}

static struct kunit_case seh_cases[] = {
	KUNIT_CASE(seh_raise_caught),
	KUNIT_CASE(seh_no_raise),
	KUNIT_CASE(seh_raise_from_deep),
	KUNIT_CASE(seh_values),
	KUNIT_CASE(seh_nesting_declined),
	KUNIT_CASE(seh_nesting_taken),
	KUNIT_CASE(seh_raise_in_handler),
	KUNIT_CASE(seh_continue_execution),
	KUNIT_CASE(seh_finally_order),
	KUNIT_CASE(seh_leave),
	KUNIT_CASE(seh_no_handler),
	KUNIT_CASE(seh_return_from_body),
	KUNIT_CASE(seh_break_continue),
	KUNIT_CASE(seh_raise_in_filter),
	KUNIT_CASE(seh_finally_left),
	KUNIT_CASE(seh_many),
	KUNIT_CASE(seh_dispatch_level),
	KUNIT_CASE(seh_barrier),
	KUNIT_CASE(seh_probe),
	KUNIT_CASE(seh_probe_and_lock),
	KUNIT_CASE(seh_threads),
	KUNIT_CASE(seh_softirq_context),
	{}
};

static struct kunit_suite seh_suite = {
	.name = "wdmshim_seh",
	.init = iot_init,
	.exit = iot_exit,
	.test_cases = seh_cases,
};

kunit_test_suites(&seh_suite);
