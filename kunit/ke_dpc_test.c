// SPDX-License-Identifier: GPL-2.0
/*
 * ke_dpc_test.c - KUnit tests of deferred procedure calls (KDPC).
 *
 * Semantics are Windows': KeInsertQueueDpc returns TRUE when it queues
 * the DPC and FALSE when it already is queued (the routine then runs
 * once, with the first queuing's arguments); KeRemoveQueueDpc returns
 * whether it took the DPC off its queue (then it does not run);
 * KeFlushQueuedDpcs returns after every queued and running routine has
 * finished; routines run at DISPATCH_LEVEL. IoInitializeDpcRequest and
 * IoRequestDpc use the device object's own DPC.
 */
#include <kunit/test.h>
#include <linux/atomic.h>
#include <linux/delay.h>
#include <linux/completion.h>
#include "wdm_internal.h"

struct dpc_probe {
	atomic_t runs;
	KIRQL irql;
	PVOID ctx, arg1, arg2;
	struct completion started;
	struct completion release;	/* a blocking routine waits for it */
	bool block;
	KDPC dpc;
};

static VOID NTAPI dpc_routine(PKDPC dpc, PVOID ctx, PVOID a1, PVOID a2)
{
	struct dpc_probe *p = ctx;

	p->irql = KeGetCurrentIrql();
	p->ctx = ctx;
	p->arg1 = a1;
	p->arg2 = a2;
	complete(&p->started);
	/* Only the first run blocks; it spins, not sleeps: DISPATCH_LEVEL. */
	if (xchg(&p->block, false))
		while (!completion_done(&p->release))
			cpu_relax();
	atomic_inc(&p->runs);
}

static struct dpc_probe *probe(struct kunit *test)
{
	struct dpc_probe *p = kunit_kzalloc(test, sizeof(*p), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, p);
	init_completion(&p->started);
	init_completion(&p->release);
	KeInitializeDpc(&p->dpc, dpc_routine, p);
	return p;
}

static void dpc_initialize(struct kunit *test)
{
	struct dpc_probe *p = probe(test);

	KUNIT_EXPECT_EQ(test, p->dpc.Type, DpcObject);
	KUNIT_EXPECT_TRUE(test, p->dpc.DeferredRoutine == dpc_routine);
	KUNIT_EXPECT_PTR_EQ(test, p->dpc.DeferredContext, (PVOID)p);
	KUNIT_EXPECT_NULL(test, p->dpc.DpcData);
}

static void dpc_runs_at_dispatch_with_arguments(struct kunit *test)
{
	struct dpc_probe *p = probe(test);

	KUNIT_EXPECT_TRUE(test, KeInsertQueueDpc(&p->dpc, (PVOID)1, (PVOID)2));
	KeFlushQueuedDpcs();
	KUNIT_EXPECT_EQ(test, atomic_read(&p->runs), 1);
	KUNIT_EXPECT_EQ(test, p->irql, DISPATCH_LEVEL);
	KUNIT_EXPECT_PTR_EQ(test, p->ctx, (PVOID)p);
	KUNIT_EXPECT_PTR_EQ(test, p->arg1, (PVOID)1);
	KUNIT_EXPECT_PTR_EQ(test, p->arg2, (PVOID)2);
	KUNIT_EXPECT_NULL(test, p->dpc.DpcData);
}

static void dpc_queued_twice_runs_once(struct kunit *test)
{
	struct dpc_probe *p = probe(test);
	BOOLEAN first, second;
	KIRQL old;

	/* At DISPATCH_LEVEL the worker of this CPU cannot run meanwhile. */
	old = KeRaiseIrqlToDpcLevel();
	first = KeInsertQueueDpc(&p->dpc, (PVOID)1, NULL);
	second = KeInsertQueueDpc(&p->dpc, (PVOID)2, NULL);
	KeLowerIrql(old);
	KeFlushQueuedDpcs();
	KUNIT_EXPECT_TRUE(test, first);
	KUNIT_EXPECT_FALSE(test, second);
	KUNIT_EXPECT_EQ(test, atomic_read(&p->runs), 1);
	KUNIT_EXPECT_PTR_EQ(test, p->arg1, (PVOID)1);
}

static void dpc_requeue_after_run(struct kunit *test)
{
	struct dpc_probe *p = probe(test);

	KUNIT_EXPECT_TRUE(test, KeInsertQueueDpc(&p->dpc, NULL, NULL));
	KeFlushQueuedDpcs();
	KUNIT_EXPECT_TRUE(test, KeInsertQueueDpc(&p->dpc, NULL, NULL));
	KeFlushQueuedDpcs();
	KUNIT_EXPECT_EQ(test, atomic_read(&p->runs), 2);
}

static void dpc_remove_queued(struct kunit *test)
{
	struct dpc_probe *p = probe(test);
	BOOLEAN queued, removed, again;
	KIRQL old;

	old = KeRaiseIrqlToDpcLevel();
	queued = KeInsertQueueDpc(&p->dpc, NULL, NULL);
	removed = KeRemoveQueueDpc(&p->dpc);
	again = KeRemoveQueueDpc(&p->dpc);
	KeLowerIrql(old);
	KeFlushQueuedDpcs();
	KUNIT_EXPECT_TRUE(test, queued);
	KUNIT_EXPECT_TRUE(test, removed);
	KUNIT_EXPECT_FALSE(test, again);
	KUNIT_EXPECT_EQ(test, atomic_read(&p->runs), 0);
	/* It can be queued again and runs. */
	KUNIT_EXPECT_TRUE(test, KeInsertQueueDpc(&p->dpc, NULL, NULL));
	KeFlushQueuedDpcs();
	KUNIT_EXPECT_EQ(test, atomic_read(&p->runs), 1);
}

