// SPDX-License-Identifier: GPL-2.0
/*
 * io_cancel_test.c - KUnit tests of IRP cancellation: IoCancelIrp,
 * IoSetCancelRoutine and the cancel spin lock.
 *
 * Semantics are Windows' (DESIGN.md section 4, "IRPs"): under the cancel
 * lock IoCancelIrp sets Irp->Cancel and swaps the cancel routine out; with
 * one, it calls it with the lock still held and Irp->CancelIrql the IRQL
 * to return to (the routine releases the lock) and returns TRUE; without
 * one it releases the lock and returns FALSE. IoSetCancelRoutine returns
 * the routine it replaced.
 */
#include <linux/cpumask.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include "io_harness.h"

/* What a cancel routine saw. */
struct cancel_rec {
	int calls;
	PDEVICE_OBJECT dev;
	PIRP irp;
	BOOLEAN cancel;			/* Irp->Cancel */
	PDRIVER_CANCEL routine;		/* Irp->CancelRoutine */
	KIRQL cancel_irql;		/* Irp->CancelIrql */
	KIRQL irql;			/* IRQL it ran at */
	KIRQL irql_after;		/* after releasing the cancel lock */
	bool complete;			/* complete the IRP (STATUS_CANCELLED) */
	/* lock probe: another CPU trying to take the cancel lock */
	atomic_t *probe;
	bool probe_blocked;
};

static struct cancel_rec *cancel_rec;

static VOID NTAPI record_cancel(PDEVICE_OBJECT dev, PIRP irp)
{
	struct cancel_rec *r = cancel_rec;
	int i;

	r->calls++;
	r->dev = dev;
	r->irp = irp;
	r->cancel = irp->Cancel;
	r->routine = irp->CancelRoutine;
	r->cancel_irql = irp->CancelIrql;
	r->irql = KeGetCurrentIrql();
	if (r->probe) {
		/* Let the prober go, wait until it tries, see it stuck. */
		atomic_set(r->probe, 1);
		for (i = 0; i < 5000 && atomic_read(r->probe) == 1; i++)
			mdelay(1);
		mdelay(20);
		r->probe_blocked = atomic_read(r->probe) == 2;
	}
	IoReleaseCancelSpinLock(irp->CancelIrql);
	r->irql_after = KeGetCurrentIrql();
	if (r->complete) {
		irp->IoStatus.Status = STATUS_CANCELLED;
		irp->IoStatus.Information = 0;
		IoCompleteRequest(irp, IO_NO_INCREMENT);
	}
}

/* Dispatch: pend the IRP, cancellable by record_cancel. */
static NTSTATUS NTAPI pend_cancelable(PDEVICE_OBJECT dev, PIRP irp)
{
	IoMarkIrpPending(irp);
	iot_dev(dev)->pended = irp;
	IoSetCancelRoutine(irp, record_cancel);
	return STATUS_PENDING;
}

static void cancel_without_routine(struct kunit *test)
{
	PDEVICE_OBJECT dev = iot_create(test, NULL, iot_pend, NULL);
	struct iot_origin o;
	PIRP irp;

	irp = iot_irp(test, dev, IRP_MJ_READ, &o);
	KUNIT_EXPECT_EQ(test, IoCallDriver(dev, irp), STATUS_PENDING);
	KUNIT_EXPECT_FALSE(test, IoCancelIrp(irp));
	KUNIT_EXPECT_TRUE(test, irp->Cancel);
	KUNIT_EXPECT_EQ(test, KeGetCurrentIrql(), PASSIVE_LEVEL);
	/* Nothing completed it: the driver still owns it. */
	KUNIT_EXPECT_EQ(test, o.calls, 0);
	irp->IoStatus.Status = STATUS_CANCELLED;
	IoCompleteRequest(irp, IO_NO_INCREMENT);
	KUNIT_EXPECT_EQ(test, o.calls, 1);
	KUNIT_EXPECT_TRUE(test, o.cancel);
	KUNIT_EXPECT_EQ(test, o.status, STATUS_CANCELLED);
	IoFreeIrp(irp);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
}

static void cancel_with_routine(struct kunit *test)
{
	PDEVICE_OBJECT dev = iot_create(test, NULL, pend_cancelable, NULL);
	struct cancel_rec r = { .complete = true };
	struct iot_origin o;
	PIRP irp;

	cancel_rec = &r;
	irp = iot_irp(test, dev, IRP_MJ_READ, &o);
	KUNIT_EXPECT_EQ(test, IoCallDriver(dev, irp), STATUS_PENDING);
	KUNIT_EXPECT_TRUE(test, IoCancelIrp(irp));
	KUNIT_EXPECT_EQ(test, r.calls, 1);
	KUNIT_EXPECT_PTR_EQ(test, r.dev, dev);
	KUNIT_EXPECT_PTR_EQ(test, r.irp, irp);
	/* Called with Cancel set, the routine already swapped out... */
	KUNIT_EXPECT_TRUE(test, r.cancel);
	KUNIT_EXPECT_NULL(test, r.routine);
	/* ...holding the cancel lock at DISPATCH_LEVEL. */
	KUNIT_EXPECT_EQ(test, r.cancel_irql, PASSIVE_LEVEL);
	KUNIT_EXPECT_EQ(test, r.irql, DISPATCH_LEVEL);
	KUNIT_EXPECT_EQ(test, r.irql_after, PASSIVE_LEVEL);
	KUNIT_EXPECT_EQ(test, KeGetCurrentIrql(), PASSIVE_LEVEL);
	KUNIT_EXPECT_EQ(test, o.calls, 1);
	KUNIT_EXPECT_EQ(test, o.status, STATUS_CANCELLED);
	KUNIT_EXPECT_TRUE(test, o.cancel);
	KUNIT_EXPECT_TRUE(test, o.pending);
	IoFreeIrp(irp);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
	cancel_rec = NULL;
}

