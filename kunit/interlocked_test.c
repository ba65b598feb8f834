// SPDX-License-Identifier: GPL-2.0
/*
 * interlocked_test.c - KUnit tests of the Interlocked* inlines of wdm.h.
 *
 * The return values follow Windows, and they differ between the routines:
 * InterlockedIncrement, InterlockedDecrement and InterlockedAdd return the
 * NEW value; InterlockedExchange, InterlockedCompareExchange,
 * InterlockedExchangeAdd, InterlockedAnd, InterlockedOr and InterlockedXor
 * return the OLD (initial) value. Arithmetic wraps as two's complement.
 */
#include <kunit/test.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/err.h>
#include "wdm_internal.h"

static void interlocked_increment_decrement_add(struct kunit *test)
{
	LONG v = 5;

	KUNIT_EXPECT_EQ(test, InterlockedIncrement(&v), 6);
	KUNIT_EXPECT_EQ(test, v, 6);
	KUNIT_EXPECT_EQ(test, InterlockedDecrement(&v), 5);
	KUNIT_EXPECT_EQ(test, v, 5);
	KUNIT_EXPECT_EQ(test, InterlockedAdd(&v, 10), 15);
	KUNIT_EXPECT_EQ(test, InterlockedAdd(&v, -20), -5);
	KUNIT_EXPECT_EQ(test, v, -5);

	/* Reference-count idiom: the release that returns 0 is the last. */
	v = 1;
	KUNIT_EXPECT_EQ(test, InterlockedDecrement(&v), 0);
	KUNIT_EXPECT_EQ(test, InterlockedDecrement(&v), -1);

	/* Wrap-around, as 32-bit two's complement. */
	v = MAXLONG;
	KUNIT_EXPECT_EQ(test, InterlockedIncrement(&v), MINLONG);
	KUNIT_EXPECT_EQ(test, InterlockedDecrement(&v), MAXLONG);
}

static void interlocked_exchange_returns_old(struct kunit *test)
{
	LONG v = 7;

	KUNIT_EXPECT_EQ(test, InterlockedExchange(&v, 9), 7);
	KUNIT_EXPECT_EQ(test, v, 9);
	KUNIT_EXPECT_EQ(test, InterlockedExchange(&v, -1), 9);
	KUNIT_EXPECT_EQ(test, v, -1);

	/* ExchangeAdd returns the value before the addition. */
	v = 100;
	KUNIT_EXPECT_EQ(test, InterlockedExchangeAdd(&v, 23), 100);
	KUNIT_EXPECT_EQ(test, v, 123);
	KUNIT_EXPECT_EQ(test, InterlockedExchangeAdd(&v, -123), 123);
	KUNIT_EXPECT_EQ(test, v, 0);
}

static void interlocked_compare_exchange(struct kunit *test)
{
	LONG v = 10;

	/* Match: stores Exchange, returns the old value (== Comperand). */
	KUNIT_EXPECT_EQ(test, InterlockedCompareExchange(&v, 20, 10), 10);
	KUNIT_EXPECT_EQ(test, v, 20);
	/* No match: no store, returns the current value. */
	KUNIT_EXPECT_EQ(test, InterlockedCompareExchange(&v, 30, 10), 20);
	KUNIT_EXPECT_EQ(test, v, 20);
	/* Negative values compare as LONG. */
	v = -1;
	KUNIT_EXPECT_EQ(test, InterlockedCompareExchange(&v, 0, -1), -1);
	KUNIT_EXPECT_EQ(test, v, 0);
}

static void interlocked_bitwise_returns_old(struct kunit *test)
{
	LONG v = 0x0f0f;

	KUNIT_EXPECT_EQ(test, InterlockedAnd(&v, 0x00ff), 0x0f0f);
	KUNIT_EXPECT_EQ(test, v, 0x000f);
	KUNIT_EXPECT_EQ(test, InterlockedOr(&v, 0x0f00), 0x000f);
	KUNIT_EXPECT_EQ(test, v, 0x0f0f);
	KUNIT_EXPECT_EQ(test, InterlockedXor(&v, 0x0ff0), 0x0f0f);
	KUNIT_EXPECT_EQ(test, v, 0x00ff);
	/* The sign bit is an ordinary bit. */
	KUNIT_EXPECT_EQ(test, InterlockedOr(&v, MINLONG), 0x00ff);
	KUNIT_EXPECT_EQ(test, v, (LONG)0x800000ff);
	KUNIT_EXPECT_EQ(test, InterlockedAnd(&v, MAXLONG), (LONG)0x800000ff);
	KUNIT_EXPECT_EQ(test, v, 0x00ff);
}