static void dpc_remove_not_queued(struct kunit *test)
{
	struct dpc_probe *p = probe(test);

	KUNIT_EXPECT_FALSE(test, KeRemoveQueueDpc(&p->dpc));
}

static void dpc_flush_waits_for_running(struct kunit *test)
{
	struct dpc_probe *p = probe(test);

	p->block = true;
	KUNIT_EXPECT_TRUE(test, KeInsertQueueDpc(&p->dpc, NULL, NULL));
	KUNIT_ASSERT_TRUE(test, wait_for_completion_timeout(&p->started, 5 * HZ));
	/* Running, so no longer queued: it can be queued again. */
	KUNIT_EXPECT_FALSE(test, KeRemoveQueueDpc(&p->dpc));
	KUNIT_EXPECT_TRUE(test, KeInsertQueueDpc(&p->dpc, NULL, NULL));
	msleep(20);
	KUNIT_EXPECT_LE(test, atomic_read(&p->runs), 1);
	complete_all(&p->release);
	KeFlushQueuedDpcs();
	KUNIT_EXPECT_EQ(test, atomic_read(&p->runs), 2);
}

#define DPC_MANY 64

static void dpc_many_each_once(struct kunit *test)
{
	struct dpc_probe *p;
	int i, total = 0;

	p = kunit_kcalloc(test, DPC_MANY, sizeof(*p), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, p);
	for (i = 0; i < DPC_MANY; i++) {
		init_completion(&p[i].started);
		init_completion(&p[i].release);
		KeInitializeDpc(&p[i].dpc, dpc_routine, &p[i]);
	}
	for (i = 0; i < DPC_MANY * 4; i++)
		KeInsertQueueDpc(&p[i % DPC_MANY].dpc, NULL, NULL);
	KeFlushQueuedDpcs();
	for (i = 0; i < DPC_MANY; i++) {
		KUNIT_EXPECT_GE(test, atomic_read(&p[i].runs), 1);
		total += atomic_read(&p[i].runs);
	}
	KUNIT_EXPECT_LE(test, total, DPC_MANY * 4);
	for (i = 0; i < DPC_MANY; i++)
		KUNIT_EXPECT_NULL(test, p[i].dpc.DpcData);
}

static void dpc_flush_at_dispatch_reported(struct kunit *test)
{
	int before = atomic_read(&wdm_reports);
	KIRQL old;

	old = KeRaiseIrqlToDpcLevel();
	KeFlushQueuedDpcs();
	KeLowerIrql(old);
	KUNIT_EXPECT_EQ(test, atomic_read(&wdm_reports), before + 1);
}

struct io_dpc_rec {
	int calls;
	PKDPC dpc;
	PDEVICE_OBJECT dev;
	PIRP irp;
	PVOID ctx;
	KIRQL irql;
};

static VOID NTAPI io_dpc_routine(PKDPC dpc, PDEVICE_OBJECT dev, PIRP irp,
				 PVOID ctx)
{
	struct io_dpc_rec *r = ctx;

	r->calls++;
	r->dpc = dpc;
	r->dev = dev;
	r->irp = irp;
	r->ctx = ctx;
	r->irql = KeGetCurrentIrql();
}

/* IoRequestDpc runs the device's DPC routine (Dpc, Device, Irp, Context). */
static void dpc_io_request_dpc(struct kunit *test)
{
	PDEVICE_OBJECT dev = kunit_kzalloc(test, sizeof(*dev), GFP_KERNEL);
	struct io_dpc_rec *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);
	PIRP irp = (PIRP)0x1000;	/* only passed through */

	KUNIT_ASSERT_NOT_NULL(test, dev);
	KUNIT_ASSERT_NOT_NULL(test, r);
	IoInitializeDpcRequest(dev, io_dpc_routine);
	KUNIT_EXPECT_PTR_EQ(test, dev->Dpc.DeferredContext, (PVOID)dev);
	IoRequestDpc(dev, irp, r);
	KeFlushQueuedDpcs();
	KUNIT_EXPECT_EQ(test, r->calls, 1);
	KUNIT_EXPECT_PTR_EQ(test, r->dpc, &dev->Dpc);
	KUNIT_EXPECT_PTR_EQ(test, r->dev, dev);
	KUNIT_EXPECT_PTR_EQ(test, r->irp, irp);
	KUNIT_EXPECT_PTR_EQ(test, r->ctx, (PVOID)r);
	KUNIT_EXPECT_EQ(test, r->irql, DISPATCH_LEVEL);
}

static struct kunit_case ke_dpc_cases[] = {
	KUNIT_CASE(dpc_initialize),
	KUNIT_CASE(dpc_runs_at_dispatch_with_arguments),
	KUNIT_CASE(dpc_queued_twice_runs_once),
	KUNIT_CASE(dpc_requeue_after_run),
	KUNIT_CASE(dpc_remove_queued),
	KUNIT_CASE(dpc_remove_not_queued),
	KUNIT_CASE(dpc_flush_waits_for_running),
	KUNIT_CASE(dpc_many_each_once),
	KUNIT_CASE(dpc_flush_at_dispatch_reported),
	KUNIT_CASE(dpc_io_request_dpc),
	{}
};

static struct kunit_suite ke_dpc_suite = {
	.name = "wdmshim_ke_dpc",
	.test_cases = ke_dpc_cases,
};

kunit_test_suites(&ke_dpc_suite);