struct prober {
	atomic_t state;			/* 0 wait, 1 go, 2 trying, 3 got it */
};

static int cancel_lock_prober(void *arg)
{
	struct prober *p = arg;
	KIRQL irql;

	while (atomic_read(&p->state) == 0 && !kthread_should_stop())
		usleep_range(50, 100);
	if (atomic_read(&p->state) == 1) {
		atomic_set(&p->state, 2);
		IoAcquireCancelSpinLock(&irql);
		atomic_set(&p->state, 3);
		IoReleaseCancelSpinLock(irql);
	}
	return iot_wait_for_stop();
}

static void cancel_routine_holds_cancel_lock(struct kunit *test)
{
	PDEVICE_OBJECT dev = iot_create(test, NULL, pend_cancelable, NULL);
	struct cancel_rec r = { .complete = true };
	struct task_struct *task;
	struct prober p;
	struct iot_origin o;
	unsigned int other;
	PIRP irp;
	int i;

	if (num_online_cpus() < 2)
		kunit_skip(test, "needs two CPUs");
	atomic_set(&p.state, 0);
	r.probe = &p.state;
	cancel_rec = &r;
	irp = iot_irp(test, dev, IRP_MJ_READ, &o);
	KUNIT_EXPECT_EQ(test, IoCallDriver(dev, irp), STATUS_PENDING);

	/* The prober runs on the other CPU while we cancel on this one. */
	migrate_disable();
	other = cpumask_any_but(cpu_online_mask, smp_processor_id());
	task = kthread_create(cancel_lock_prober, &p, "kunit_cancel_probe");
	if (IS_ERR(task)) {
		migrate_enable();
		KUNIT_FAIL(test, "kthread_create: %ld", PTR_ERR(task));
		return;
	}
	kthread_bind(task, other);
	wake_up_process(task);
	KUNIT_EXPECT_TRUE(test, IoCancelIrp(irp));
	migrate_enable();

	KUNIT_EXPECT_EQ(test, r.calls, 1);
	/* While the routine ran, the other CPU could not take the lock... */
	KUNIT_EXPECT_TRUE(test, r.probe_blocked);
	/* ...and got it once the routine released it. */
	for (i = 0; i < 1000 && atomic_read(&p.state) != 3; i++)
		usleep_range(1000, 2000);
	KUNIT_EXPECT_EQ(test, atomic_read(&p.state), 3);
	kthread_stop(task);
	KUNIT_EXPECT_EQ(test, o.calls, 1);
	IoFreeIrp(irp);
	cancel_rec = NULL;
}

static void cancel_twice_calls_routine_once(struct kunit *test)
{
	PDEVICE_OBJECT dev = iot_create(test, NULL, pend_cancelable, NULL);
	struct cancel_rec r = { .complete = false };
	struct iot_origin o;
	PIRP irp;

	cancel_rec = &r;
	irp = iot_irp(test, dev, IRP_MJ_READ, &o);
	KUNIT_EXPECT_EQ(test, IoCallDriver(dev, irp), STATUS_PENDING);
	KUNIT_EXPECT_TRUE(test, IoCancelIrp(irp));
	KUNIT_EXPECT_FALSE(test, IoCancelIrp(irp));
	KUNIT_EXPECT_EQ(test, r.calls, 1);
	KUNIT_EXPECT_TRUE(test, irp->Cancel);
	KUNIT_EXPECT_EQ(test, o.calls, 0);
	irp->IoStatus.Status = STATUS_CANCELLED;
	IoCompleteRequest(irp, IO_NO_INCREMENT);
	KUNIT_EXPECT_EQ(test, o.calls, 1);
	IoFreeIrp(irp);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
	cancel_rec = NULL;
}

static VOID NTAPI other_cancel(PDEVICE_OBJECT dev, PIRP irp)
{
	IoReleaseCancelSpinLock(irp->CancelIrql);
}