static void interlocked_64bit(struct kunit *test)
{
	LONG64 v = 0x100000000LL;

	KUNIT_EXPECT_EQ(test, InterlockedIncrement64(&v), 0x100000001LL);
	KUNIT_EXPECT_EQ(test, InterlockedDecrement64(&v), 0x100000000LL);
	KUNIT_EXPECT_EQ(test, InterlockedDecrement64(&v), 0xffffffffLL);
	KUNIT_EXPECT_EQ(test, InterlockedAdd64(&v, 1), 0x100000000LL);
	KUNIT_EXPECT_EQ(test, InterlockedExchangeAdd64(&v, 0x100000000LL),
			0x100000000LL);
	KUNIT_EXPECT_EQ(test, v, 0x200000000LL);
	KUNIT_EXPECT_EQ(test, InterlockedExchange64(&v, -2), 0x200000000LL);
	KUNIT_EXPECT_EQ(test, v, -2LL);
	KUNIT_EXPECT_EQ(test, InterlockedCompareExchange64(&v, 5, -2), -2LL);
	KUNIT_EXPECT_EQ(test, v, 5LL);
	KUNIT_EXPECT_EQ(test, InterlockedCompareExchange64(&v, 6, 0x500000005LL),
			5LL);
	KUNIT_EXPECT_EQ(test, v, 5LL);

	v = 0x0f0f0f0f00000000LL;
	KUNIT_EXPECT_EQ(test, InterlockedOr64(&v, 0xff), 0x0f0f0f0f00000000LL);
	KUNIT_EXPECT_EQ(test, InterlockedAnd64(&v, 0xffff0000000000ffLL),
			0x0f0f0f0f000000ffLL);
	KUNIT_EXPECT_EQ(test, InterlockedXor64(&v, 0x0f0f0000000000ffLL),
			0x0f0f0000000000ffLL);
	KUNIT_EXPECT_EQ(test, v, 0LL);

	v = MAXLONGLONG;
	KUNIT_EXPECT_EQ(test, InterlockedIncrement64(&v), (LONG64)(-MAXLONGLONG - 1));
}

static void interlocked_pointers(struct kunit *test)
{
	int a, b, c;
	PVOID p = &a;

	KUNIT_EXPECT_PTR_EQ(test, InterlockedExchangePointer(&p, &b), (PVOID)&a);
	KUNIT_EXPECT_PTR_EQ(test, p, (PVOID)&b);
	/* Mismatch: unchanged, returns the current pointer. */
	KUNIT_EXPECT_PTR_EQ(test, InterlockedCompareExchangePointer(&p, &c, &a),
			    (PVOID)&b);
	KUNIT_EXPECT_PTR_EQ(test, p, (PVOID)&b);
	/* Match: stored, returns the old pointer. */
	KUNIT_EXPECT_PTR_EQ(test, InterlockedCompareExchangePointer(&p, &c, &b),
			    (PVOID)&b);
	KUNIT_EXPECT_PTR_EQ(test, p, (PVOID)&c);
	/* The one-time-initialisation idiom: install only over NULL. */
	p = NULL;
	KUNIT_EXPECT_NULL(test, InterlockedCompareExchangePointer(&p, &a, NULL));
	KUNIT_EXPECT_PTR_EQ(test, InterlockedCompareExchangePointer(&p, &b, NULL),
			    (PVOID)&a);
	KUNIT_EXPECT_PTR_EQ(test, p, (PVOID)&a);
}

#define INTERLOCKED_ROUNDS 20000

struct interlocked_shared {
	LONG counter;
	LONG64 sum;
	LONG owner;		/* a CompareExchange spin "lock" */
	LONG plain;		/* only changed while owning it */
	LONG started;		/* hands each thread its index */
	struct completion done[2];
};

static int interlocked_worker(void *data)
{
	struct interlocked_shared *s = data;
	int me = InterlockedIncrement(&s->started) - 1;
	int i;

	for (i = 0; i < INTERLOCKED_ROUNDS; i++) {
		InterlockedIncrement(&s->counter);
		InterlockedExchangeAdd64(&s->sum, 3);
		while (InterlockedCompareExchange(&s->owner, 1, 0) != 0)
			cpu_relax();
		s->plain++;
		InterlockedExchange(&s->owner, 0);
	}
	complete(&s->done[me]);
	return 0;
}

/* Two threads, on both CPUs when there are two: no update may be lost. */
static void interlocked_concurrent(struct kunit *test)
{
	struct interlocked_shared *s;
	struct task_struct *t;
	int i;

	s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, s);
	init_completion(&s->done[0]);
	init_completion(&s->done[1]);
	for (i = 0; i < 2; i++) {
		t = kthread_run(interlocked_worker, s, "wdm_kunit_il%d", i);
		if (IS_ERR(t)) {
			/* The first thread, if any, still needs @s. */
			if (i)
				wait_for_completion(&s->done[1]);
			KUNIT_FAIL(test, "kthread_run: %ld", PTR_ERR(t));
			return;
		}
	}
	wait_for_completion(&s->done[0]);
	wait_for_completion(&s->done[1]);
	KUNIT_EXPECT_EQ(test, s->started, 2);
	KUNIT_EXPECT_EQ(test, s->counter, 2 * INTERLOCKED_ROUNDS);
	KUNIT_EXPECT_EQ(test, s->sum, 6LL * INTERLOCKED_ROUNDS);
	KUNIT_EXPECT_EQ(test, s->plain, 2 * INTERLOCKED_ROUNDS);
	KUNIT_EXPECT_EQ(test, s->owner, 0);
}

static struct kunit_case interlocked_cases[] = {
	KUNIT_CASE(interlocked_increment_decrement_add),
	KUNIT_CASE(interlocked_exchange_returns_old),
	KUNIT_CASE(interlocked_compare_exchange),
	KUNIT_CASE(interlocked_bitwise_returns_old),
	KUNIT_CASE(interlocked_64bit),
	KUNIT_CASE(interlocked_pointers),
	KUNIT_CASE(interlocked_concurrent),
	{}
};

static struct kunit_suite interlocked_suite = {
	.name = "wdmshim_interlocked",
	.test_cases = interlocked_cases,
};

kunit_test_suites(&interlocked_suite);