static void set_cancel_routine_returns_old(struct kunit *test)
{
	PIRP irp = IoAllocateIrp(1, FALSE);

	KUNIT_ASSERT_NOT_NULL(test, irp);
	KUNIT_EXPECT_PTR_EQ(test, IoSetCancelRoutine(irp, record_cancel), NULL);
	KUNIT_EXPECT_PTR_EQ(test, irp->CancelRoutine, &record_cancel);
	KUNIT_EXPECT_PTR_EQ(test, IoSetCancelRoutine(irp, other_cancel),
			    &record_cancel);
	KUNIT_EXPECT_PTR_EQ(test, IoSetCancelRoutine(irp, NULL), &other_cancel);
	KUNIT_EXPECT_PTR_EQ(test, IoSetCancelRoutine(irp, NULL), NULL);
	KUNIT_EXPECT_NULL(test, irp->CancelRoutine);
	IoFreeIrp(irp);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
}

static void cancel_spin_lock_irql(struct kunit *test)
{
	KIRQL irql = 0xff, old;

	IoAcquireCancelSpinLock(&irql);
	KUNIT_EXPECT_EQ(test, KeGetCurrentIrql(), DISPATCH_LEVEL);
	IoReleaseCancelSpinLock(irql);
	KUNIT_EXPECT_EQ(test, irql, PASSIVE_LEVEL);
	KUNIT_EXPECT_EQ(test, KeGetCurrentIrql(), PASSIVE_LEVEL);

	/* Taken at DISPATCH_LEVEL: released back to DISPATCH_LEVEL. */
	KeRaiseIrql(DISPATCH_LEVEL, &old);
	IoAcquireCancelSpinLock(&irql);
	IoReleaseCancelSpinLock(irql);
	KUNIT_EXPECT_EQ(test, irql, DISPATCH_LEVEL);
	KUNIT_EXPECT_EQ(test, KeGetCurrentIrql(), DISPATCH_LEVEL);
	KeLowerIrql(old);
	KUNIT_EXPECT_EQ(test, KeGetCurrentIrql(), PASSIVE_LEVEL);
}

static void cancel_at_dispatch_level(struct kunit *test)
{
	PDEVICE_OBJECT dev = iot_create(test, NULL, pend_cancelable, NULL);
	struct cancel_rec r = { .complete = true };
	struct iot_origin o;
	BOOLEAN cancelled;
	KIRQL old;
	PIRP irp;

	cancel_rec = &r;
	irp = iot_irp(test, dev, IRP_MJ_READ, &o);
	KUNIT_EXPECT_EQ(test, IoCallDriver(dev, irp), STATUS_PENDING);
	KeRaiseIrql(DISPATCH_LEVEL, &old);
	cancelled = IoCancelIrp(irp);
	KUNIT_EXPECT_EQ(test, KeGetCurrentIrql(), DISPATCH_LEVEL);
	KeLowerIrql(old);
	KUNIT_EXPECT_TRUE(test, cancelled);
	KUNIT_EXPECT_EQ(test, r.cancel_irql, DISPATCH_LEVEL);
	KUNIT_EXPECT_EQ(test, r.irql_after, DISPATCH_LEVEL);
	KUNIT_EXPECT_EQ(test, o.calls, 1);
	KUNIT_EXPECT_EQ(test, o.status, STATUS_CANCELLED);
	IoFreeIrp(irp);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
	cancel_rec = NULL;
}

static void cancel_after_routine_cleared(struct kunit *test)
{
	PDEVICE_OBJECT dev = iot_create(test, NULL, pend_cancelable, NULL);
	struct cancel_rec r = { .complete = true };
	struct iot_origin o;
	PIRP irp;

	cancel_rec = &r;
	irp = iot_irp(test, dev, IRP_MJ_READ, &o);
	KUNIT_EXPECT_EQ(test, IoCallDriver(dev, irp), STATUS_PENDING);
	/*
	 * The driver completes it normally: clearing the routine first
	 * tells it no cancellation is in progress.
	 */
	KUNIT_EXPECT_PTR_EQ(test, IoSetCancelRoutine(irp, NULL), &record_cancel);
	irp->IoStatus.Status = STATUS_SUCCESS;
	IoCompleteRequest(irp, IO_NO_INCREMENT);
	KUNIT_EXPECT_EQ(test, o.calls, 1);
	KUNIT_EXPECT_FALSE(test, o.cancel);
	/* A late cancel finds no routine. */
	KUNIT_EXPECT_FALSE(test, IoCancelIrp(irp));
	KUNIT_EXPECT_EQ(test, r.calls, 0);
	IoFreeIrp(irp);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
	cancel_rec = NULL;
}

static struct kunit_case io_cancel_cases[] = {
	KUNIT_CASE(cancel_without_routine),
	KUNIT_CASE(cancel_with_routine),
	KUNIT_CASE(cancel_routine_holds_cancel_lock),
	KUNIT_CASE(cancel_twice_calls_routine_once),
	KUNIT_CASE(set_cancel_routine_returns_old),
	KUNIT_CASE(cancel_spin_lock_irql),
	KUNIT_CASE(cancel_at_dispatch_level),
	KUNIT_CASE(cancel_after_routine_cleared),
	{}
};

static struct kunit_suite io_cancel_suite = {
	.name = "wdmshim_io_cancel",
	.init = iot_init,
	.exit = iot_exit,
	.test_cases = io_cancel_cases,
};

kunit_test_suites(&io_cancel_suite);
